"""The search in the Wagtail admin: the editable vocabulary (Einstellungen → Suchvokabular) and the
weights per kind and law (Einstellungen → Suchgewichtung, with the weights in force)."""

from django.core.exceptions import PermissionDenied
from django.db.models.signals import post_delete, post_save
from django.shortcuts import render
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .adapters import KIND_LABELS
from .forms import SearchPriorForm
from .models import SearchPrior, SearchSynonym
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


SearchPrior.base_form_class = SearchPriorForm


class SearchPriorViewSet(SnippetViewSet):
    model = SearchPrior
    icon = "resubmit"
    menu_label = "Suchgewichtung (Einträge)"
    menu_name = "search-priors"
    add_to_settings_menu = True
    list_display = ["kind", "law", "factor", "note"]
    ordering = ["kind", "law"]
    copy_view_enabled = False
    panels = [
        FieldPanel("kind"),
        FieldPanel("law"),
        FieldPanel("factor"),
        FieldPanel("note"),
        FieldPanel("base_version"),
    ]


register_snippet(SearchPriorViewSet)


def priors_overview(request):
    """Every weight in force – kinds and laws – with where it comes from (default, data, Redaktion)."""
    if not request.user.has_perm("search.view_searchprior") and not request.user.has_perm(
        "search.change_searchprior"
    ):
        raise PermissionDenied
    from .priors import LAW_MIN_CITING, LAW_PRIOR_MAX, current_priors

    priors = current_priors()
    edited = {(p.kind, p.law.strip()): p.pk for p in SearchPrior.objects.all()}
    kinds = [
        {"label": label, "key": key, "factor": priors.kinds.get(key, 1.0),
         "origin": priors.origin.get(("kind", key), "neutral"), "pk": edited.get((key, ""))}
        for key, label in KIND_LABELS.items()
    ]  # fmt: skip
    laws = sorted(set(priors.laws) | set(priors.citing), key=lambda law: (-priors.laws.get(law, 1.0), law))
    law_rows = [
        {"key": law, "factor": priors.laws.get(law, 1.0), "citing": priors.citing.get(law, 0),
         "origin": priors.origin.get(("law", law), "neutral"), "pk": edited.get(("", law))}
        for law in laws
    ]  # fmt: skip
    return render(request, "search/admin/priors.html", {
        "kinds": kinds, "laws": law_rows, "law_max": LAW_PRIOR_MAX, "law_min": LAW_MIN_CITING,
        "add_url": reverse("wagtailsnippets_search_searchprior:add"),
        "list_url": reverse("wagtailsnippets_search_searchprior:list"),
    })  # fmt: skip


@hooks.register("register_admin_urls")
def register_priors_urls():
    return [path("suche/gewichtung/", priors_overview, name="search_priors")]


class _PriorsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("search.view_searchprior") or request.user.has_perm(
            "search.change_searchprior"
        )


@hooks.register("register_settings_menu_item")
def register_priors_menu_item():
    return _PriorsMenuItem(
        "Suchgewichtung (wirksam)", reverse("search_priors"), icon_name="resubmit", order=900
    )
