from django.conf import settings


def site(request):
    return {"signup_enabled": settings.PROOFSHEET_SIGNUP_ENABLED}
