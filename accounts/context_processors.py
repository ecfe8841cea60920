from django.conf import settings


def site(request):
    return {
        "signup_enabled": settings.PROOFSHEET_SIGNUP_ENABLED,
        # Pages that keep signed image URLs renew them before this runs out.
        "image_url_seconds": settings.PROOFSHEET_IMAGE_URL_SECONDS,
        # A signed-in photographer without a zone: the page loads js/timezone.js to learn it.
        "time_zone_unset": request.user.is_authenticated
        and not getattr(request, "photographer_time_zone", ""),
    }
