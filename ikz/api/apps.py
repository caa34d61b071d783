from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "ikz.api"
    label = "api"
    verbose_name = "Schnittstellen"
