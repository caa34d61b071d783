from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Contact


class ContactViewSet(SnippetViewSet):
    model = Contact
    icon = "group"
    menu_label = "Ansprechpartner"
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["name", "kind", "regierungsbezirk", "live", "updated_at"]
    list_filter = ["kind", "regierungsbezirk", "live"]
    search_fields = ["name", "helps_with", "person_name"]


register_snippet(ContactViewSet)
