"""Laws as pages, their sections as moderated snippets served below the law's URL.

86,189 sections cannot be Wagtail pages (treebeard inserts one by one); a section is a plain
row with Wagtail's draft/revision/workflow/lock mixins, edited in the snippets admin and served
by its LawPage through RoutablePageMixin at /wissen/gesetze/<law>/<section>/.
"""

import datetime
import re
from dataclasses import dataclass

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Case, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, LockableMixin, Page, RevisionMixin, Site, WorkflowMixin
from wagtail.search import index

from ikz.core import versioned_cache
from ikz.core.models import RICH_TEXT_FEATURES

from ..law_versions import Snapshot, snapshot_of, source_url
from .base import LibraryEntryPage


class Jurisdiction(models.TextChoices):
    EU = "eu", _("EU")
    BUND = "bund", _("Bund")
    NRW = "nrw", _("Land NRW")

    @classmethod
    def from_text(cls, value: str) -> "Jurisdiction":
        key = (value or "").strip().lower()
        mapping = {"eu": cls.EU, "bund": cls.BUND, "nrw": cls.NRW, "land nrw": cls.NRW, "land": cls.NRW}
        if key not in mapping:
            raise ValueError(f"unbekannte Ebene „{value}“ (erlaubt: EU, Bund, Land NRW)")
        return mapping[key]


_SECTION_RE = re.compile(r"^\s*(§+|Art\.?|Artikel)\s*(.+?)\s*$", re.IGNORECASE)


def section_slug(label: str) -> str:
    """URL part of a section label: "§ 108" → "108", "§ 2b" → "2b", "Art 28" / "Art. 28" → "art-28"."""
    match = _SECTION_RE.match(label or "")
    if match:
        prefix = "" if match.group(1).startswith("§") else "art-"
        rest = match.group(2)
    else:
        prefix, rest = "", label or ""
    rest = re.sub(r"[^0-9a-z]+", "-", rest.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue"))
    return (prefix + rest.strip("-"))[:80] or "abschnitt"


class LawIndexPage(Page):
    """/wissen/gesetze/: the laws and ordinances the library holds."""

    intro = RichTextField(_("Einleitung"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["library.LibraryIndexPage"]
    subpage_types = ["library.LawPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Gesetzesübersicht")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        laws = LawPage.objects.child_of(self).live().public().order_by("abbreviation")
        jurisdiction = request.GET.get("ebene")
        if jurisdiction in Jurisdiction.values:
            laws = laws.filter(jurisdiction=jurisdiction)
        context["laws"] = Paginator(
            laws.only("title", "abbreviation", "jurisdiction", "url_path", "version_date", "source"), 100
        ).get_page(request.GET.get("seite"))
        context["jurisdictions"] = Jurisdiction.choices
        context["current_jurisdiction"] = jurisdiction
        return context


class SourcedText:
    """Where a law or section text comes from: its source as a link, the dated snapshot it was taken
    from (the 2022 federal collection) and where the current official text is instead."""

    def _section_slug(self) -> str:
        return ""  # a whole law

    @property
    def source_url(self) -> str | None:
        return source_url(self.effective_source)

    @property
    def snapshot(self) -> Snapshot | None:
        found = snapshot_of(self.effective_source)
        return found[0] if found else None

    @property
    def current_url(self) -> str:
        """Where the current official text is, for a text taken from a dated snapshot."""
        found = snapshot_of(self.effective_source)
        return found[0].current_url(found[1], self._section_slug()) if found else ""


# A long law's section list comes in pages of this many (?seite=2 …).
SECTIONS_PER_PAGE = 100


@dataclass(frozen=True)
class ContentsEntry:
    slug: str
    label: str
    heading: str
    has_text: bool


@dataclass(frozen=True)
class ContentsPage:
    number: int
    first: str  # label of its first section
    last: str


@dataclass(frozen=True)
class LawContents:
    """What the law page lists: its live sections in order, and the oldest and newest Stand."""

    sections: tuple[ContentsEntry, ...]
    text_dates: tuple[datetime.date | None, datetime.date | None]

    def pages(self) -> list[ContentsPage]:
        """The pages of the section list, each named by its first and last section."""
        step = SECTIONS_PER_PAGE
        return [
            ContentsPage(
                i // step + 1,
                self.sections[i].label,
                self.sections[min(i + step, len(self.sections)) - 1].label,
            )
            for i in range(0, len(self.sections), step)
        ]


class LawPage(SourcedText, RoutablePageMixin, LibraryEntryPage):
    """A law or ordinance; its sections hang below it."""

    abbreviation = models.CharField(_("Abkürzung"), max_length=60)
    jurisdiction = models.CharField(
        _("Ebene"), max_length=8, choices=Jurisdiction.choices, default=Jurisdiction.BUND
    )
    version = models.CharField(_("Fassung / Textstand"), max_length=500, blank=True)
    version_date = models.DateField(_("Stand des Textes"), null=True, blank=True)
    source = models.CharField(_("Quelle"), max_length=500, blank=True)
    official_url = models.URLField(_("Amtliche Fundstelle (URL)"), blank=True)
    license = models.CharField(_("Lizenz"), max_length=200, blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("abbreviation"),
                FieldPanel("jurisdiction"),
                FieldPanel("version"),
                FieldPanel("version_date"),
                FieldPanel("source"),
                FieldPanel("official_url"),
                FieldPanel("license"),
            ],
            heading=_("Gesetz"),
        ),
        *LibraryEntryPage.metadata_panels,
    ]
    search_fields = LibraryEntryPage.search_fields + [
        index.SearchField("abbreviation", boost=3),
        index.AutocompleteField("abbreviation"),
        index.FilterField("jurisdiction"),
    ]
    parent_page_types = ["library.LawIndexPage"]
    subpage_types: list[str] = []
    template = "library/law_page.html"

    class Meta:
        verbose_name = _("Gesetz / Verordnung")
        verbose_name_plural = _("Gesetze und Verordnungen")

    @property
    def effective_source(self) -> str:
        return self.source

    def section_text_dates(self) -> tuple[datetime.date | None, datetime.date | None]:
        """Oldest and newest "Stand" among the live sections (a law collected from several copies
        has more than one)."""
        dates = self.sections.filter(live=True).aggregate(
            oldest=models.Min("version_date"), newest=models.Max("version_date")
        )
        return dates["oldest"], dates["newest"]

    def contents(self) -> "LawContents":
        """The live sections as the law page lists them, read once per content version."""
        return versioned_cache.get_or_build(f"library:law-contents:{self.pk}", self._contents_build)

    def _contents_build(self) -> "LawContents":
        rows = (
            self.sections.filter(live=True)
            .annotate(has_text=Case(When(body="", then=Value(False)), default=Value(True)))
            .order_by("sort_order", "id")
            .values_list("slug", "label", "heading", "has_text")
        )
        return LawContents(
            sections=tuple(ContentsEntry(*row) for row in rows), text_dates=self.section_text_dates()
        )

    @path("")
    def index_route(self, request):
        """The law with its sections' list, SECTIONS_PER_PAGE at a time: a law of hundreds of
        sections costs what one of a hundred does. Each entry has the anchor #s-<slug>."""
        contents = self.contents()
        sections = Paginator(contents.sections, SECTIONS_PER_PAGE).get_page(request.GET.get("seite"))
        context = {
            "sections": sections,
            "section_pages": contents.pages() if sections.has_other_pages() else (),
            "text_dates": contents.text_dates,
            "law_url": self.get_url(request),
        }
        if not getattr(request, "is_preview", False):
            # Everything below the header is the same for every visitor: rendered once per
            # content version (a preview shows the draft, always rendered).
            site = Site.find_for_request(request)
            key = f"library:law-page:{self.pk}:{site.pk if site else 0}:{get_language()}:{sections.number}"
            context["law_main"] = versioned_cache.get_or_build(
                key,
                lambda: render_to_string(
                    "library/includes/law_main.html", {**context, "page": self, "self": self}, request=request
                ),
            )
        return self.render(request, context_overrides=context)

    @re_path(r"^(?P<slug>[a-z0-9-]+)/$")
    def section_route(self, request, slug):
        section = get_object_or_404(self.sections, slug=slug)
        if not section.live:
            raise Http404
        neighbours = self.sections.filter(live=True).order_by("sort_order", "id")
        prev_section = neighbours.filter(sort_order__lt=section.sort_order).order_by("-sort_order").first()
        next_section = neighbours.filter(sort_order__gt=section.sort_order).first()
        return self.render(
            request,
            template="library/law_section.html",
            context_overrides={
                "section": section,
                "prev_section": prev_section,
                "next_section": next_section,
                "versions": section.versions.all(),
            },
        )

    @re_path(r"^(?P<slug>[a-z0-9-]+)/fassungen/$")
    def versions_route(self, request, slug):
        from ..views import law_section_versions_view

        section = get_object_or_404(self.sections, slug=slug)
        if not section.live:
            raise Http404
        return law_section_versions_view(request, self, section)


class LawSection(
    SourcedText, WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, models.Model
):
    """One section (§ / Art.) of a law, with its provenance."""

    law = models.ForeignKey(
        LawPage, on_delete=models.CASCADE, related_name="sections", verbose_name=_("Gesetz")
    )
    label = models.CharField(
        _("Paragraf / Artikel"), max_length=80, help_text=_("z. B. „§ 108“ oder „Art. 28“")
    )
    slug = models.SlugField(_("URL-Teil"), max_length=80)
    heading = models.CharField(_("Überschrift"), max_length=500, blank=True)
    body = models.TextField(
        _("Text"),
        blank=True,
        help_text=_(
            "Absätze als „(1)“, Nummern als „1.“, Buchstaben als „a)“ am Zeilenanfang; Leerzeile trennt. "
            "Leer nur, wenn der Wortlaut noch fehlt – dann sagt der Hinweis zur Textfassung, warum."
        ),
    )
    text_note = models.TextField(
        _("Hinweis zur Textfassung"),
        max_length=2000,
        blank=True,
        help_text=_(
            "Öffentlich sichtbar: was Leserinnen und Leser über diese Wiedergabe wissen müssen – "
            "abweichende Kopien, fehlende Absätze, fehlender Wortlaut."
        ),
    )
    external_id = models.CharField(_("Externe Kennung"), max_length=200, unique=True)
    source = models.CharField(_("Quelle"), max_length=500, blank=True)
    license = models.CharField(_("Lizenz"), max_length=200, blank=True)
    version_date = models.DateField(_("Stand des Textes"), null=True, blank=True)
    imported_at = models.DateTimeField(_("Text importiert am"), null=True, blank=True, editable=False)
    import_label = models.CharField(_("Import"), max_length=200, blank=True, editable=False)
    sort_order = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="lawsection")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="lawsection",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("law"),
        FieldPanel("label"),
        FieldPanel("slug"),
        FieldPanel("heading"),
        FieldPanel("body"),
        FieldPanel("text_note"),
        MultiFieldPanel(
            [
                FieldPanel("external_id"),
                FieldPanel("source"),
                FieldPanel("license"),
                FieldPanel("version_date"),
            ],
            heading=_("Herkunft"),
        ),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("label"),
        index.SearchField("heading", boost=2),
        index.SearchField("body"),
        index.FilterField("external_id"),
        index.FilterField("live"),
        index.RelatedFields("law", [index.SearchField("abbreviation"), index.SearchField("title")]),
    ]

    class Meta:
        ordering = ["law", "sort_order", "id"]
        verbose_name = _("Paragraf / Artikel")
        verbose_name_plural = _("Paragrafen und Artikel")
        constraints = [models.UniqueConstraint(fields=["law", "slug"], name="library_lawsection_unique_slug")]
        indexes = [models.Index(fields=["law", "sort_order"])]

    def __str__(self) -> str:
        return f"{self.label} {self.law.abbreviation}"

    def clean(self):
        super().clean()
        if not self.body.strip() and not self.text_note.strip():
            raise ValidationError(
                {"text_note": _("Ohne Text braucht der Paragraf einen Hinweis, warum der Wortlaut fehlt.")}
            )

    @property
    def revisions(self):
        return self._revisions

    @property
    def title(self) -> str:
        return f"{self.label} {self.heading}".strip()

    def get_url(self, request=None) -> str:
        return self.law.get_url(request) + self.law.reverse_subpage(
            "section_route", kwargs={"slug": self.slug}
        )

    @property
    def url(self) -> str:
        return self.get_url()

    def versions_url(self) -> str:
        return self.law.get_url() + self.law.reverse_subpage("versions_route", kwargs={"slug": self.slug})

    @property
    def effective_source(self) -> str:
        return self.source or self.law.source

    def _section_slug(self) -> str:
        return self.slug


class LawSectionVersion(models.Model):
    """An earlier text (Fassung) of a section, kept when an import brought a different one.

    Editors' corrections in the admin are Wagtail revisions; this table holds the texts a reader
    may compare (docs/decisions/0013-law-versions.md)."""

    section = models.ForeignKey(
        LawSection, on_delete=models.CASCADE, related_name="versions", verbose_name=_("Paragraf / Artikel")
    )
    heading = models.CharField(_("Überschrift"), max_length=500, blank=True)
    body = models.TextField(_("Text"))
    version_date = models.DateField(_("Stand des Textes"), null=True, blank=True)
    source = models.CharField(_("Quelle"), max_length=500, blank=True)
    license = models.CharField(_("Lizenz"), max_length=200, blank=True)
    imported_at = models.DateTimeField(_("Text importiert am"), null=True, blank=True)
    import_label = models.CharField(_("Import"), max_length=200, blank=True)
    superseded_at = models.DateTimeField(_("Abgelöst am"), default=timezone.now)
    superseded_by = models.CharField(_("Abgelöst durch Import"), max_length=200, blank=True)

    class Meta:
        ordering = ["-superseded_at", "-id"]
        verbose_name = _("Frühere Fassung")
        verbose_name_plural = _("Frühere Fassungen")

    def __str__(self) -> str:
        stand = self.version_date.strftime("%d.%m.%Y") if self.version_date else "ohne Datum"
        return f"{self.section_id}: Stand {stand}"

    @property
    def source_url(self) -> str | None:
        return source_url(self.source)
