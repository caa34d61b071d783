from django.apps import AppConfig


class WorkshopConfig(AppConfig):
    name = "ikz.workshop"
    label = "workshop"
    verbose_name = "Kooperationswerkstatt"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals

        signals.connect()
