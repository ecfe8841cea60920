"""Each token has its own rate; the site's session is not throttled by it."""

import pytest


@pytest.fixture
def three_a_minute(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api_token": "3/minute"},
    }


def test_a_token_over_its_rate_is_told_when_to_come_back(
    three_a_minute, api, stranger_api, client, photographer
):
    answers = [api.get("/api/galleries/").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]

    refused = api.get("/api/galleries/")
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    body = refused.json()
    assert body["status"] == 429
    assert body["message"].startswith("Too many requests with this API token. Try again in")

    # Another token has its own count; the site's session is not counted at all.
    assert stranger_api.get("/api/galleries/").status_code == 200
    client.force_login(photographer)
    assert all(client.get("/api/galleries/").status_code == 200 for _ in range(5))
