"""Tokens for integrations (Bearer or Token), the session for the site's JavaScript."""

import pytest
from django.urls import reverse

from proofs_api import services
from proofs_api.models import ApiToken


def test_a_token_reaches_its_photographers_galleries(api_for, photographer, gallery):
    token, key = services.token_create(owner=photographer, name="CRM")
    assert ApiToken.objects.get(pk=token.pk).last_used_at is None

    response = api_for(key=key).get("/api/galleries/")

    assert response.status_code == 200
    assert [g["id"] for g in response.json()["results"]] == [gallery.pk]
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


def test_the_token_keyword_works_too(api_for, photographer, gallery):
    _token, key = services.token_create(owner=photographer, name="Old client")
    api = api_for()
    response = api.get(f"/api/galleries/{gallery.pk}/", headers={"Authorization": f"Token {key}"})
    assert response.status_code == 200


def test_a_revoked_token_is_refused_with_401(api_for, photographer, gallery):
    token, key = services.token_create(owner=photographer, name="Leaked laptop")
    api = api_for(key=key)
    assert api.get(f"/api/galleries/{gallery.pk}/").status_code == 200

    # Revoked through the API itself, with the token being revoked.
    assert api.delete(f"/api/tokens/{token.pk}/").status_code == 204

    response = api.get(f"/api/galleries/{gallery.pk}/")
    assert response.status_code == 401
    body = response.json()
    assert body["status"] == 401
    assert "(“Leaked laptop”) was revoked on" in body["message"]
    assert "Settings → API tokens" in body["message"]
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "header",
    [
        "Bearer psk_000000000000_not-the-secret",
        "Bearer something-else-entirely",
        "Bearer",
        "Bearer two words",
    ],
)
def test_a_wrong_key_is_refused_with_401(api_for, photographer, header):
    services.token_create(owner=photographer, name="Real one")
    response = api_for().get("/api/galleries/", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.json()["message"]


def test_a_key_with_the_right_prefix_and_a_wrong_secret_is_refused(api_for, photographer):
    _token, key = services.token_create(owner=photographer, name="Real one")
    forged = key[:-4] + ("AAAA" if not key.endswith("AAAA") else "BBBB")
    assert api_for(key=forged).get("/api/galleries/").status_code == 401


def test_no_credentials_answer_401_saying_how_to_authenticate(api_for):
    response = api_for().get("/api/galleries/")
    assert response.status_code == 401
    assert "Authorization: Bearer <key>" in response.json()["message"]


def test_the_session_still_works_for_the_sites_javascript_with_csrf(client, photographer, gallery):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(photographer)
    url = reverse("api:gallery-reorder", args=[gallery.pk])

    assert browser.get(reverse("api:gallery-photos", args=[gallery.pk])).status_code == 200
    refused = browser.post(url, {"photo_ids": ["x"]}, content_type="application/json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["message"]

    browser.get(reverse("gallery:detail", args=[gallery.pk]))  # sets the CSRF cookie
    csrf = browser.cookies["csrftoken"].value
    answered = browser.post(
        url, {"photo_ids": ["x"]}, content_type="application/json", HTTP_X_CSRFTOKEN=csrf
    )
    assert answered.status_code == 400  # past authentication and CSRF: "x" is no photo


def test_a_token_cannot_create_tokens_but_a_signed_in_photographer_can(api, client, photographer):
    refused = api.post("/api/tokens/", json={"name": "More"})
    assert refused.status_code == 403
    assert "signed in" in refused.json()["message"]

    client.force_login(photographer)
    created = client.post(
        reverse("api:token-list"), {"name": "From the browser"}, content_type="application/json"
    )
    assert created.status_code == 201
    assert created["Cache-Control"] == "no-store"
    key = created.json()["key"]
    assert key.startswith("psk_")
    token = ApiToken.objects.get(pk=created.json()["id"])
    assert key not in (token.prefix, token.secret_hash)
    assert services.secret_digest(key.split("_", 2)[2]) == token.secret_hash
