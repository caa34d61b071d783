"""Files attached to entries, and the text extracted from them in the background."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.documents import get_document_model_string
from wagtail.models import Orderable

from .base import LibraryEntryPage


class ExtractionStatus(models.TextChoices):
    PENDING = "pending", _("ausstehend")
    DONE = "done", _("erledigt")
    FAILED = "failed", _("fehlgeschlagen")


class DocumentText(models.Model):
    """Volltext of one Wagtail document. Kept apart from the document model so the portal can
    use Wagtail's stock Document (no swappable model to set before the first migration)."""

    document = models.OneToOneField(
        get_document_model_string(), on_delete=models.CASCADE, related_name="library_text"
    )
    text = models.TextField(_("Volltext"), blank=True)
    status = models.CharField(
        _("Status der Textextraktion"),
        max_length=10,
        choices=ExtractionStatus.choices,
        default=ExtractionStatus.PENDING,
    )
    error = models.TextField(_("Fehler der Textextraktion"), blank=True)
    file_hash = models.CharField(max_length=64, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Volltext eines Dokuments")
        verbose_name_plural = _("Volltexte der Dokumente")

    def __str__(self) -> str:
        return f"{self.document} ({self.get_status_display()})"


class EntryDocument(Orderable):
    page = ParentalKey(LibraryEntryPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        get_document_model_string(), on_delete=models.PROTECT, related_name="+", verbose_name=_("Datei")
    )
    label = models.CharField(_("Bezeichnung"), max_length=200, blank=True)
    members_only = models.BooleanField(
        _("Nur für Mitglieder"),
        default=False,
        help_text=_(
            "Die Datei (und ihr Volltext) nur für bestätigte Mitglieder, auch wenn der Eintrag öffentlich ist."
        ),
    )

    panels = [FieldPanel("document"), FieldPanel("label"), FieldPanel("members_only")]

    class Meta(Orderable.Meta):
        verbose_name = _("Datei")
        verbose_name_plural = _("Dateien")

    @property
    def text_record(self):
        try:
            return self.document.library_text
        except DocumentText.DoesNotExist:
            return None

    def extracted_text(self) -> str:
        record = self.text_record
        return record.text if record and record.status == ExtractionStatus.DONE else ""

    @property
    def display_label(self) -> str:
        return self.label or self.document.title
