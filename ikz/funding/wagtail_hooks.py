from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ApplicantType


class ApplicantTypeViewSet(SnippetViewSet):
    model = ApplicantType
    icon = "group"
    menu_label = "Antragsberechtigte"
    list_display = ["name", "slug", "sort_order"]


register_snippet(ApplicantTypeViewSet)
