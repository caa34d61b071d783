"""Documents of a Werkstatt (versioned) and its publication as a project (issue 15, items 3 and 6).

Files are working papers of a cooperation in preparation: they live in a private storage outside
MEDIA_ROOT (no public URL exists for them) and are served only by views_files.document_download,
which reaches the Werkstatt through selectors.workshop_for_member like every other page.
Imported at the end of models.py.
"""

import os
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from ikz.core.files import TrackedFileSystemStorage

from .models import Workshop

__all__ = ["WorkshopDocument", "WorkshopDocumentVersion", "WorkshopPublication"]

# Activity kinds written by the document and publication services. Plain values beside
# models.ActivityKind (the list only labels entries; the summary says what happened).
ACTIVITY_DOCUMENT = "document"  # = ActivityKind.DOCUMENT
ACTIVITY_PUBLISHED = "published"  # = ActivityKind.PUBLISHED
ACTIVITY_LABELS = {ACTIVITY_DOCUMENT: "Dokument", ACTIVITY_PUBLISHED: "als Projekt eingereicht"}


class WorkshopFileStorage(TrackedFileSystemStorage):
    """Outside MEDIA_ROOT: WORKSHOP_FILE_ROOT, else a sibling "werkstatt" of the hotline's private root.

    Tracked, so a file written in a rolled-back transaction is deleted again (core.files.files_atomic);
    the root is read from the settings on every use (tests point it elsewhere).
    """

    @property
    def base_location(self):
        root = getattr(settings, "WORKSHOP_FILE_ROOT", None)
        if root:
            return root
        hotline = getattr(settings, "HOTLINE_ATTACHMENT_ROOT", None)
        return Path(hotline).parent / "werkstatt" if hotline else settings.BASE_DIR / "private" / "werkstatt"

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError(
            "Dateien der Werkstatt haben keine Adresse; ausgeliefert werden sie nur über die Werkstatt."
        )


workshop_file_storage = SimpleLazyObject(lambda: WorkshopFileStorage(base_url=None))


def workshop_file_storage_get():
    """The field's storage as a callable, so migrations don't record a machine's path."""
    return workshop_file_storage


class WorkshopDocument(models.Model):
    """One document of the Werkstatt; its file comes in versions (WorkshopDocumentVersion)."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("Bezeichnung"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("Angelegt am"), default=timezone.now)
    updated_at = models.DateTimeField(_("Zuletzt geändert am"), default=timezone.now)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("Dokument der Werkstatt")
        verbose_name_plural = _("Dokumente der Werkstatt")

    def __str__(self) -> str:
        return self.title

    @property
    def latest(self) -> "WorkshopDocumentVersion | None":
        versions = getattr(self, "_prefetched_objects_cache", {}).get("versions")
        if versions is not None:
            return max(versions, key=lambda v: v.number, default=None)
        return self.versions.order_by("-number").first()


class WorkshopDocumentVersion(models.Model):
    """One uploaded file of a document. Older versions stay downloadable."""

    document = models.ForeignKey(WorkshopDocument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("Fassung"))
    file = models.FileField(_("Datei"), upload_to="%Y/%m/", storage=workshop_file_storage_get, max_length=255)
    filename = models.CharField(_("Dateiname"), max_length=255)
    kind = models.CharField(_("Dateityp"), max_length=10)
    size = models.PositiveBigIntegerField(_("Größe in Bytes"))
    comment = models.CharField(_("Was ist neu?"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("Hochgeladen am"), default=timezone.now)

    class Meta:
        ordering = ["document", "-number"]
        verbose_name = _("Fassung eines Dokuments")
        verbose_name_plural = _("Fassungen von Dokumenten")
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="workshop_document_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.document} – Fassung {self.number}"


class WorkshopPublication(models.Model):
    """The project a Werkstatt was published as (one per Werkstatt)."""

    workshop = models.OneToOneField(Workshop, on_delete=models.CASCADE, related_name="publication")
    project = models.ForeignKey(
        "projects.Project", null=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("Projekt"),
    )  # fmt: skip
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("Eingereicht am"), default=timezone.now)

    class Meta:
        verbose_name = _("Veröffentlichung einer Werkstatt")
        verbose_name_plural = _("Veröffentlichungen von Werkstätten")

    def __str__(self) -> str:
        return f"{self.workshop} → {self.project}"
