from django.apps import AppConfig, apps

# ikz.accounts.roles.ROLE_EDITOR; importing roles here would load auth models too early.
ROLE_EDITOR = "Redaktion"


class FundingConfig(AppConfig):
    name = "ikz.funding"
    label = "funding"
    verbose_name = "Förderprogramme"
    default_auto_field = "django.db.models.BigAutoField"
    # Picked up by ikz.accounts.roles.roles_sync(); pages themselves use Wagtail's page permissions.
    role_permissions = {
        ROLE_EDITOR: [
            "funding.add_applicanttype",
            "funding.change_applicanttype",
            "funding.delete_applicanttype",
            "funding.view_applicanttype",
        ]
    }

    def ready(self):
        from ikz.accounts.konto import register_section

        from .selectors import konto_context

        register_section(
            "funding",
            title="Abonnierte Förderprogramme",
            order=50,
            template="funding/includes/konto_section.html",
            context=konto_context,
        )
        if apps.is_installed("ikz.search"):
            from .search import register_search

            register_search()
