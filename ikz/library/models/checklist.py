"""Checklists: ordered steps written by the Redaktion, worked through by members."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ikz.core.concurrency import VersionedModel
from ikz.core.models import RICH_TEXT_FEATURES

from .base import LibraryEntryPage


class ChecklistPage(RoutablePageMixin, LibraryEntryPage):
    intro = RichTextField(_("Einleitung"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("steps", label=_("Schritte"), min_num=1),
        *LibraryEntryPage.metadata_panels,
    ]
    search_fields = LibraryEntryPage.search_fields + [
        index.SearchField("intro"),
        index.RelatedFields("steps", [index.SearchField("title"), index.SearchField("explanation")]),
    ]
    parent_page_types = ["library.LibraryIndexPage", "library.LibraryFolderPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Checkliste")
        verbose_name_plural = _("Checklisten")

    @path("")
    def checklist_view(self, request):
        from ..views import checklist_view

        return checklist_view(request, self)

    @path("lauf/<int:run_id>/")
    def run_view(self, request, run_id):
        from ..views import checklist_run_view

        return checklist_run_view(request, self, run_id)

    @path("pdf/")
    def pdf_view(self, request):
        from ..views import checklist_pdf_view

        return checklist_pdf_view(request, self)


class ChecklistStep(Orderable):
    page = ParentalKey(ChecklistPage, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField(_("Schritt"), max_length=300)
    explanation = models.TextField(
        _("Erläuterung"),
        blank=True,
        help_text=_("Verweise wie „§ 24 Abs. 2 GkG NRW“ werden automatisch verlinkt."),
    )
    references = models.CharField(
        _("Rechtsgrundlagen"),
        max_length=500,
        blank=True,
        help_text=_("z. B. „§ 4 GkG NRW; § 108 Abs. 6 GWB“"),
    )

    panels = [FieldPanel("title"), FieldPanel("explanation"), FieldPanel("references")]

    class Meta(Orderable.Meta):
        verbose_name = _("Schritt")
        verbose_name_plural = _("Schritte")

    def __str__(self) -> str:
        return self.title


class ChecklistRun(VersionedModel):
    """One member's pass through a checklist; shared, it is open to colleagues of the Körperschaft.

    Colleagues may edit it at the same time: saves merge per step field (see
    ``ikz.core.concurrency``), the version column makes the write a compare-and-swap.
    """

    checklist = models.ForeignKey(ChecklistPage, on_delete=models.CASCADE, related_name="runs")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checklist_runs"
    )
    title = models.CharField(_("Bezeichnung"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Geteilt mit der Körperschaft"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("Bearbeitung einer Checkliste")
        verbose_name_plural = _("Bearbeitungen von Checklisten")

    def __str__(self) -> str:
        return self.title or f"{self.checklist.title} ({self.owner})"

    @property
    def is_shared(self) -> bool:
        return self.municipality_id is not None


class ChecklistStepState(models.Model):
    run = models.ForeignKey(ChecklistRun, on_delete=models.CASCADE, related_name="states")
    step = models.ForeignKey(ChecklistStep, on_delete=models.CASCADE, related_name="+")
    done = models.BooleanField(_("erledigt"), default=False)
    note = models.TextField(_("Notiz"), blank=True, max_length=4000)
    updated_at = models.DateTimeField(auto_now=True)
    # Who last changed the tick or the note of this step, and when (shown beside the step).
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("zuletzt geändert von"),
    )
    changed_at = models.DateTimeField(_("zuletzt geändert am"), null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "step"], name="library_stepstate_unique")]

    def __str__(self) -> str:
        return f"{self.run_id}/{self.step_id}: {'erledigt' if self.done else 'offen'}"
