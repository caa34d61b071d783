"""Moderation of „Kommunen fragen Kommunen“ in the admin: threads and reports."""

from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .admin_views import QuestionIndexView, QuestionModerationView, ReportIndexView, ReportOpenView
from .models import Question, Report


class QuestionViewSet(ModelViewSet):
    model = Question
    name = "questions_question"
    url_prefix = "fragen"
    icon = "help"
    menu_label = "Fragen der Mitglieder"
    index_view_class = QuestionIndexView
    edit_view_class = QuestionModerationView
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "title",
        "author",
        "municipality",
        "is_public",
        "hidden_at",
        "locked_at",
        "last_activity_at",
    ]
    list_filter = ["is_public", "task_area"]
    search_fields = ["title", "body"]
    form_fields = ["title"]


class ReportViewSet(ModelViewSet):
    model = Report
    name = "questions_report"
    url_prefix = "fragen-meldungen"
    icon = "warning"
    menu_label = "Meldungen"
    index_view_class = ReportIndexView
    edit_view_class = ReportOpenView
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["question", "target_label", "reporter", "reason", "created_at", "handled_at"]
    list_filter = ["handled_at"]
    form_fields = ["reason"]

    @cached_property
    def menu_item_class(self):
        base = super().menu_item_class

        class OpenCountMenuItem(base):
            def render_component(self, request):
                component = super().render_component(request)
                if count := Report.objects.filter(handled_at__isnull=True).count():
                    component.label = f"{self.label} ({count} offen)"
                return component

        return OpenCountMenuItem


class QuestionsGroup(ViewSetGroup):
    menu_label = "Kommunen fragen Kommunen"
    menu_icon = "help"
    menu_order = 270
    items = (QuestionViewSet, ReportViewSet)


@hooks.register("register_admin_viewset")
def register_questions_viewsets():
    return QuestionsGroup()
