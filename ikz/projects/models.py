"""The cooperation database: projects (moderated snippets with revisions) and partner requests.

A project is a snippet with `DraftStateMixin` + `RevisionMixin`: the database row is the live
version; a member's edit of a published project is only a new revision until the Redaktion
approves it (services.project_approve publishes that revision). Moderation state, stale-content
dates and authorship describe the project as a whole, not one revision: `with_content_json`
keeps them when a revision is loaded or published.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import DraftStateMixin, LockableMixin, Orderable, RevisionMixin
from wagtail.search import index

from ikz.core.collation import collated
from ikz.core.taxonomy import LegalForm
from ikz.core.text import slugify_de

REMINDER_AFTER = timedelta(days=365)  # 12 months without confirmation: remind the contact
STALE_AFTER = timedelta(days=456)  # 15 months: "nicht mehr bestätigt"


class Phase(models.TextChoices):
    IDEE = "idee", _("Idee")
    ANBAHNUNG = "anbahnung", _("Anbahnung")
    VORBEREITUNG = "vorbereitung", _("Vorbereitung")
    AUFBAU = "aufbau", _("Aufbau")
    BETRIEB = "betrieb", _("Betrieb")
    BEENDET = "beendet", _("beendet")


class ModerationStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    SUBMITTED = "submitted", _("zur Prüfung eingereicht")
    SENT_BACK = "sent_back", _("zurückgegeben")
    APPROVED = "approved", _("freigegeben")


class DatePrecision(models.TextChoices):
    DAY = "day", _("Tag")
    MONTH = "month", _("Monat")
    YEAR = "year", _("Jahr")


class ProjectQuerySet(models.QuerySet):
    def published(self):
        return self.filter(live=True)

    def submitted(self):
        return self.filter(moderation_status=ModerationStatus.SUBMITTED)

    def of_municipalities(self, municipality_ids):
        return self.filter(participants__municipality_id__in=municipality_ids).distinct()


# Fields about the project as a whole, kept across revisions (see module docstring).
META_FIELDS = (
    "moderation_status",
    "moderation_comment",
    "submitted_at",
    "submitted_by_id",
    "created_by_id",
    "created_at",
    "last_confirmed_at",
    "reminder_sent_at",
    "external_id",
)


class Project(DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, ClusterableModel):
    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Kurzname in der Adresse"), max_length=120, blank=True)
    summary = models.TextField(_("Kurzbeschreibung"), max_length=1200)
    situation = models.TextField(_("Ausgangslage"), blank=True)
    goals = models.TextField(_("Ziele und Inhalte"), blank=True)
    benefits = models.TextField(_("Nutzen"), blank=True)
    savings_eur = models.DecimalField(
        _("Einsparung (€ pro Jahr)"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    savings_percent = models.DecimalField(
        _("Einsparung (%)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    staff_fte = models.DecimalField(
        _("Personal (Vollzeitstellen)"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    quality_note = models.CharField(_("Servicequalität"), max_length=300, blank=True)
    baseline = models.CharField(
        _("Ausgangswert"),
        max_length=300,
        blank=True,
        help_text=_("Womit verglichen wird, z. B. Kosten 2019."),
    )
    task_areas = ParentalManyToManyField(
        "core.TaskArea", related_name="projects", verbose_name=_("Aufgabenbereiche")
    )
    legal_form = models.CharField(_("Rechtsform"), max_length=20, choices=LegalForm.choices)
    legal_form_note = models.CharField(_("Rechtsform laut Quelle"), max_length=300, blank=True)
    phase = models.CharField(
        _("Phase"), max_length=20, choices=Phase.choices, blank=True, help_text=_("Leer: nicht bekannt.")
    )
    start_date = models.DateField(_("Beginn"), null=True, blank=True)
    start_precision = models.CharField(
        _("Genauigkeit des Beginns"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    seat = models.CharField(_("Sitz"), max_length=200, blank=True)
    term = models.TextField(_("Laufzeit und Kündigung"), blank=True)
    cost_sharing = models.TextField(_("Kostenverteilung"), blank=True)
    funding = models.TextField(_("Fördermittel"), blank=True)
    funding_programme = models.ForeignKey(
        "funding.FundingProgrammePage", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="funded_projects", verbose_name=_("Gefördert durch (Förderprogramm)"),
    )  # fmt: skip
    lessons_learned = models.TextField(_("Erfahrungen und Tipps"), blank=True)
    participants_count = models.PositiveIntegerField(
        _("Zahl der Beteiligten laut Quelle"),
        null=True,
        blank=True,
        help_text=_("Nur wenn die Quelle eine Zahl, aber keine vollständige Liste nennt."),
    )
    participants_note = models.TextField(_("Hinweis zu den Beteiligten"), blank=True)
    source_as_of = models.CharField(_("Stand laut Quelle"), max_length=300, blank=True)
    related_ruling = models.CharField(_("Zugehörige Entscheidung"), max_length=200, blank=True)
    related_pages = ParentalManyToManyField(
        "wagtailcore.Page", blank=True, related_name="+", verbose_name=_("Einträge der Wissensdatenbank")
    )
    is_example = models.BooleanField(
        _("Beispiel"), default=False, help_text=_("Erfundenes Beispielprojekt zur Veranschaulichung.")
    )
    external_id = models.CharField(_("Quellen-Kennung"), max_length=100, null=True, blank=True, unique=True)

    moderation_status = models.CharField(
        _("Bearbeitungsstand"),
        max_length=10,
        choices=ModerationStatus.choices,
        default=ModerationStatus.DRAFT,
    )
    moderation_comment = models.TextField(_("Anmerkung der Redaktion"), blank=True)
    submitted_at = models.DateTimeField(_("Eingereicht am"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("Eingereicht von"),
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("Angelegt von"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("Angelegt am"), default=timezone.now)
    last_confirmed_at = models.DateTimeField(_("Zuletzt als aktuell bestätigt"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("Erinnerung verschickt am"), null=True, blank=True)

    objects = ProjectQuerySet.as_manager()

    search_fields = [
        index.SearchField("title"),
        index.SearchField("summary"),
        index.SearchField("situation"),
        index.SearchField("goals"),
        index.SearchField("benefits"),
        index.SearchField("lessons_learned"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["-start_date", collated("title")]
        verbose_name = _("Kooperationsprojekt")
        verbose_name_plural = _("Kooperationsprojekte")
        indexes = [models.Index(fields=["live", "moderation_status"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify_de(self.title, default="projekt")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", kwargs={"pk": self.pk, "slug": self.slug or "projekt"})

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        for name in META_FIELDS:
            setattr(obj, name, getattr(self, name))
        return obj

    @property
    def start_display(self) -> str:
        if not self.start_date:
            return ""
        if self.start_precision == DatePrecision.YEAR:
            return str(self.start_date.year)
        if self.start_precision == DatePrecision.MONTH:
            return self.start_date.strftime("%m/%Y")
        return self.start_date.strftime("%d.%m.%Y")

    def confirmed_or_published(self):
        return self.last_confirmed_at or self.last_published_at or self.created_at

    def is_stale(self, *, now=None) -> bool:
        """Shown as "nicht mehr bestätigt" 15 months after the last confirmation."""
        if self.is_example or self.external_id:
            return False  # examples and sourced imports carry their own "Stand"
        return ((now or timezone.now()) - self.confirmed_or_published()) > STALE_AFTER


class ParticipantRole(models.TextChoices):
    LEAD = "lead", _("federführend")
    PARTNER = "partner", _("Partner")


class ProjectParticipant(Orderable):
    """A participating Körperschaft; outside the register (Land Berlin, a Zweckverband) by name only."""

    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="participants")
    municipality = models.ForeignKey(
        "municipalities.Municipality", null=True, blank=True, on_delete=models.PROTECT,
        related_name="project_participations", verbose_name=_("Körperschaft"),
    )  # fmt: skip
    name = models.CharField(_("Name (außerhalb des Registers)"), max_length=200, blank=True)
    role = models.CharField(
        _("Rolle"), max_length=10, choices=ParticipantRole.choices, default=ParticipantRole.PARTNER
    )
    role_note = models.CharField(_("Rolle laut Quelle"), max_length=300, blank=True)
    contact_name = models.CharField(_("Ansprechperson"), max_length=150, blank=True)
    contact_email = models.EmailField(_("E-Mail"), blank=True)
    contact_phone = models.CharField(_("Telefon"), max_length=50, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("Beteiligte Körperschaft")
        verbose_name_plural = _("Beteiligte Körperschaften")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.municipality.display_name if self.municipality_id else self.name

    @property
    def ags(self) -> str:
        return self.municipality.ags if self.municipality_id else ""


class ProjectDocument(Orderable):
    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("Bezeichnung"), max_length=200, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("Dokument")
        verbose_name_plural = _("Dokumente")

    def __str__(self) -> str:
        return self.title or self.document.title


class ProjectSource(Orderable):
    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="sources")
    url = models.URLField(_("Adresse"), max_length=500)
    supports = models.CharField(_("Belegt"), max_length=600, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("Quelle")
        verbose_name_plural = _("Quellen")

    def __str__(self) -> str:
        return self.url


class PartnerRequest(models.Model):
    """ "Wir suchen Partner für …": posted by a member for their Körperschaft."""

    municipality = models.ForeignKey(
        "municipalities.Municipality", on_delete=models.PROTECT, related_name="partner_requests",
        verbose_name=_("Körperschaft"),
    )  # fmt: skip
    task_area = models.ForeignKey(
        "core.TaskArea",
        on_delete=models.PROTECT,
        related_name="partner_requests",
        verbose_name=_("Aufgabenbereich"),
    )
    title = models.CharField(_("Wir suchen Partner für …"), max_length=200)
    description = models.TextField(_("Beschreibung"), max_length=3000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partner_requests"
    )
    created_at = models.DateTimeField(_("Eingestellt am"), default=timezone.now)
    closed_at = models.DateTimeField(_("Geschlossen am"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Partnersuche")
        verbose_name_plural = _("Partnersuchen")

    def __str__(self) -> str:
        return f"{self.municipality}: {self.title}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class PartnerAnswer(models.Model):
    request = models.ForeignKey(PartnerRequest, on_delete=models.CASCADE, related_name="answers")
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Körperschaft"),
    )
    message = models.TextField(_("Nachricht"), max_length=3000)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("Gesendet am"), default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("Antwort auf eine Partnersuche")
        verbose_name_plural = _("Antworten auf Partnersuchen")

    def __str__(self) -> str:
        return f"{self.municipality} → {self.request}"
