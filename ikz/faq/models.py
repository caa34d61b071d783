"""FAQ: an index page at /faq/, one page per question, categories as snippets, feedback counters."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from ikz.core.models import RICH_TEXT_FEATURES
from ikz.core.taxonomy import LegalForm
from ikz.questions.panels import SourceQuestionPanel


class FAQCategory(models.Model):
    """A heading on /faq/ under which questions are grouped (a snippet)."""

    name = models.CharField(_("Bezeichnung"), max_length=120)
    slug = models.SlugField(_("Kurzname"), max_length=120, unique=True)
    sort_order = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("FAQ-Kategorie")
        verbose_name_plural = _("FAQ-Kategorien")

    def __str__(self) -> str:
        return self.name


class FAQIndexPage(Page):
    """/faq/: all published questions, grouped by category, with a search field."""

    intro = models.TextField(_("Einleitung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["faq.FAQPage"]
    max_count = 1

    class Meta:
        verbose_name = _("FAQ-Übersicht")
        verbose_name_plural = _("FAQ-Übersichten")

    def get_context(self, request, *args, **kwargs):
        from .selectors import faq_grouped, faq_search

        context = super().get_context(request, *args, **kwargs)
        query = request.GET.get("q", "").strip()[:200]
        context["query"] = query
        if query:
            context["results"] = faq_search(query=query, index_page=self)
        else:
            context["groups"] = faq_grouped(index_page=self)
        return context


class FAQPage(Page):
    """One question with its answer; the page title is the question."""

    question_detail = models.TextField(
        _("Erläuterung der Frage"),
        blank=True,
        help_text=_(
            "Optional: die Frage ausführlicher, wie sie gestellt wurde (ohne personenbezogene Daten)."
        ),
    )
    answer = RichTextField(_("Antwort"), features=RICH_TEXT_FEATURES)
    category = models.ForeignKey(
        FAQCategory,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pages",
        verbose_name=_("Kategorie"),
    )
    task_areas = ParentalManyToManyField("core.TaskArea", blank=True, verbose_name=_("Aufgabenbereiche"))
    legal_form = models.CharField(_("Rechtsform"), max_length=30, choices=LegalForm.choices, blank=True)
    source_reference = models.CharField(
        _("Aus Hotline-Anfrage"),
        max_length=20,
        blank=True,
        help_text=_("Aktenzeichen der Anfrage, aus der dieser Eintrag entstand (nur intern)."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("question_detail"),
        FieldPanel("answer"),
        MultiFieldPanel(
            [FieldPanel("category"), FieldPanel("task_areas"), FieldPanel("legal_form")],
            heading=_("Einordnung"),
        ),
        FieldPanel("source_reference", read_only=True),
        SourceQuestionPanel(heading=_("Herkunft aus „Kommunen fragen Kommunen“")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("question_detail"),
        index.SearchField("answer"),
        index.FilterField("category"),
        index.FilterField("legal_form"),
    ]
    parent_page_types = ["faq.FAQIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("FAQ-Eintrag")
        verbose_name_plural = _("FAQ-Einträge")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["voted"] = str(self.pk) in request.session.get("faq_votes", {})
        context["vote_value"] = request.session.get("faq_votes", {}).get(str(self.pk))
        if self.category_id:
            from .selectors import faq_live

            context["related"] = (
                faq_live()
                .sibling_of(self, inclusive=False)
                .filter(category_id=self.category_id)
                .order_by("path")
            )
        return context


class FAQFeedback(models.Model):
    """Anonymous counters for "War diese Antwort hilfreich?" – no personal data is stored."""

    page = models.OneToOneField(
        FAQPage, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("FAQ-Eintrag")
    )
    helpful = models.PositiveIntegerField(_("hilfreich"), default=0)
    not_helpful = models.PositiveIntegerField(_("nicht hilfreich"), default=0)
    updated_at = models.DateTimeField(_("Letzte Bewertung"), auto_now=True)

    class Meta:
        verbose_name = _("FAQ-Bewertung")
        verbose_name_plural = _("FAQ-Bewertungen")
        ordering = ["-not_helpful", "-helpful"]

    def __str__(self) -> str:
        return f"{self.page.title}: {self.helpful} ja / {self.not_helpful} nein"

    @property
    def total(self) -> int:
        return self.helpful + self.not_helpful

    @property
    def helpful_share(self) -> str:
        return f"{round(100 * self.helpful / self.total)} %" if self.total else "–"
