"""The library's index, its folders and the fields every entry shares."""

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ikz.core.collation import collated
from ikz.core.models import RICH_TEXT_FEATURES
from ikz.core.taxonomy import LegalForm

ENTRY_PAGE_TYPES = [
    "library.LawPage",
    "library.RulingPage",
    "library.LiteraturePage",
    "library.ChecklistPage",
    "library.TemplatePage",
    "library.PublicRelationsPage",
]


class LegalFormOption(models.Model):
    """One row per LegalForm, so entries can carry several and the index can count them."""

    code = models.CharField(_("Rechtsform"), max_length=40, choices=LegalForm.choices, unique=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("Rechtsform")
        verbose_name_plural = _("Rechtsformen")

    def __str__(self) -> str:
        return str(LegalForm(self.code).label)


def legal_forms_sync(model=None) -> None:
    """Create a LegalFormOption per LegalForm value; idempotent (also used by the data migration)."""
    model = model or LegalFormOption
    for value in LegalForm.values:
        model.objects.get_or_create(code=value)


class LibraryIndexPage(Page):
    """/wissen/: every entry of the library, filterable by kind, task area and legal form."""

    intro = RichTextField(_("Einleitung"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["library.LawIndexPage", "library.LibraryFolderPage", *ENTRY_PAGE_TYPES[1:]]
    max_count = 1

    class Meta:
        verbose_name = _("Wissensdatenbank")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import library_facets

        context = super().get_context(request, *args, **kwargs)
        result = library_facets(index_page=self, params=request.GET)
        paginator = Paginator(result.entries, 25)
        context["facets"] = result
        context["entries"] = paginator.get_page(request.GET.get("seite"))
        context["query_without_page"] = result.query_string
        return context


class LibraryFolderPage(Page):
    """A folder for one kind of entry (/wissen/urteile/, /wissen/checklisten/ …)."""

    intro = RichTextField(_("Einleitung"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["library.LibraryIndexPage"]
    subpage_types = ENTRY_PAGE_TYPES[1:]

    class Meta:
        verbose_name = _("Rubrik der Wissensdatenbank")
        verbose_name_plural = _("Rubriken der Wissensdatenbank")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = self.get_children().live().public().specific().order_by(collated("title"))
        context["entries"] = Paginator(children, 50).get_page(request.GET.get("seite"))
        return context


class LibraryEntryTag(TaggedItemBase):
    content_object = ParentalKey(
        "library.LibraryEntryPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class LibraryEntryPage(Page):
    """Fields every entry of the library carries; never created on its own."""

    external_id = models.CharField(
        _("Externe Kennung"),
        max_length=200,
        blank=True,
        db_index=True,
        help_text=_("Kennung aus dem Import (z. B. „bund:gwb“); bleibt bei Re-Import gleich."),
    )
    summary = models.TextField(_("Kurzbeschreibung"), blank=True)
    is_example = models.BooleanField(
        _("Beispiel"),
        default=False,
        help_text=_("Von der Redaktion verfasstes Beispiel, keine amtliche Vorlage."),
    )
    last_reviewed = models.DateField(_("Stand (zuletzt geprüft)"), null=True, blank=True)
    members_only = models.BooleanField(
        _("Nur für Mitglieder"),
        default=False,
        help_text=_(
            "Die Öffentlichkeit sieht nur Titel und Kurzbeschreibung mit einem Hinweis zur Anmeldung; "
            "Inhalt und Dateien nur bestätigte Mitglieder. Nicht in der öffentlichen Suche."
        ),
    )
    task_areas = ParentalManyToManyField("core.TaskArea", blank=True, verbose_name=_("Aufgabenbereiche"))
    legal_forms = ParentalManyToManyField(LegalFormOption, blank=True, verbose_name=_("Rechtsformen"))
    tags = ClusterTaggableManager(through=LibraryEntryTag, blank=True, verbose_name=_("Schlagwörter"))

    is_creatable = False

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.FilterField("last_reviewed"),
        index.FilterField("external_id"),
    ]
    metadata_panels = [
        MultiFieldPanel(
            [
                FieldPanel("summary"),
                FieldPanel("is_example"),
                FieldPanel("members_only"),
                FieldPanel("last_reviewed"),
                FieldPanel("task_areas", widget=forms.CheckboxSelectMultiple),
                FieldPanel("legal_forms", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading=_("Einordnung"),
        ),
        InlinePanel("related_entries", label=_("Verwandte Einträge")),
    ]
    content_panels = Page.content_panels + metadata_panels

    class Meta:
        verbose_name = _("Eintrag der Wissensdatenbank")
        verbose_name_plural = _("Einträge der Wissensdatenbank")

    @property
    def kind_label(self) -> str:
        return str(self.specific_class._meta.verbose_name)

    def related_pages(self):
        return [
            rel.target.specific
            for rel in self.related_entries.select_related("target")
            if rel.target and rel.target.live
        ]

    def used_by(self):
        """Live pages that point at this entry (projects, FAQ …), via Wagtail's reference index."""
        from wagtail.models import ReferenceIndex

        refs = ReferenceIndex.get_references_to(self).group_by_source_object()
        return [obj for obj, _refs in refs if isinstance(obj, Page) and obj.live]


class RelatedEntry(Orderable):
    page = ParentalKey(LibraryEntryPage, on_delete=models.CASCADE, related_name="related_entries")
    target = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("Eintrag")
    )

    panels = [PageChooserPanel("target", ENTRY_PAGE_TYPES)]

    class Meta(Orderable.Meta):
        verbose_name = _("Verwandter Eintrag")
