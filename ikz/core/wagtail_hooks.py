from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import OutgoingMailViewSet
from .taxonomy import TaskArea


class TaskAreaViewSet(SnippetViewSet):
    model = TaskArea
    icon = "list-ul"
    menu_label = "Aufgabenbereiche"
    list_display = ["name", "parent", "sort_order"]
    list_filter = ["parent"]
    search_fields = ["name"]


register_snippet(TaskAreaViewSet)


@hooks.register("register_admin_viewset")
def register_outgoing_mail_viewset():
    return OutgoingMailViewSet()


@hooks.register("construct_homepage_panels")
def add_redaktion_queues_panel(request, panels):
    from .dashboard import RedaktionQueuesPanel

    panels.append(RedaktionQueuesPanel(request))
