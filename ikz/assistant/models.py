"""The assistant's rules and funding figures: data the Redaktion reviews in the admin.

A `Rule` is one condition, reason or result text of a check, with the sections it rests on and
its "Stand"; `checks.py` decides which rules apply to a set of answers and never writes German
conclusions of its own. `FundingProgramme` holds the figures of the Förderrichtlinie IKZ NRW.
Both are seeded from data/regeln.toml (see loader.py) and edited afterwards in the admin.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


class Check(models.TextChoices):
    VERGABE = "vergabe", _("Vergaberecht (§ 108 GWB)")
    UMSATZSTEUER = "umsatzsteuer", _("Umsatzsteuer (§ 2b UStG)")
    RECHTSFORM = "rechtsform", _("Rechtsform")
    AUFSICHT = "aufsicht", _("Aufsichtsbehörde")
    FOERDERUNG = "foerderung", _("Förderung")
    BEENDEN = "beenden", _("Austritt und Auflösung")


class RuleKind(models.TextChoices):
    BEDINGUNG = "bedingung", _("Bedingung")
    FUER = "fuer", _("Grund dafür")
    GEGEN = "gegen", _("Grund dagegen")
    VORAUSSETZUNG = "voraussetzung", _("Voraussetzung / Schritt")
    ERGEBNIS = "ergebnis", _("Ergebnis")
    HINWEIS = "hinweis", _("Hinweis")


class Form(models.TextChoices):
    """The legal forms the assistant ranks (the Vereinbarung split into its two kinds)."""

    ARBEITSGEMEINSCHAFT = "arbeitsgemeinschaft", _("Arbeitsgemeinschaft")
    OERV_DELEGIEREND = "oerv_delegierend", _("Öffentlich-rechtliche Vereinbarung – delegierend")
    OERV_MANDATIEREND = "oerv_mandatierend", _("Öffentlich-rechtliche Vereinbarung – mandatierend")
    ZWECKVERBAND = "zweckverband", _("Zweckverband")
    GKU = "gku", _("Gemeinsames Kommunalunternehmen")
    PRIVATRECHTLICH = "privatrechtlich", _("Privatrechtliche Form (z. B. GmbH, Verein)")
    OER_VERTRAG = "oer_vertrag", _("Öffentlich-rechtlicher Vertrag")


class Rule(models.Model):
    key = models.SlugField(
        _("Kennung"),
        max_length=60,
        unique=True,
        help_text=_("Der Programmcode wertet die Regel über diese Kennung aus."),
    )
    check_area = models.CharField(_("Prüfung"), max_length=20, choices=Check.choices)
    kind = models.CharField(_("Art"), max_length=20, choices=RuleKind.choices)
    form = models.CharField(_("Rechtsform"), max_length=30, choices=Form.choices, blank=True)
    title = models.CharField(_("Bedingung / Überschrift"), max_length=300)
    text = models.TextField(
        _("Wortlaut für die Nutzer"), help_text=_("Bei Ergebnissen und Gründen: der angezeigte Satz.")
    )
    text_met = models.TextField(_("Text, wenn erfüllt"), blank=True)
    text_not_met = models.TextField(_("Text, wenn nicht erfüllt"), blank=True)
    text_unclear = models.TextField(_("Text, wenn unklar"), blank=True)
    citations = models.TextField(
        _("Zitierte Vorschriften"),
        blank=True,
        help_text=_(
            "Eine je Zeile, z. B. „§ 108 Abs. 6 Nr. 3 GWB“. Jede muss als Paragraf in der Wissensdatenbank stehen."
        ),
    )
    threshold = models.DecimalField(
        _("Schwellenwert"), max_digits=12, decimal_places=2, null=True, blank=True,
        help_text=_("Nur bei Bedingungen mit Zahl, z. B. 20 (Prozent) oder 17500 (Euro)."),
    )  # fmt: skip
    weight = models.IntegerField(
        _("Gewicht"), default=0, help_text=_("Nur Gründe für/gegen eine Rechtsform.")
    )
    excludes = models.BooleanField(_("Schließt die Rechtsform aus"), default=False)
    stand = models.DateField(_("Stand"))
    source = models.CharField(_("Quelle"), max_length=500, blank=True)
    sort_order = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    panels = [
        MultiFieldPanel(
            [FieldPanel("key"), FieldPanel("check_area"), FieldPanel("kind"), FieldPanel("form")],
            heading=_("Einordnung"),
        ),
        FieldPanel("title"),
        FieldPanel("text"),
        FieldPanel("text_met"),
        FieldPanel("text_not_met"),
        FieldPanel("text_unclear"),
        FieldPanel("citations"),
        MultiFieldPanel(
            [FieldPanel("threshold"), FieldPanel("weight"), FieldPanel("excludes")], heading=_("Werte")
        ),
        MultiFieldPanel([FieldPanel("stand"), FieldPanel("source")], heading=_("Herkunft")),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["check_area", "sort_order", "key"]
        verbose_name = _("Regel des Assistenten")
        verbose_name_plural = _("Regeln des Assistenten")

    def __str__(self) -> str:
        return f"{self.title} ({self.key})"

    def clean(self):
        super().clean()
        from .citations import parse_citation

        for line in self.citation_lines:
            try:
                parse_citation(line)
            except ValueError as error:
                raise ValidationError({"citations": str(error)}) from error

    @property
    def citation_lines(self) -> list[str]:
        return [line.strip() for line in self.citations.splitlines() if line.strip()]


class FundingProgramme(models.Model):
    """The figures of a funding programme as read on its public pages, with Stand and source."""

    key = models.SlugField(_("Kennung"), max_length=60, unique=True)
    name = models.CharField(_("Bezeichnung"), max_length=300)
    legal_basis = models.TextField(_("Rechtsgrundlage"))
    base_amount = models.DecimalField(
        _("Regelzuwendung für zwei Partner (Euro)"), max_digits=12, decimal_places=2
    )
    per_further_partner = models.DecimalField(
        _("Zuschlag je weiterem NRW-Partner (Euro)"), max_digits=12, decimal_places=2
    )
    cross_border_amount = models.DecimalField(
        _("Zuwendung grenzüberschreitend mit nur einem NRW-Partner (Euro)"), max_digits=12, decimal_places=2
    )
    cap_percent = models.DecimalField(
        _("Höchstens … % der zuwendungsfähigen Ausgaben"), max_digits=5, decimal_places=2
    )
    min_years = models.PositiveIntegerField(_("Mindestlaufzeit (Jahre)"))
    min_savings_percent = models.DecimalField(_("Mindesteinsparung (%)"), max_digits=5, decimal_places=2)
    window_start = models.DateField(_("Antragsfenster von"), null=True, blank=True)
    window_end = models.DateField(_("Antragsfenster bis"), null=True, blank=True)
    window_note = models.CharField(_("Hinweis zum Antragsfenster"), max_length=500, blank=True)
    stand = models.DateField(_("Stand"))
    source_url = models.URLField(_("Quelle (URL)"), max_length=500)
    sources = models.TextField(_("Weitere Quellen"), blank=True)

    panels = [
        FieldPanel("key"),
        FieldPanel("name"),
        FieldPanel("legal_basis"),
        MultiFieldPanel(
            [
                FieldPanel("base_amount"),
                FieldPanel("per_further_partner"),
                FieldPanel("cross_border_amount"),
                FieldPanel("cap_percent"),
                FieldPanel("min_years"),
                FieldPanel("min_savings_percent"),
            ],
            heading=_("Beträge und Bedingungen"),
        ),
        MultiFieldPanel(
            [FieldPanel("window_start"), FieldPanel("window_end"), FieldPanel("window_note")],
            heading=_("Antragsfenster"),
        ),
        MultiFieldPanel(
            [FieldPanel("stand"), FieldPanel("source_url"), FieldPanel("sources")], heading=_("Herkunft")
        ),
    ]

    class Meta:
        verbose_name = _("Förderprogramm")
        verbose_name_plural = _("Förderprogramme")

    def __str__(self) -> str:
        return self.name
