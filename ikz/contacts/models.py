"""Ansprechpartner: who helps with what, by topic and region.

Institutional data (name, address, website, the office's phone and mailbox) is public. What
identifies a person (`person_*`) is shown to confirmed members and the Redaktion only, and only
with the person's recorded consent; an expert is a person, so an expert is never published
without it (a database constraint, not only the form).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from ikz.core.widgets import PlainTextarea
from ikz.municipalities.models import Regierungsbezirk


class ContactKind(models.TextChoices):
    BEZIRKSREGIERUNG = "bezirksregierung", _("Bezirksregierung")
    KOMMUNALAUFSICHT = "kommunalaufsicht", _("Kommunalaufsicht des Kreises")
    REDAKTION = "redaktion", _("Redaktion des Portals")
    EXPERTE = "experte", _("Expertin oder Experte")


KIND_ORDER = [
    ContactKind.BEZIRKSREGIERUNG,
    ContactKind.KOMMUNALAUFSICHT,
    ContactKind.REDAKTION,
    ContactKind.EXPERTE,
]


class ContactQuerySet(models.QuerySet):
    def published(self):
        """What the portal shows: live, and for experts with a recorded consent (again here, in
        case a row was written around the form)."""
        return self.filter(live=True).exclude(
            Q(kind=ContactKind.EXPERTE) & (Q(consent_at__isnull=True) | Q(consent_text=""))
        )


class Contact(ClusterableModel):
    key = models.SlugField(
        _("Kurzname in der Adresse"),
        max_length=80,
        unique=True,
        help_text=_("z. B. „bezirksregierung-koeln“; bleibt beim Abgleich mit den Daten gleich."),
    )
    kind = models.CharField(_("Art"), max_length=20, choices=ContactKind.choices)
    name = models.CharField(
        _("Name der Stelle"),
        max_length=200,
        help_text=_(
            "Die Behörde oder Einrichtung, bei Fachleuten ihre Organisation – nie der Name der Person."
        ),
    )
    helps_with = models.TextField(_("Wobei hilft diese Stelle?"), blank=True)
    regierungsbezirk = models.CharField(
        _("Regierungsbezirk"), max_length=20, choices=Regierungsbezirk.choices, blank=True
    )
    kreis = models.ForeignKey(
        "municipalities.Municipality",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contacts",
        limit_choices_to={"level": "kreis"},
        verbose_name=_("Kreis"),
    )
    task_areas = ParentalManyToManyField(
        "core.TaskArea",
        blank=True,
        related_name="contacts",
        verbose_name=_("Themen (Aufgabenbereiche)"),
        help_text=_("Leer: für alle Themen zuständig."),
    )
    # Institutional, public.
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("Postleitzahl"), max_length=5, blank=True)
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    website = models.URLField(_("Offizielle Website"), max_length=300, blank=True)
    phone = models.CharField(_("Telefon der Stelle (Zentrale)"), max_length=50, blank=True)
    email = models.EmailField(_("E-Mail-Postfach der Stelle"), blank=True)
    source = models.TextField(
        _("Quelle der Angaben"),
        blank=True,
        help_text=_("Wo die Angaben zur Stelle gelesen wurden (eine Adresse je Zeile)."),
    )
    checked_on = models.DateField(_("Stand"), null=True, blank=True)
    # A person, members only, and only with consent.
    person_name = models.CharField(_("Name der Person"), max_length=150, blank=True)
    person_function = models.CharField(_("Funktion der Person"), max_length=150, blank=True)
    person_phone = models.CharField(_("Telefon der Person"), max_length=50, blank=True)
    person_email = models.EmailField(_("E-Mail der Person"), blank=True)
    consent_at = models.DateField(_("Einwilligung erteilt am"), null=True, blank=True)
    consent_text = models.TextField(
        _("Wortlaut der Einwilligung"),
        blank=True,
        help_text=_("Der Text, dem die Person zugestimmt hat (z. B. aus ihrer E-Mail)."),
    )
    live = models.BooleanField(_("Veröffentlicht"), default=True)
    is_example = models.BooleanField(_("Beispiel"), default=False)
    sort_order = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ContactQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("name"),
                FieldPanel("key"),
                FieldPanel("helps_with", widget=PlainTextarea),
            ],
            heading=_("Stelle"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("regierungsbezirk"),
                FieldPanel("kreis"),
                FieldPanel("task_areas", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Zuständig für"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
                FieldPanel("website"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("source", widget=PlainTextarea),
                FieldPanel("checked_on"),
            ],
            heading=_("Angaben zur Stelle (öffentlich)"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("person_name"),
                FieldPanel("person_function"),
                FieldPanel("person_phone"),
                FieldPanel("person_email"),
                FieldPanel("consent_at"),
                FieldPanel("consent_text", widget=PlainTextarea),
            ],
            heading=_("Ansprechperson (nur für Mitglieder, nur mit Einwilligung)"),
        ),
        MultiFieldPanel(
            [FieldPanel("live"), FieldPanel("is_example"), FieldPanel("sort_order")],
            heading=_("Veröffentlichung"),
        ),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("Ansprechpartner")
        verbose_name_plural = _("Ansprechpartner")
        constraints = [
            models.CheckConstraint(
                name="contacts_expert_needs_consent",
                condition=~Q(kind="experte", live=True) | (Q(consent_at__isnull=False) & ~Q(consent_text="")),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("contacts:detail", kwargs={"key": self.key})

    @property
    def has_consent(self) -> bool:
        return bool(self.consent_at and self.consent_text.strip())

    @property
    def has_person(self) -> bool:
        return any((self.person_name, self.person_phone, self.person_email))

    @property
    def address_lines(self) -> list[str]:
        place = " ".join(part for part in (self.postal_code, self.city) if part)
        return [line for line in (self.street, place) if line]

    def clean(self):
        errors = {}
        if self.kind == ContactKind.EXPERTE and self.live and not self.has_consent:
            errors["consent_text"] = _(
                "Fachleute werden nur mit ihrer dokumentierten Einwilligung veröffentlicht: "
                "Datum und Wortlaut der Einwilligung eintragen oder „Veröffentlicht“ abwählen."
            )
        elif self.has_person and not self.has_consent:
            errors["consent_text"] = _(
                "Angaben zu einer Person nur mit ihrer dokumentierten Einwilligung: "
                "Datum und Wortlaut der Einwilligung eintragen oder die Angaben zur Person leeren."
            )
        if self.kind == ContactKind.KOMMUNALAUFSICHT and not self.kreis_id:
            errors["kreis"] = _("Für die Kommunalaufsicht eines Kreises bitte den Kreis wählen.")
        if self.kreis_id and self.regierungsbezirk and self.kreis.regierungsbezirk != self.regierungsbezirk:
            errors["regierungsbezirk"] = _("Der Kreis liegt im Regierungsbezirk %(rb)s.") % {
                "rb": self.kreis.regierungsbezirk
            }
        if errors:
            raise ValidationError(errors)
