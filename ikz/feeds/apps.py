from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "ikz.feeds"
    label = "feeds"
    verbose_name = "Feeds"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import sources

        sources.register_installed()
