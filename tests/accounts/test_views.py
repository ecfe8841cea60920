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
