from django.apps import AppConfig

# ikz.accounts.roles.ROLE_EDITOR; importing roles here would load auth models too early.
ROLE_EDITOR = "Redaktion"


class SearchConfig(AppConfig):
    name = "ikz.search"
    label = "search"
    verbose_name = "Suche"
    default_auto_field = "django.db.models.BigAutoField"
    # Picked up by ikz.accounts.roles.roles_sync(): the Redaktion keeps the vocabulary and the weights per kind and law (issue 13).
    role_permissions = {
        ROLE_EDITOR: [
            f"search.{action}_{model}"
            for model in ("searchsynonym", "searchprior")
            for action in ("view", "add", "change", "delete")
        ],
    }

    def ready(self) -> None:
        from . import adapters

        adapters.register_installed()
