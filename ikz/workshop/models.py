"""The Kooperationswerkstatt: a private workspace of the people preparing one cooperation.

Only the people in a Werkstatt see it (see selectors.workshop_for_member); its address carries an
unguessable key, and every address answers 404 to everyone else, the Redaktion included.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ikz.core.concurrency import VersionedModel


class Workshop(VersionedModel):
    """Title, task and partners are edited by several members: saved through core.concurrency."""

    key = models.UUIDField(_("Schlüssel"), default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("Titel"), max_length=200)
    task_area = models.ForeignKey(
        "core.TaskArea",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Aufgabenbereich"),
    )
    task = models.TextField(_("Aufgabe"), blank=True)
    partners = models.ManyToManyField(
        "municipalities.Municipality", blank=True, related_name="+", verbose_name=_("Partner-Körperschaften")
    )
    # The assistant's answers as its result URL carries them (ikz.assistant: answers live in the URL).
    assistant_query = models.TextField(_("Antworten des Kooperationsassistenten"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Angelegt von"),
    )
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Geändert am"), auto_now=True)
    archived_at = models.DateTimeField(_("Archiviert am"), null=True, blank=True)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Archiviert von"),
    )

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("Werkstatt")
        verbose_name_plural = _("Werkstätten")

    def __str__(self) -> str:
        return self.title

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class Role(models.TextChoices):
    LEAD = "leitung", _("Leitung")
    CONTRIBUTOR = "mitwirkend", _("Mitwirkende")


class WorkshopMember(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workshop_memberships"
    )
    role = models.CharField(_("Rolle"), max_length=12, choices=Role.choices, default=Role.CONTRIBUTOR)
    added_at = models.DateTimeField(_("Dabei seit"), auto_now_add=True)

    class Meta:
        ordering = ["added_at"]
        verbose_name = _("Mitglied der Werkstatt")
        verbose_name_plural = _("Mitglieder der Werkstatt")
        constraints = [models.UniqueConstraint(fields=["workshop", "user"], name="workshop_member_once")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"

    @property
    def is_lead(self) -> bool:
        return self.role == Role.LEAD


class Invitation(models.Model):
    """An invitation by e-mail. The link's token is stored only as its SHA-256 hash."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("E-Mail-Adresse"))
    role = models.CharField(_("Rolle"), max_length=12, choices=Role.choices, default=Role.CONTRIBUTOR)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("Eingeladen am"), auto_now_add=True)
    expires_at = models.DateTimeField(_("Gültig bis"))
    accepted_at = models.DateTimeField(_("Angenommen am"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(_("Zurückgezogen am"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        indexes = [models.Index(fields=["email"])]

    def __str__(self) -> str:
        return f"{self.email} → {self.workshop}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > timezone.now()


class ActivityKind(models.TextChoices):
    CREATED = "created", _("angelegt")
    EDITED = "edited", _("Angaben geändert")
    INVITED = "invited", _("eingeladen")
    JOINED = "joined", _("beigetreten")
    REMOVED = "removed", _("entfernt")
    ARCHIVED = "archived", _("archiviert")
    NOTE_ADDED = "note_added", _("Notiz angelegt")
    NOTE_CHANGED = "note_changed", _("Notiz geändert")
    RESULT_SAVED = "result_saved", _("Ergebnis übernommen")
    PLAN = "plan", _("Plan")
    CHECKLIST = "checklist", _("Checkliste")
    DOCUMENT = "document", _("Dokument")
    PUBLISHED = "published", _("als Projekt eingereicht")
    DRAFT_CREATED = "draft_created", _("Entwurf angelegt")
    DRAFT_SAVED = "draft_saved", _("Entwurf gespeichert")


class Activity(models.Model):
    """Who did what when – the Werkstatt's activity list. Written by the services only."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="activities")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Wer"),
    )
    at = models.DateTimeField(_("Wann"), default=timezone.now)
    kind = models.CharField(_("Art"), max_length=20, choices=ActivityKind.choices)
    summary = models.CharField(_("Was"), max_length=400)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("Aktivität")
        verbose_name_plural = _("Aktivitäten")
        indexes = [models.Index(fields=["workshop", "-at"])]

    def __str__(self) -> str:
        return self.summary


class NoteKind(models.TextChoices):
    NOTE = "notiz", _("Notiz")
    DECISION = "beschluss", _("Beschluss")


class Note(VersionedModel):
    """A note or decision several members edit: saved through core.concurrency (decision 0011)."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField(_("Art"), max_length=10, choices=NoteKind.choices, default=NoteKind.NOTE)
    title = models.CharField(_("Überschrift"), max_length=200)
    text = models.TextField(_("Text"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("Geändert am"), default=timezone.now)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("Notiz oder Beschluss")
        verbose_name_plural = _("Notizen und Beschlüsse")

    def __str__(self) -> str:
        return self.title


from .models_files import *  # noqa: E402, F403 - documents and publication (issue 15), in their own module
from .models_plan import *  # noqa: E402, F403 - plan, checklist runs, notifications (issue 15), in their own module
