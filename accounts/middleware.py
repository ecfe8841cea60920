"""Every page in the signed-in photographer's time zone."""

from . import selectors, timezones


class PhotographerTimeZoneMiddleware:
    """Makes the signed-in photographer's zone the current one for the view, so pages
    show times in it and forms read typed-in times in it; UTC (the site's default) for
    everyone else. `request.photographer_time_zone` is "" while the photographer has none
    (the page then asks the browser for it: static/js/timezone.js).

    The REST API is the exception: it reads and writes UTC whoever calls it, the site's own
    scripts included (docs/api.md), so its views skip the studio's look-up altogether."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.photographer_time_zone = ""
        try:
            return self.get_response(request)
        finally:
            # The zone is per thread: the next request on it starts from the default.
            timezones.activate("")

    def process_view(self, request, view_func, _view_args, _view_kwargs):
        view_class = getattr(view_func, "cls", None)  # DRF's as_view() sets it
        if isinstance(view_class, type):
            # Imported here, not with the middleware: a DRF view's own module has loaded it,
            # and a new Lambda instance's first page need not (issue 14).
            from rest_framework.views import APIView

            if issubclass(view_class, APIView):
                return
        user = request.user
        name = selectors.time_zone_for(owner=user) if user.is_authenticated else ""
        request.photographer_time_zone = name
        timezones.activate(name)
