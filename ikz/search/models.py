"""The search index: one denormalised row per searchable thing, its terms and postings.

Postings carry a precomputed BM25 term-frequency weight (field weights and length
normalisation folded in, quantised to a small integer); IDF is applied at query time from
`SearchTerm.df`. The same tables and SQL serve SQLite and PostgreSQL.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class SearchDocument(models.Model):
    source = models.CharField(max_length=100)  # adapter key, e.g. "library.lawsection"
    object_id = models.CharField(max_length=64)
    external_id = models.CharField(max_length=200, null=True, blank=True, db_index=True)
    kind = models.CharField(max_length=40, db_index=True)
    title = models.CharField(max_length=500)
    url = models.CharField(max_length=500, blank=True)
    body = models.TextField(blank=True)  # plain text for snippets
    law = models.CharField(max_length=60, blank=True, db_index=True)
    cites = models.CharField(max_length=100, blank=True)  # sections of `law` the text cites: "99 103"
    year = models.IntegerField(null=True, blank=True)
    facets = models.JSONField(default=dict, blank=True)  # task_area, legal_form, regierungsbezirk
    length = models.FloatField(default=0)  # weighted number of terms
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "object_id"], name="search_doc_source_object")
        ]
        verbose_name = _("Suchdokument")
        verbose_name_plural = _("Suchdokumente")

    def __str__(self) -> str:
        return self.title


class SearchTerm(models.Model):
    term = models.CharField(max_length=64, unique=True)
    df = models.IntegerField(default=0)

    def __str__(self) -> str:
        return self.term


class SearchPosting(models.Model):
    # Plain integer columns, no foreign keys: millions of rows, written in bulk.
    pk = models.CompositePrimaryKey("doc_id", "term_id")
    doc_id = models.IntegerField()
    term_id = models.IntegerField()
    impact = models.SmallIntegerField()  # BM25 tf part × 1000

    class Meta:
        indexes = [models.Index(fields=["term_id", "impact", "doc_id"], name="search_post_term_impact")]

    def __str__(self) -> str:
        return f"{self.term_id}@{self.doc_id}"


class SearchWord(models.Model):
    """Folded surface words of the index with their document frequency: for typo correction
    ("Meinten Sie …?") and autocomplete."""

    word = models.CharField(max_length=64, unique=True)  # folded: "gebuehren"
    display = models.CharField(max_length=64, blank=True)  # as written: "gebühren"
    first = models.CharField(max_length=1)
    length = models.SmallIntegerField()
    df = models.IntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["first", "length"], name="search_word_first_len")]

    def __str__(self) -> str:
        return self.word


class SearchSynonym(index.Indexed, models.Model):
    """An entry of the editable vocabulary: a word or abbreviation and what it means."""

    term = models.CharField(
        _("Begriff oder Abkürzung"),
        max_length=120,
        unique=True,
        help_text=_("z. B. „Kita“ oder „ör Vertrag“"),
    )
    expansions = models.TextField(
        _("Bedeutungen"),
        help_text=_("Gleichbedeutende Wörter oder Ausschreibungen, durch Semikolon getrennt."),
    )
    two_way = models.BooleanField(
        _("In beide Richtungen"),
        default=False,
        help_text=_("Auch bei Suche nach einer Bedeutung den Begriff mitsuchen."),
    )
    note = models.CharField(_("Anmerkung"), max_length=200, blank=True)

    panels = [FieldPanel("term"), FieldPanel("expansions"), FieldPanel("two_way"), FieldPanel("note")]
    search_fields = [
        index.SearchField("term"),
        index.SearchField("expansions"),
        index.AutocompleteField("term"),
    ]

    class Meta:
        ordering = ["term"]
        verbose_name = _("Suchbegriff (Synonym/Abkürzung)")
        verbose_name_plural = _("Suchvokabular")

    def __str__(self) -> str:
        return self.term

    def expansion_list(self) -> list[str]:
        return [e.strip() for e in self.expansions.split(";") if e.strip()]
