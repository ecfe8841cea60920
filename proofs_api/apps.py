from django.apps import AppConfig


class ProofsApiConfig(AppConfig):
    name = "proofs_api"
    verbose_name = "API"
