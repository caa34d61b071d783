from django.apps import AppConfig

# ikz.accounts.roles.ROLE_EDITOR; importing roles here would load auth models too early.
ROLE_EDITOR = "Redaktion"


class FaqConfig(AppConfig):
    name = "ikz.faq"
    label = "faq"
    verbose_name = "FAQ"
    default_auto_field = "django.db.models.BigAutoField"
    # Picked up by ikz.accounts.roles.roles_sync(); pages themselves use Wagtail's page permissions.
    role_permissions = {
        ROLE_EDITOR: [
            "faq.add_faqcategory",
            "faq.change_faqcategory",
            "faq.delete_faqcategory",
            "faq.view_faqcategory",
            "faq.view_faqfeedback",
        ]
    }
