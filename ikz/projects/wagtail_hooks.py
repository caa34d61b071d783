from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import Project
from .permissions import can_moderate
from .services import ACTION_CONFIRM, ACTION_CREATE, ACTION_SEND_BACK, ACTION_SUBMIT


class ProjectViewSet(SnippetViewSet):
    model = Project
    icon = "group"
    menu_label = "Kooperationsprojekte"
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["title", "live", "moderation_status", "last_confirmed_at"]
    list_filter = ["live", "moderation_status", "legal_form", "phase", "is_example"]
    search_fields = ["title", "summary"]
    panels = [
        FieldPanel("title"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("situation"),
                FieldPanel("goals"),
                FieldPanel("benefits"),
                FieldPanel("lessons_learned"),
            ],
            heading="Inhalt",
        ),
        MultiFieldPanel(
            [
                FieldPanel("savings_eur"),
                FieldPanel("savings_percent"),
                FieldPanel("staff_fte"),
                FieldPanel("quality_note"),
                FieldPanel("baseline"),
            ],
            heading="Nutzen in Zahlen",
        ),
        FieldPanel("task_areas"),
        FieldPanel("legal_form"),
        FieldPanel("legal_form_note"),
        FieldPanel("phase"),
        FieldPanel("start_date"),
        FieldPanel("start_precision"),
        FieldPanel("seat"),
        FieldPanel("term"),
        FieldPanel("cost_sharing"),
        FieldPanel("funding"),
        FieldPanel("funding_programme"),
        InlinePanel("participants", heading="Beteiligte"),
        FieldPanel("participants_count"),
        FieldPanel("participants_note"),
        InlinePanel("documents", heading="Dokumente"),
        InlinePanel("sources", heading="Quellen"),
        FieldPanel("source_as_of"),
        FieldPanel("related_ruling"),
        FieldPanel("related_pages"),
        FieldPanel("is_example"),
    ]


register_snippet(ProjectViewSet)


@hooks.register("register_admin_urls")
def register_moderation_urls():
    urls = [
        path("", admin_views.queue_view, name="queue"),
        path("<int:pk>/", admin_views.decide_view, name="decide"),
    ]
    return [path("projektpruefung/", include((urls, "projects_moderation")))]


class ModerationMenuItem(MenuItem):
    def is_shown(self, request):
        return can_moderate(request.user)

    def render_component(self, request):
        component = super().render_component(request)
        if count := Project.objects.submitted().count():
            component.label = f"{self.label} ({count} offen)"
        return component


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModerationMenuItem(
        "Projektprüfung", reverse("projects_moderation:queue"), icon_name="tasks", order=255
    )


@hooks.register("register_log_actions")
def register_project_actions(actions):
    actions.register_action(ACTION_CREATE, "Projekt angelegt", "Projekt angelegt")
    actions.register_action(ACTION_SUBMIT, "Zur Prüfung eingereicht", "Zur Prüfung eingereicht")
    actions.register_action(ACTION_SEND_BACK, "Zurückgegeben", "Zurückgegeben")
    actions.register_action(ACTION_CONFIRM, "Als aktuell bestätigt", "Als aktuell bestätigt")
