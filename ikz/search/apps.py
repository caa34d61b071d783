from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "ikz.search"
    label = "search"
    verbose_name = "Suche"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import adapters

        adapters.register_installed()
