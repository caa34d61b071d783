"""Admin views of the Redaktion: entries not reviewed for twelve months; import of law texts."""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import PageReportView

from ikz.core.collation import collated
from ikz.core.files import ArchiveTooLarge
from ikz.core.text import number_de

from .importer import import_entries, open_lines
from .models import LibraryEntryPage
from .tree import library_tree_ensure

REVIEW_INTERVAL_DAYS = 365


def entries_not_reviewed(*, today: datetime.date | None = None):
    """Entries whose "Stand" is older than 12 months, or that were never reviewed and went
    live more than 12 months ago."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=REVIEW_INTERVAL_DAYS)
    cutoff_dt = timezone.make_aware(datetime.datetime.combine(cutoff, datetime.time.min))
    return LibraryEntryPage.objects.filter(
        Q(last_reviewed__lt=cutoff) | Q(last_reviewed__isnull=True, first_published_at__lt=cutoff_dt)
    ).order_by("last_reviewed", collated("title"))


class NotReviewedReportView(PageReportView):
    page_title = _("Nicht geprüft seit 12 Monaten")
    header_icon = "time"
    index_url_name = "library_not_reviewed"
    index_results_url_name = "library_not_reviewed_results"
    list_export = PageReportView.list_export + ["last_reviewed"]
    export_headings = {**PageReportView.export_headings, "last_reviewed": _("Stand (zuletzt geprüft)")}
    any_permission_required = ["add", "change", "publish"]

    def get_filename(self):
        return f"nicht-geprueft-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        editable = self.permission_policy.instances_user_has_permission_for(self.request.user, "change")
        self.queryset = entries_not_reviewed().filter(pk__in=editable.values("pk")).specific(defer=True)
        return super().get_queryset()


# --- Import of law texts (JSON Lines) by the Redaktion -----------------------------------------

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_UPLOAD_LINES = 20_000  # a law or a few; whole corpora go through `manage.py import_library`
IMPORT_PERMISSIONS = ("library.add_lawsection", "library.change_lawsection")


class LibraryImportForm(forms.Form):
    file = forms.FileField(
        label=_("Datei"),
        help_text=_(
            "JSON Lines wie in docs/library-import.md beschrieben, auch gzip-komprimiert; höchstens "
            "20 MB und 20.000 Zeilen. Vorhandene Einträge werden über „external_id“ aktualisiert."
        ),
    )
    label = forms.CharField(
        label=_("Bezeichnung des Imports"),
        max_length=200,
        required=False,
        help_text=_(
            "Zum Beispiel „GkG NRW, Stand 05.03.2024“. Steht bei den neuen Texten und bei den früheren "
            "Fassungen, die sie ablösen. Ohne Angabe gilt der Dateiname."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _(
                    "Die Datei ist größer als 20 MB. Große Bestände bitte mit „manage.py import_library“ einlesen."
                )
            )
        return upload


def _bounded(lines, errors: list[str]):
    """The first MAX_UPLOAD_LINES lines; a note in `errors` when the file has more."""
    limit = MAX_UPLOAD_LINES
    for number, line in enumerate(lines, start=1):
        if number > limit:
            errors.append(
                f"Die Datei hat mehr als {number_de(limit)} Zeilen; nur die ersten wurden gelesen. "
                "Große Bestände bitte mit „manage.py import_library“ einlesen."
            )
            return
        yield line


class LibraryImportView(WagtailAdminTemplateMixin, TemplateView):
    """Upload a JSON Lines file: new laws and sections are created, changed texts replace the stored
    ones, which stay as earlier Fassungen (importer.py)."""

    template_name = "library/admin/import.html"
    page_title = _("Gesetzestexte importieren")
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perms(IMPORT_PERMISSIONS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", LibraryImportForm())
        return context

    def post(self, request, *args, **kwargs):
        form = LibraryImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["file"]
        label = form.cleaned_data["label"] or upload.name
        library_tree_ensure()
        late_errors: list[str] = []
        try:
            summary = import_entries(_bounded(open_lines(upload.file), late_errors), label=label)
        except (ArchiveTooLarge, OSError, EOFError, UnicodeDecodeError) as exc:
            form.add_error("file", _("Die Datei konnte nicht gelesen werden: %(reason)s") % {"reason": exc})
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(request, summary.text())
        return self.render_to_response(
            self.get_context_data(
                form=LibraryImportForm(),
                summary=summary,
                errors=summary.errors[:200],
                more_errors=max(0, len(summary.errors) - 200),
                late_errors=late_errors,
            )
        )
