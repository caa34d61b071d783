"""Drafts of the agreement or statute of one Werkstatt (issue 15, item 4; decision 0018).

A draft holds only its own data (name and seat, cost-sharing, public notice, duration …); the
partners, the task and its area come from the Werkstatt. Every save that changes something writes a
`DraftVersion` with everything the generator read, so any version can be downloaded and two versions
compared clause by clause later, whatever happened to the Werkstatt since.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ikz.core.concurrency import VersionedModel


class DraftKind(models.TextChoices):
    OERV_DELEGIEREND = (
        "oerv_delegierend",
        _("Öffentlich-rechtliche Vereinbarung – delegierend (§ 23 GkG NRW)"),
    )
    OERV_MANDATIEREND = (
        "oerv_mandatierend",
        _("Öffentlich-rechtliche Vereinbarung – mandatierend (§ 23 GkG NRW)"),
    )
    SATZUNG = "satzung", _("Verbandssatzung eines Zweckverbandes (§ 9 GkG NRW)")
    VERTRAG = "vertrag", _("Kooperationsvereinbarung – öffentlich-rechtlicher Vertrag (§ 54 VwVfG NRW)")


class Draft(VersionedModel):
    """Edited by several members at once: saved through core.concurrency (decision 0011)."""

    workshop = models.ForeignKey("workshop.Workshop", on_delete=models.CASCADE, related_name="drafts")
    kind = models.CharField(_("Art des Entwurfs"), max_length=20, choices=DraftKind.choices)
    name = models.CharField(_("Name"), max_length=200, blank=True)
    seat = models.CharField(_("Sitz"), max_length=200, blank=True)
    lead_ags = models.CharField(
        _("Übernehmender oder federführender Beteiligter (AGS)"), max_length=8, blank=True
    )
    cost_sharing = models.TextField(_("Kostenverteilung"), blank=True)
    public_notice = models.TextField(_("Form der öffentlichen Bekanntmachung"), blank=True)
    term_years = models.PositiveSmallIntegerField(_("Befristung in Jahren"), null=True, blank=True)
    termination = models.TextField(_("Kündigung"), blank=True)
    start = models.CharField(_("Beginn"), max_length=200, blank=True)
    extra = models.TextField(_("Weitere Bestimmungen"), blank=True)
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
        verbose_name = _("Entwurf")
        verbose_name_plural = _("Entwürfe")

    def __str__(self) -> str:
        return self.get_kind_display()


class DraftVersion(models.Model):
    """One saved state of a draft: the generator's input and the clauses it produced."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("Version"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Von"),
    )
    created_at = models.DateTimeField(_("Gespeichert am"), default=timezone.now)
    snapshot = models.JSONField(_("Eingaben"), default=dict)
    clauses = models.JSONField(_("Klauseln"), default=list)
    missing = models.JSONField(_("Fehlende Pflichtinhalte"), default=list)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("Fassung eines Entwurfs")
        verbose_name_plural = _("Fassungen eines Entwurfs")
        constraints = [models.UniqueConstraint(fields=["draft", "number"], name="agreements_version_once")]

    def __str__(self) -> str:
        return f"{self.draft} – Version {self.number}"
