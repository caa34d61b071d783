"""Rulings, literature, templates and public-relations material."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from ikz.core.models import RICH_TEXT_FEATURES

from ..validators import validate_ecli, validate_file_number
from .base import LibraryEntryPage

EDITORIAL_NOTE_HELP = _(
    "Nur für die Redaktion: Lücken, Quellenqualität, offene Prüfungen. Wird nie öffentlich angezeigt."
)


def editorial_note_field():
    return models.TextField(_("Redaktionelle Notiz (intern)"), blank=True, help_text=EDITORIAL_NOTE_HELP)


def editorial_panel():
    return MultiFieldPanel([FieldPanel("editorial_note")], heading=_("Nur für die Redaktion"))


class RulingPage(LibraryEntryPage):
    """Urteil / Beschluss."""

    court = models.CharField(_("Gericht"), max_length=200)
    decision_type = models.CharField(_("Entscheidungsart"), max_length=200, blank=True)
    decision_date = models.DateField(_("Datum"), null=True, blank=True)
    file_number = models.CharField(
        _("Aktenzeichen"), max_length=100, blank=True, validators=[validate_file_number]
    )
    ecli = models.CharField(_("ECLI"), max_length=100, blank=True, validators=[validate_ecli])
    parties = models.TextField(_("Beteiligte"), blank=True)
    popular_name = models.CharField(_("Kurzname"), max_length=200, blank=True)
    subject = models.TextField(_("Gegenstand"), blank=True)
    referring_court = models.CharField(_("Vorlegendes Gericht"), max_length=200, blank=True)
    referral_date = models.DateField(_("Vorlage vom"), null=True, blank=True)
    official_report = models.CharField(_("Fundstelle"), max_length=300, blank=True)
    text_kind = models.CharField(
        _("Art des Textes"), max_length=100, blank=True, help_text=_("z. B. Leitsatz, Tenor")
    )
    text = models.TextField(_("Leitsatz / Tenor"), blank=True)
    text_source = models.URLField(_("Quelle des Textes"), max_length=500, blank=True)
    norms = models.TextField(
        _("Zitierte Normen"), blank=True, help_text=_("z. B. „§ 108 GWB; Art. 28 Abs. 2 GG“")
    )
    notes = models.TextField(_("Hinweise"), blank=True, help_text=_("Öffentlich sichtbar."))
    editorial_note = editorial_note_field()
    sources = models.TextField(_("Gelesene Quellen (eine URL je Zeile)"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("court"),
                FieldPanel("decision_type"),
                FieldPanel("decision_date"),
                FieldPanel("file_number"),
                FieldPanel("ecli"),
                FieldPanel("popular_name"),
                FieldPanel("parties"),
                FieldPanel("referring_court"),
                FieldPanel("referral_date"),
                FieldPanel("official_report"),
            ],
            heading=_("Entscheidung"),
        ),
        FieldPanel("subject"),
        FieldPanel("text_kind"),
        FieldPanel("text"),
        FieldPanel("text_source"),
        FieldPanel("norms"),
        FieldPanel("notes"),
        FieldPanel("sources"),
        editorial_panel(),
        *LibraryEntryPage.metadata_panels,
    ]
    search_fields = LibraryEntryPage.search_fields + [
        index.SearchField("court"),
        index.SearchField("file_number", boost=3),
        index.SearchField("ecli"),
        index.SearchField("popular_name", boost=2),
        index.SearchField("subject"),
        index.SearchField("text"),
    ]
    parent_page_types = ["library.LibraryIndexPage", "library.LibraryFolderPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Urteil / Beschluss")
        verbose_name_plural = _("Urteile")

    def source_list(self) -> list[str]:
        return [line.strip() for line in self.sources.splitlines() if line.strip()]


class LiteratureType(models.TextChoices):
    BOOK = "book", _("Buch")
    ARTICLE = "article", _("Aufsatz")
    REPORT = "report", _("Bericht")
    GUIDELINE = "guideline", _("Leitfaden")
    OFFICIAL_LETTER = "official_letter", _("Verwaltungsschreiben")


class LiteraturePage(LibraryEntryPage):
    """Fachliteratur, with the bibliographic data exactly as verified (empty where unknown)."""

    literature_type = models.CharField(_("Art"), max_length=20, choices=LiteratureType.choices, blank=True)
    authors = models.TextField(_("Autorinnen und Autoren (eine Person je Zeile)"), blank=True)
    editors = models.TextField(_("Herausgeberschaft (eine Person je Zeile)"), blank=True)
    year = models.PositiveSmallIntegerField(_("Jahr"), null=True, blank=True)
    subtitle = models.CharField(_("Untertitel"), max_length=500, blank=True)
    publisher = models.CharField(_("Verlag / Herausgeber"), max_length=300, blank=True)
    journal = models.CharField(_("Zeitschrift"), max_length=300, blank=True)
    volume = models.CharField(_("Band / Jahrgang"), max_length=50, blank=True)
    issue = models.CharField(_("Heft"), max_length=50, blank=True)
    pages = models.CharField(_("Seiten"), max_length=50, blank=True)
    isbn = models.CharField(_("ISBN"), max_length=40, blank=True)
    doi = models.CharField(_("DOI"), max_length=200, blank=True)
    link = models.URLField(_("URL"), max_length=500, blank=True)
    publication_date = models.DateField(_("Datum"), null=True, blank=True)
    reference_number = models.CharField(_("Geschäftszeichen"), max_length=200, blank=True)
    abstract = models.TextField(_("Kurzfassung"), blank=True)
    note = models.TextField(_("Hinweis"), blank=True, help_text=_("Öffentlich sichtbar."))
    editorial_note = editorial_note_field()
    verified_from = models.TextField(_("Geprüft anhand (eine URL je Zeile)"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("literature_type"),
                FieldPanel("authors"),
                FieldPanel("editors"),
                FieldPanel("year"),
                FieldPanel("subtitle"),
                FieldPanel("publisher"),
                FieldPanel("journal"),
                FieldPanel("volume"),
                FieldPanel("issue"),
                FieldPanel("pages"),
                FieldPanel("isbn"),
                FieldPanel("doi"),
                FieldPanel("link"),
                FieldPanel("publication_date"),
                FieldPanel("reference_number"),
            ],
            heading=_("Bibliografische Angaben"),
        ),
        FieldPanel("abstract"),
        FieldPanel("note"),
        FieldPanel("verified_from"),
        editorial_panel(),
        *LibraryEntryPage.metadata_panels,
    ]
    search_fields = LibraryEntryPage.search_fields + [
        index.SearchField("authors", boost=2),
        index.SearchField("editors"),
        index.SearchField("publisher"),
        index.SearchField("journal"),
        index.SearchField("abstract"),
        index.FilterField("year"),
    ]
    parent_page_types = ["library.LibraryIndexPage", "library.LibraryFolderPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Fachliteratur")
        verbose_name_plural = _("Fachliteratur")

    def author_list(self) -> list[str]:
        return [line.strip() for line in self.authors.splitlines() if line.strip()]

    def editor_list(self) -> list[str]:
        return [line.strip() for line in self.editors.splitlines() if line.strip()]

    def verified_list(self) -> list[str]:
        return [line.strip() for line in self.verified_from.splitlines() if line.strip()]


DOCUMENT_PANELS = [
    FieldPanel("body"),
    InlinePanel("documents", label=_("Dateien (DOCX, ODT, PDF)")),
    *LibraryEntryPage.metadata_panels,
]
DOCUMENT_SEARCH_FIELDS = LibraryEntryPage.search_fields + [
    index.SearchField("body"),
    index.SearchField("fulltext"),
]


class DocumentEntryMixin:
    """Shared behaviour of entries whose substance is downloadable files."""

    def fulltext(self) -> str:
        """Text extracted from the attached files ("Volltext"), for the search index; never from a
        file „nur für Mitglieder“ (the index is public)."""
        items = self.documents.filter(members_only=False).select_related("document")
        return "\n\n".join(item.extracted_text() for item in items)


class TemplatePage(DocumentEntryMixin, LibraryEntryPage):
    """Muster / Vorlage: contracts, statutes and forms to download."""

    body = RichTextField(_("Beschreibung"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = Page.content_panels + DOCUMENT_PANELS
    search_fields = DOCUMENT_SEARCH_FIELDS
    parent_page_types = ["library.LibraryIndexPage", "library.LibraryFolderPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Muster / Vorlage")
        verbose_name_plural = _("Muster und Vorlagen")


class MaterialType(models.TextChoices):
    PRESS_RELEASE = "press_release", _("Pressemitteilung")
    FLYER = "flyer", _("Flyer")
    PRESENTATION = "presentation", _("Präsentation")
    LOGO = "logo", _("Logo")
    OTHER = "other", _("Sonstiges")


class PublicRelationsPage(DocumentEntryMixin, LibraryEntryPage):
    """Öffentlichkeitsarbeit: press-release templates, flyers, presentations, logos."""

    body = RichTextField(_("Beschreibung"), features=RICH_TEXT_FEATURES, blank=True)
    material_type = models.CharField(
        _("Art des Materials"), max_length=20, choices=MaterialType.choices, default=MaterialType.OTHER
    )

    content_panels = Page.content_panels + [FieldPanel("material_type"), *DOCUMENT_PANELS]
    search_fields = DOCUMENT_SEARCH_FIELDS
    parent_page_types = ["library.LibraryIndexPage", "library.LibraryFolderPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Öffentlichkeitsarbeit")
        verbose_name_plural = _("Öffentlichkeitsarbeit")
