from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "ikz.library"
    label = "library"
    verbose_name = "Wissensdatenbank"
    default_auto_field = "django.db.models.BigAutoField"

    # Picked up by ikz.accounts.roles.role_permissions(): the Redaktion curates law sections.
    role_permissions = {
        "Redaktion": [
            "library.add_lawsection",
            "library.change_lawsection",
            "library.delete_lawsection",
            "library.publish_lawsection",
            "library.lock_lawsection",
        ],
    }

    def ready(self):
        from ikz.accounts.konto import register_section

        from . import signals
        from .konto import konto_context

        signals.connect()
        register_section(
            "checklists",
            title="Ihre Checklisten",
            order=30,
            template="library/includes/konto_checklists.html",
            context=konto_context,
        )
