"""A URLconf for tests/core/test_deferred_urls.py: whether it was imported is what they check."""

from django.http import HttpResponse
from django.urls import path

app_name = "later"


def there(request, number):
    return HttpResponse(f"there {number}")


urlpatterns = [path("there/<int:number>/", there, name="there")]
