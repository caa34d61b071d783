from django.apps import AppConfig

# ikz.accounts.roles.ROLE_EDITOR; importing roles here would load auth models too early.
ROLE_EDITOR = "Redaktion"


class QuestionsConfig(AppConfig):
    name = "ikz.questions"
    label = "questions"
    verbose_name = "Kommunen fragen Kommunen"
    default_auto_field = "django.db.models.BigAutoField"
    # Picked up by ikz.accounts.roles.roles_sync(): the Redaktion moderates (hide, edit, lock) and
    # handles reports; the Administration gets the same.
    role_permissions = {
        ROLE_EDITOR: [
            "questions.view_question",
            "questions.change_question",
            "questions.view_report",
            "questions.change_report",
        ]
    }

    def ready(self):
        from ikz.accounts.konto import register_section

        from .search import register_search
        from .selectors import konto_context

        register_search()
        register_section(
            "questions",
            title="Gefolgte Fragen",
            order=30,
            template="questions/includes/konto_section.html",
            context=konto_context,
        )
