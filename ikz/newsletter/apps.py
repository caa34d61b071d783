from django.apps import AppConfig

# ikz.accounts.roles.ROLE_EDITOR; importing roles here would load auth models too early.
ROLE_EDITOR = "Redaktion"


class NewsletterConfig(AppConfig):
    name = "ikz.newsletter"
    label = "newsletter"
    verbose_name = "Newsletter"
    default_auto_field = "django.db.models.BigAutoField"
    # Picked up by ikz.accounts.roles.roles_sync(). Subscriptions change only through their
    # owners' links; the Redaktion sees them, the consent log and the deliveries.
    role_permissions = {
        ROLE_EDITOR: [
            "newsletter.view_subscription",
            "newsletter.view_consentlog",
            "newsletter.view_delivery",
            "newsletter.send_edition",
        ]
    }
