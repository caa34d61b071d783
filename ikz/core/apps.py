from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ikz.core"
    label = "core"
    verbose_name = "Portal"
