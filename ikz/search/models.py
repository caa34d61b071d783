"""The search index: one denormalised row per searchable thing, its terms and postings.

Postings carry a precomputed BM25 term-frequency weight (field weights and length
normalisation folded in, quantised to a small integer); IDF is applied at query time from
`SearchTerm.df`. The same tables and SQL serve SQLite and PostgreSQL.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from ikz.core.concurrency import VersionedModel


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


def _kind_choices() -> list[tuple[str, str]]:
    from .adapters import KIND_LABELS

    return list(KIND_LABELS.items())


class SearchPrior(VersionedModel):
    """The Redaktion's weight for one kind of content or one law: what the portal is about.

    The ranking multiplies a hit's score by the factor of its kind and of its law; without an
    entry the default applies (priors.py: fixed per kind, per law from how often the portal's own
    content cites it). Saved through a version check, so two editors never overwrite each other
    unseen (docs/decisions/0011)."""

    kind = models.CharField(
        _("Art"),
        max_length=40,
        blank=True,
        choices=_kind_choices,
        help_text=_("Entweder eine Art oder ein Gesetz angeben."),
    )
    law = models.CharField(
        _("Gesetz (Abkürzung)"), max_length=60, blank=True, help_text=_("z. B. „GkG NRW“ oder „UStG“")
    )
    factor = models.DecimalField(
        _("Gewicht"),
        max_digits=3,
        decimal_places=2,
        help_text=_("1,00 = neutral; 1,50 hebt um die Hälfte, 0,50 senkt auf die Hälfte (0,10 bis 3,00)."),
    )
    note = models.CharField(_("Anmerkung"), max_length=200, blank=True)

    class Meta:
        ordering = ["kind", "law"]
        verbose_name = _("Suchgewichtung")
        verbose_name_plural = _("Suchgewichtung")
        constraints = [
            models.UniqueConstraint(
                fields=["kind"], condition=~models.Q(kind=""), name="search_prior_unique_kind"
            ),
            models.UniqueConstraint(
                fields=["law"], condition=~models.Q(law=""), name="search_prior_unique_law"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind or self.law}: {self.factor}"

    def clean(self) -> None:
        from decimal import Decimal

        from django.core.exceptions import ValidationError

        if bool(self.kind) == bool(self.law.strip()):
            raise ValidationError(_("Bitte genau eines angeben: eine Art oder ein Gesetz."))
        if self.factor is not None and not Decimal("0.10") <= self.factor <= Decimal("3.00"):
            raise ValidationError({"factor": _("Das Gewicht muss zwischen 0,10 und 3,00 liegen.")})
