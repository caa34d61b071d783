from django.apps import AppConfig

# ikz.accounts.roles.ROLE_EDITOR; importing roles here would load auth models too early.
ROLE_EDITOR = "Redaktion"


class HotlineConfig(AppConfig):
    name = "ikz.hotline"
    label = "hotline"
    verbose_name = "Hotline"
    default_auto_field = "django.db.models.BigAutoField"
    # Picked up by ikz.accounts.roles.roles_sync(): only the Redaktion sees inquiries.
    role_permissions = {
        ROLE_EDITOR: ["hotline.view_inquiry", "hotline.change_inquiry"],
    }
