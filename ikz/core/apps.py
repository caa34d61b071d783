from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ikz.core"
    label = "core"
    verbose_name = "Portal"
    # The Redaktion maintains the task-area vocabulary and watches the delivery of outgoing mail
    # (see ikz.accounts.roles).
    role_permissions = {
        "Redaktion": [
            "core.add_taskarea",
            "core.change_taskarea",
            "core.delete_taskarea",
            "core.view_taskarea",
            "core.view_outgoingmail",
            "core.resend_outgoingmail",
        ],
    }
