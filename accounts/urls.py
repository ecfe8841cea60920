from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("settings/", views.settings_page, name="settings"),
    path("settings/time-zone/", views.time_zone_learn, name="time_zone_learn"),
]

# Beside django.contrib.auth's views under accounts/, without a namespace as theirs are.
signup_urlpatterns = [path("signup/", views.signup, name="signup")]
