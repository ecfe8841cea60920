"""The admin site's URLconf (`admin.site.urls`), a module so config.urls can defer it."""

from django.contrib import admin

app_name = "admin"
urlpatterns = admin.site.get_urls()
