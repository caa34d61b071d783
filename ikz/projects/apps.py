from django.apps import AppConfig

# The role names of ikz/accounts/roles.py (importing it here would load models too early).
ROLE_MEMBER = "Mitglied"
ROLE_EDITOR = "Redaktion"


class ProjectsConfig(AppConfig):
    name = "ikz.projects"
    label = "projects"
    verbose_name = "Kooperationsprojekte"
    default_auto_field = "django.db.models.BigAutoField"

    # Members contribute through the front-end form (object rules in permissions.py decide
    # which projects); the Redaktion moderates in the Wagtail admin.
    role_permissions = {
        ROLE_MEMBER: ["projects.add_project", "projects.add_partnerrequest"],
        ROLE_EDITOR: [
            "projects.add_project",
            "projects.change_project",
            "projects.view_project",
            "projects.publish_project",
            "projects.view_partnerrequest",
            "projects.change_partnerrequest",
        ],
    }

    def ready(self):
        from ikz.accounts.konto import register_section

        from . import search  # noqa: F401 - registers the search adapter when ikz.search is installed
        from .konto import konto_context

        register_section(
            "projects",
            title="Projekte Ihrer Körperschaft",
            order=20,
            template="projects/includes/konto_section.html",
            context=konto_context,
        )
