"""The Werkstatt's plan, its checklist runs and each member's choice of e-mail (issue 15, item 3).

Imported at the end of models.py, so Django finds the models in the app `workshop`.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ikz.core.concurrency import VersionedModel

__all__ = [
    "Milestone",
    "MilestoneStatus",
    "NotificationSetting",
    "NotifyMode",
    "Plan",
    "WorkshopChecklistRun",
]


class Plan(models.Model):
    """One plan per Werkstatt: the legal form its milestones were derived from."""

    workshop = models.OneToOneField("workshop.Workshop", on_delete=models.CASCADE, related_name="plan")
    legal_form = models.CharField(_("Rechtsform"), max_length=30)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("Angelegt am"), default=timezone.now)

    class Meta:
        verbose_name = _("Plan der Werkstatt")
        verbose_name_plural = _("Pläne der Werkstätten")

    def __str__(self) -> str:
        return f"Plan: {self.workshop}"

    @property
    def legal_form_label(self) -> str:
        from ikz.assistant.models import Form

        return str(Form(self.legal_form).label) if self.legal_form in Form.values else self.legal_form


class MilestoneStatus(models.TextChoices):
    OPEN = "offen", _("offen")
    IN_PROGRESS = "in_arbeit", _("in Arbeit")
    DONE = "erledigt", _("erledigt")
    DROPPED = "entfaellt", _("entfällt")


class Milestone(VersionedModel):
    """A step of the plan; several members edit it, saved through core.concurrency (decision 0011)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="milestones")
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    title = models.CharField(_("Meilenstein"), max_length=300)
    description = models.TextField(_("Erläuterung"), blank=True, max_length=4000)
    citations = models.CharField(_("Rechtsgrundlagen"), max_length=500, blank=True)
    # The assistant's rule it was derived from ("" for a milestone the members added themselves).
    rule_key = models.CharField(_("Regel des Assistenten"), max_length=80, blank=True)
    due_date = models.DateField(_("Termin"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Verantwortlich"),
    )
    status = models.CharField(
        _("Stand"), max_length=12, choices=MilestoneStatus.choices, default=MilestoneStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("Angelegt am"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("Geändert am"), default=timezone.now)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("Meilenstein")
        verbose_name_plural = _("Meilensteine")

    def __str__(self) -> str:
        return self.title

    @property
    def citation_list(self) -> list[str]:
        return [c.strip() for c in self.citations.split(";") if c.strip()]


class WorkshopChecklistRun(models.Model):
    """A run of a library checklist that belongs to a Werkstatt: all its members see and tick it."""

    workshop = models.ForeignKey("workshop.Workshop", on_delete=models.CASCADE, related_name="checklist_runs")
    run = models.OneToOneField("library.ChecklistRun", on_delete=models.CASCADE, related_name="workshop_link")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(_("Begonnen am"), default=timezone.now)

    class Meta:
        ordering = ["started_at", "pk"]
        verbose_name = _("Checkliste der Werkstatt")
        verbose_name_plural = _("Checklisten der Werkstätten")

    def __str__(self) -> str:
        return f"{self.run} ({self.workshop})"


class NotifyMode(models.TextChoices):
    NOW = "sofort", _("sofort, bei jeder Änderung")
    DAILY = "taeglich", _("einmal täglich als Zusammenfassung")
    NONE = "keine", _("keine E-Mails")


class NotificationSetting(models.Model):
    """Which mails one member of one Werkstatt wants. No row means: none."""

    member = models.OneToOneField(
        "workshop.WorkshopMember", on_delete=models.CASCADE, related_name="notification"
    )
    mode = models.CharField(_("E-Mails"), max_length=10, choices=NotifyMode.choices, default=NotifyMode.NONE)
    # The daily digest has covered every activity up to this moment (never twice, never older ones).
    digest_until = models.DateTimeField(_("Zusammenfassung bis"), default=timezone.now)
    changed_at = models.DateTimeField(_("Geändert am"), default=timezone.now)

    class Meta:
        verbose_name = _("Benachrichtigung")
        verbose_name_plural = _("Benachrichtigungen")

    def __str__(self) -> str:
        return f"{self.member}: {self.get_mode_display()}"
