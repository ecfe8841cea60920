from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Studio
from gallery import branding


def _fields(**changes):
    fields = {
        "name": "Harbour Light Studio",
        "email": "hello@harbourlight.example",
        "website": "https://harbourlight.example/",
        "phone": "+44 20 7946 0001",
        "accent_colour": "#8a3b12",
    }
    return {**fields, **changes}


def test_settings_saves_the_studio_and_its_logo(signed_in, photographer, logo_png):
    logo = SimpleUploadedFile("logo.png", logo_png, content_type="image/png")

    response = signed_in.post(reverse("gallery:studio"), {**_fields(), "logo": logo})

    assert response.status_code == 302
    studio = Studio.objects.get(owner=photographer)
    assert (studio.name, studio.accent_colour) == ("Harbour Light Studio", "#8a3b12")
    assert branding.studio_logo_bytes(studio=studio) != logo_png  # re-encoded, not as sent
    page = signed_in.get(reverse("accounts:settings")).content.decode()
    assert 'value="Harbour Light Studio"' in page and "studio-logo-preview" in page


def test_settings_shows_what_is_wrong_and_saves_nothing(signed_in, photographer):
    def pdf():
        return SimpleUploadedFile("logo.png", b"%PDF-1.4", content_type="image/png")

    response = signed_in.post(
        reverse("gallery:studio"), {**_fields(accent_colour="orange"), "logo": pdf()}
    )
    assert response.status_code == 400
    assert "#rrggbb" in response.content.decode()
    response = signed_in.post(reverse("gallery:studio"), {**_fields(), "logo": pdf()})
    assert response.status_code == 400
    assert "PDF" in response.content.decode()
    assert not Studio.objects.filter(owner=photographer).exists()


def test_the_logo_can_be_removed(signed_in, studio_with_logo):
    response = signed_in.post(reverse("gallery:studio"), {**_fields(), "remove_logo": "on"})

    assert response.status_code == 302
    studio_with_logo.refresh_from_db()
    assert not studio_with_logo.has_logo


def test_the_photographer_chooses_their_time_zone_in_settings(signed_in, photographer):
    page = signed_in.get(reverse("accounts:settings")).content.decode()
    assert '<option value="Asia/Kolkata">' in page and "your browser&#x27;s zone" in page

    response = signed_in.post(reverse("gallery:studio"), _fields(time_zone="Mars/Olympus_Mons"))
    assert response.status_code == 400
    assert not Studio.objects.filter(owner=photographer).exists()

    response = signed_in.post(reverse("gallery:studio"), _fields(time_zone="Asia/Kolkata"))
    assert response.status_code == 302
    assert Studio.objects.get(owner=photographer).time_zone == "Asia/Kolkata"
    page = signed_in.get(reverse("accounts:settings")).content.decode()
    assert '<option value="Asia/Kolkata" selected>' in page
