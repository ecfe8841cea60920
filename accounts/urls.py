from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [path("settings/", views.settings_page, name="settings")]

# Beside django.contrib.auth's views under accounts/, without a namespace as theirs are.
signup_urlpatterns = [path("signup/", views.signup, name="signup")]
