from django.apps import AppConfig


class WorkshopConfig(AppConfig):
    name = "ikz.workshop"
    label = "workshop"
    verbose_name = "Kooperationswerkstatt"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from ikz.accounts.konto import register_section

        from . import signals
        from .selectors import konto_context

        signals.connect()
        from . import digest

        digest.connect()  # e-mail about the activity (at once / daily), see digest.py
        register_section(
            "workshops",
            title="Werkstätten",
            order=10,
            template="workshop/includes/profile_section.html",
            context=konto_context,
        )
