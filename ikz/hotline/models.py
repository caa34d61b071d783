"""Written hotline inquiries: the inquiry, its thread of messages, internal notes, reference numbers."""

import os

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from ikz.core.files import TrackedFileSystemStorage

from .workdays import working_days_between


class AttachmentStorage(TrackedFileSystemStorage):
    """Attachments are personal data: kept outside MEDIA_ROOT, served only through the admin.

    Tracked, so an attachment written in a rolled-back transaction is deleted again
    (ikz.core.files.files_atomic); the root is read from the settings on every use.
    """

    @property
    def base_location(self):
        return getattr(settings, "HOTLINE_ATTACHMENT_ROOT", settings.BASE_DIR / "private" / "hotline")

    @property
    def location(self):
        return os.path.abspath(self.base_location)


def _attachment_storage():
    return AttachmentStorage(base_url=None)


attachment_storage = SimpleLazyObject(_attachment_storage)


def attachment_storage_get():
    """The field's storage as a callable, so migrations don't record a machine's path."""
    return attachment_storage


class InquiryStatus(models.TextChoices):
    NEW = "neu", _("neu")
    IN_PROGRESS = "in_bearbeitung", _("in Bearbeitung")
    ANSWERED = "beantwortet", _("beantwortet")
    CLOSED = "geschlossen", _("geschlossen")


class InquiryQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=[InquiryStatus.NEW, InquiryStatus.IN_PROGRESS])


class Inquiry(models.Model):
    reference = models.CharField(_("Aktenzeichen"), max_length=20, unique=True, editable=False)
    subject = models.CharField(_("Betreff"), max_length=200)
    question = models.TextField(_("Frage"))
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Körperschaft"),
    )
    municipality_text = models.CharField(_("Körperschaft (Angabe)"), max_length=200, blank=True)
    name = models.CharField(_("Name"), max_length=150, blank=True)
    email = models.EmailField(_("E-Mail-Adresse"), blank=True, db_index=True)
    attachment = models.FileField(
        _("Anhang"), upload_to="%Y/%m/", storage=attachment_storage_get, blank=True, max_length=255
    )
    attachment_name = models.CharField(_("Name des Anhangs"), max_length=200, blank=True)
    consent_text = models.TextField(_("Einwilligungstext"), blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=InquiryStatus.choices, default=InquiryStatus.NEW, db_index=True
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hotline_inquiries",
        verbose_name=_("Zuständig"),
    )
    created_at = models.DateTimeField(_("Eingegangen am"), default=timezone.now, db_index=True)
    answered_at = models.DateTimeField(_("Beantwortet am"), null=True, blank=True)
    closed_at = models.DateTimeField(_("Geschlossen am"), null=True, blank=True)
    personal_data_deleted_at = models.DateTimeField(
        _("Personenbezogene Daten gelöscht am"), null=True, blank=True
    )
    faq_page = models.ForeignKey(
        "faq.FAQPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("FAQ-Entwurf"),
    )

    objects = InquiryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Hotline-Anfrage")
        verbose_name_plural = _("Hotline-Anfragen")

    def __str__(self) -> str:
        return f"{self.reference}: {self.subject}"

    @property
    def municipality_display(self) -> str:
        return str(self.municipality) if self.municipality_id else self.municipality_text

    def working_days_open(self, now=None) -> int:
        return working_days_between(self.created_at, now or timezone.now())

    @property
    def is_overdue(self) -> bool:
        if self.status not in (InquiryStatus.NEW, InquiryStatus.IN_PROGRESS):
            return False
        limit = getattr(settings, "HOTLINE_OVERDUE_WORKING_DAYS", 3)
        return self.working_days_open() > limit

    is_overdue.fget.short_description = _("überfällig")


class MessageKind(models.TextChoices):
    QUESTION = "frage", _("Frage")
    FOLLOW_UP = "nachtrag", _("Nachtrag der anfragenden Person")
    ANSWER = "antwort", _("Antwort der Redaktion")


class InquiryMessage(models.Model):
    """One entry in the inquiry's thread: the question, a follow-up by the sender or an answer."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(_("Art"), max_length=10, choices=MessageKind.choices)
    body = models.TextField(_("Text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("Zeitpunkt"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Nachricht")
        verbose_name_plural = _("Nachrichten")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.created_at:%d.%m.%Y %H:%M})"


class InquiryNote(models.Model):
    """An internal note of the Redaktion; never sent to the sender."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="notes")
    body = models.TextField(_("Notiz"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("Zeitpunkt"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Interne Notiz")
        verbose_name_plural = _("Interne Notizen")

    def __str__(self) -> str:
        return f"Notiz vom {self.created_at:%d.%m.%Y %H:%M}"


class ReferenceCounter(models.Model):
    """The last reference number handed out per year (IKZ-<year>-<6 digits>)."""

    year = models.PositiveIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("Zähler für Aktenzeichen")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"
