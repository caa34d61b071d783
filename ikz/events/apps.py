from django.apps import AppConfig

# ikz.accounts.roles.ROLE_EDITOR; importing roles here would load auth models too early.
ROLE_EDITOR = "Redaktion"


class EventsConfig(AppConfig):
    name = "ikz.events"
    label = "events"
    verbose_name = "Veranstaltungen"
    default_auto_field = "django.db.models.BigAutoField"
    # Picked up by ikz.accounts.roles.roles_sync(): the Redaktion sees the participant lists
    # (events are pages: their editing rights come with the page tree).
    role_permissions = {ROLE_EDITOR: ["events.view_registration"]}

    def ready(self):
        from wagtail.signals import page_published

        from ikz.accounts.konto import register_section

        from . import search
        from .models import EventPage
        from .selectors import konto_context

        search.register()
        page_published.connect(_seats_after_publish, sender=EventPage, dispatch_uid="events-seats-fill")
        register_section(
            "events",
            title="Ihre Veranstaltungen",
            order=40,
            template="events/includes/konto_section.html",
            context=konto_context,
        )


def _seats_after_publish(sender, instance, **kwargs):
    """More seats published: whoever waits moves up at once (with a mail)."""
    from .services import seats_fill

    seats_fill(event=instance)
