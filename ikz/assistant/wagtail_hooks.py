from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import FundingProgramme, Rule


class RuleViewSet(SnippetViewSet):
    model = Rule
    icon = "tasks"
    menu_label = "Regeln des Assistenten"
    list_display = ["title", "key", "check_area", "kind", "stand"]
    list_filter = ["check_area", "kind"]
    search_fields = ["title", "key", "text", "citations"]


class FundingProgrammeViewSet(SnippetViewSet):
    model = FundingProgramme
    icon = "pick"
    menu_label = "Förderprogramme"
    list_display = ["name", "stand"]


register_snippet(RuleViewSet)
register_snippet(FundingProgrammeViewSet)
