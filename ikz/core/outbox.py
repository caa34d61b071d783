"""The outbox: every mail the portal sends is a row here first, sent by a task that gets only its id.

A row holds the bodies only until the mail is delivered (or given up and pruned), so no
password-reset, confirmation or follow-up link stays at rest in the task queue or the database.
The Redaktion sees the remaining delivery log (recipient, subject, purpose, times, last error) in
the admin under "E-Mail-Zustellung".
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MailStatus(models.TextChoices):
    QUEUED = "queued", _("Wartet auf Versand")
    SENDING = "sending", _("Wird gesendet")
    SENT = "sent", _("Zugestellt")
    FAILED = "failed", _("Nicht zustellbar")


# What the Redaktion reads for a mail's `purpose` (the code's label stays in the row).
PURPOSE_LABELS = {
    "accounts.email_confirmation": "Registrierung: Adresse bestätigen",
    "accounts.password_reset": "Passwort zurücksetzen",
    "accounts.membership_requested": "Mitgliedschaft beantragt (an die Redaktion)",
    "accounts.membership_decided": "Mitgliedschaft entschieden",
    "accounts.membership_ended": "Mitgliedschaft beendet",
    "hotline.confirmation": "Hotline: Eingangsbestätigung",
    "hotline.editorial_notice": "Hotline: Hinweis an die Redaktion",
    "hotline.answer": "Hotline: Antwort",
    "newsletter.confirm": "Newsletter: Anmeldung bestätigen",
    "events.confirm": "Veranstaltung: Anmeldung bestätigen",
    "events.already": "Veranstaltung: bereits angemeldet",
    "events.registered": "Veranstaltung: Anmeldung bestätigt",
    "events.waitlisted": "Veranstaltung: Warteliste",
    "events.moved_up": "Veranstaltung: von der Warteliste nachgerückt",
    "events.cancelled": "Veranstaltung: Abmeldung",
    "events.reminder": "Veranstaltung: Erinnerung",
    "projects.project_submitted": "Projekt eingereicht (an die Redaktion)",
    "projects.project_decided": "Projekt entschieden",
    "projects.project_reminder": "Projekt: Aktualität bestätigen",
    "projects.partner_answer": "Antwort auf eine Partnersuche",
    "questions.answer": "Kommunen fragen Kommunen: neue Antwort (an Folgende)",
    "questions.report": "Kommunen fragen Kommunen: Meldung (an die Redaktion)",
}


class OutgoingMailQuerySet(models.QuerySet):
    def due(self, *, now=None):
        return self.filter(status=MailStatus.QUEUED, next_attempt_at__lte=now or timezone.now())

    def undelivered(self):
        return self.exclude(status=MailStatus.SENT)

    def failed(self):
        """Given up after every retry: the Redaktion must look (admin menu and dashboard count these)."""
        return self.filter(status=MailStatus.FAILED)


class OutgoingMail(models.Model):
    purpose = models.CharField(_("Anlass"), max_length=60)
    to = models.JSONField(_("Empfänger"), default=list)
    reply_to = models.CharField(_("Antwort an"), max_length=254, blank=True)
    subject = models.CharField(_("Betreff"), max_length=300)
    text_body = models.TextField(_("Text"), blank=True)
    html_body = models.TextField(_("HTML"), blank=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=MailStatus.choices, default=MailStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("Versuche"), default=0)
    next_attempt_at = models.DateTimeField(_("Nächster Versuch"), default=timezone.now)
    claimed_at = models.DateTimeField(_("Versand begonnen"), null=True, blank=True)
    last_error = models.CharField(_("Letzter Fehler"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("Erstellt"), default=timezone.now)
    sent_at = models.DateTimeField(_("Zugestellt am"), null=True, blank=True)

    objects = OutgoingMailQuerySet.as_manager()

    class Meta:
        verbose_name = _("E-Mail")
        verbose_name_plural = _("E-Mail-Zustellung")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="core_mail_due_idx")]
        permissions = [("resend_outgoingmail", _("Darf nicht zugestellte E-Mails erneut senden"))]

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.to)}"

    @property
    def recipients(self) -> str:
        return ", ".join(self.to)

    recipients.fget.short_description = _("Empfänger")

    @property
    def purpose_label(self) -> str:
        return PURPOSE_LABELS.get(self.purpose, self.purpose)

    purpose_label.fget.short_description = _("Anlass")


class ConsumedToken(models.Model):
    """A single-use token that has been used; the unique key makes the second use fail everywhere."""

    key = models.CharField(max_length=120, unique=True)
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = _("verbrauchtes Einmal-Token")
        verbose_name_plural = _("verbrauchte Einmal-Tokens")

    def __str__(self) -> str:
        return self.key
