from django.apps import AppConfig

# ikz.accounts.roles.ROLE_EDITOR; importing roles here would load auth models too early.
ROLE_EDITOR = "Redaktion"


class AssistantConfig(AppConfig):
    name = "ikz.assistant"
    label = "assistant"
    verbose_name = "Kooperationsassistent"
    default_auto_field = "django.db.models.BigAutoField"
    # Picked up by ikz.accounts.roles.roles_sync(): the Redaktion reviews and adjusts the rules and figures.
    role_permissions = {
        ROLE_EDITOR: [
            "assistant.view_rule",
            "assistant.add_rule",
            "assistant.change_rule",
            "assistant.view_fundingprogramme",
            "assistant.change_fundingprogramme",
        ],
    }
