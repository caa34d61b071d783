from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import FAQCategory, FAQFeedback


class FAQCategoryViewSet(SnippetViewSet):
    model = FAQCategory
    icon = "folder-open-1"
    menu_label = "FAQ-Kategorien"
    list_display = ["name", "sort_order"]


register_snippet(FAQCategoryViewSet)


class FAQFeedbackViewSet(ModelViewSet):
    """Which answers help and which fail: read-only counters for the Redaktion."""

    model = FAQFeedback
    name = "faq_feedback"
    url_prefix = "faq-bewertungen"
    icon = "help"
    menu_label = "FAQ-Bewertungen"
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["page", "helpful", "not_helpful", "helpful_share", "updated_at"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields: list[str] = []


@hooks.register("register_admin_viewset")
def register_faq_feedback_viewset():
    return FAQFeedbackViewSet()
