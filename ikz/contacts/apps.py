from django.apps import AppConfig

# ikz.accounts.roles.ROLE_EDITOR; importing roles here would load auth models too early.
ROLE_EDITOR = "Redaktion"


class ContactsConfig(AppConfig):
    name = "ikz.contacts"
    label = "contacts"
    verbose_name = "Ansprechpartner"
    default_auto_field = "django.db.models.BigAutoField"
    role_permissions = {
        ROLE_EDITOR: [
            "contacts.add_contact",
            "contacts.change_contact",
            "contacts.delete_contact",
            "contacts.view_contact",
        ]
    }

    def ready(self):
        from . import search  # noqa: F401 - registers the search adapter when ikz.search is installed
