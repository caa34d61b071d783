"""The editable search vocabulary in the Wagtail admin (Einstellungen → Suchvokabular)."""

from django.db.models.signals import post_delete, post_save
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SearchSynonym
from .synonyms import clear_cache


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = "Suchvokabular"
    menu_name = "search-vocabulary"
    add_to_settings_menu = True
    list_display = ["term", "expansions", "two_way"]
    list_filter = ["two_way"]
    search_fields = ["term", "expansions"]
    ordering = ["term"]


register_snippet(SearchSynonymViewSet)

# Other processes pick an edit up within synonyms.TTL seconds.
post_save.connect(clear_cache, sender=SearchSynonym, dispatch_uid="search-synonym-saved")
post_delete.connect(clear_cache, sender=SearchSynonym, dispatch_uid="search-synonym-deleted")
