from django.urls import reverse

from accounts import sections


def test_signup_can_be_turned_off(client, settings, db):
    assert client.get("/accounts/signup/").status_code == 200
    settings.PROOFSHEET_SIGNUP_ENABLED = False
    assert client.get("/accounts/signup/").status_code == 404


def test_the_settings_page_shows_the_sections_other_apps_register(signed_in):
    # The galleries app registers the studio, the API app its tokens and webhooks;
    # accounts imports neither.
    templates = [section.template for section in sections.registered()]
    assert templates == ["gallery/studio_section.html", "proofs_api/settings_section.html"]

    response = signed_in.get(reverse("accounts:settings"))

    assert response.status_code == 200
    assert response.request["PATH_INFO"] == "/settings/"
    page = response.content.decode()
    assert "Signed in as" in page and 'id="api-tokens"' in page and 'id="studio"' in page


def test_the_browser_s_zone_is_learned_once_and_a_bad_one_refused(signed_in, photographer):
    url = reverse("accounts:time_zone_learn")

    def send(body):
        return signed_in.post(url, body, content_type="application/json")

    assert send({"time_zone": "Mars/Olympus_Mons"}).json()["message"].startswith("“Mars/")
    assert send({}).status_code == 400
    assert send({"time_zone": "Asia/Kolkata"}).status_code == 204
    assert send({"time_zone": "America/New_York"}).status_code == 204  # kept, not changed
    assert photographer.studio.time_zone == "Asia/Kolkata"
    assert signed_in.get(url).status_code == 405


def test_only_a_signed_in_photographer_has_a_zone_to_learn(client, db):
    response = client.post(
        reverse("accounts:time_zone_learn"), {"time_zone": "UTC"}, content_type="application/json"
    )
    assert response.status_code == 403
