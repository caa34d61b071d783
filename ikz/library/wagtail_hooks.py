from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import document_access
from .admin_views import IMPORT_PERMISSIONS, LibraryImportView, NotReviewedReportView
from .models import LawSection


class LawSectionViewSet(SnippetViewSet):
    model = LawSection
    icon = "doc-full"
    menu_label = _("Paragrafen")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["label", "heading", "law", "live", "version_date"]
    list_filter = {"law__jurisdiction": ["exact"], "live": ["exact"]}
    search_fields = ["label", "heading", "external_id"]
    list_per_page = 50
    ordering = ["law__abbreviation", "sort_order"]
    copy_view_enabled = False


register_snippet(LawSectionViewSet)


@hooks.register("register_admin_urls")
def register_library_report_urls():
    view = NotReviewedReportView
    return [
        path("berichte/nicht-geprueft/", view.as_view(), name="library_not_reviewed"),
        path(
            "berichte/nicht-geprueft/ergebnisse/",
            view.as_view(results_only=True),
            name="library_not_reviewed_results",
        ),
        path("wissen/import/", LibraryImportView.as_view(), name="library_import"),
    ]


class _ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perms(IMPORT_PERMISSIONS)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return _ImportMenuItem(
        _("Gesetzestexte importieren"), reverse("library_import"), icon_name="upload", order=211
    )


class _ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtailadmin.access_admin")


@hooks.register("register_reports_menu_item")
def register_not_reviewed_menu_item():
    return _ReportMenuItem(
        _("Nicht geprüft seit 12 Monaten"), reverse("library_not_reviewed"), icon_name="time", order=1200
    )


# Only documents of published, public content are public (ikz.library.document_access).
hooks.register("before_serve_document", document_access.before_serve_document)


@hooks.register("before_serve_page")
def members_only_teaser(page, request, serve_args, serve_kwargs):
    from .members import serve_teaser

    return serve_teaser(page, request, serve_args, serve_kwargs)
