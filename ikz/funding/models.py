"""Förderprogramme: an index page at /foerderung/, one page per programme, members' subscriptions.

A programme's figures live in ONE place. Where the Kooperationsassistent computes a grant from a
programme (`ikz.assistant.models.FundingProgramme`: amounts, cap, window, Stand, source), the page
links that record (`figures`) and shows its values; its own fields for those values stay empty
(`clean()` refuses a second copy). A programme the assistant does not compute keeps its figures on
the page itself.

The application window is a pair of dates, read in Europe/Berlin (`berlin_today()`): open from the
first to the last day inclusive; a window with a start and no end is open from its start on.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from ikz.core.models import RICH_TEXT_FEATURES

BERLIN = ZoneInfo("Europe/Berlin")
CLOSING_NOTICE_DAYS = 14  # "two weeks before it closes"


def berlin_today(now: datetime.datetime | None = None) -> datetime.date:
    return (now or timezone.now()).astimezone(BERLIN).date()


class ApplicantType(models.Model):
    """Who may apply ("Gemeinden und Städte", "Kreise", …): the filter on /foerderung/ (a snippet)."""

    name = models.CharField(_("Bezeichnung"), max_length=120)
    slug = models.SlugField(_("Kurzname"), max_length=60, unique=True)
    sort_order = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("Antragsberechtigte (Art)")
        verbose_name_plural = _("Antragsberechtigte (Arten)")

    def __str__(self) -> str:
        return self.name


class WindowState(models.TextChoices):
    OPEN = "open", _("Antragsfenster offen")
    UPCOMING = "upcoming", _("Antragsfenster öffnet bald")
    CLOSED = "closed", _("Antragsfenster geschlossen")
    UNKNOWN = "unknown", _("Antragsfenster nicht bekannt")


class FundingIndexPage(Page):
    """/foerderung/: the published programmes with filters (task area, applicant type, "jetzt offen")."""

    intro = models.TextField(_("Einleitung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["funding.FundingProgrammePage"]
    max_count = 1

    class Meta:
        verbose_name = _("Förderprogramme (Übersicht)")
        verbose_name_plural = _("Förderprogramme (Übersichten)")

    def get_context(self, request, *args, **kwargs):
        from django.template.loader import render_to_string

        from ikz.core import versioned_cache

        from .forms import FundingFilterForm
        from .selectors import programmes_filtered

        context = super().get_context(request, *args, **kwargs)
        form = FundingFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        today = berlin_today()
        filtered = bool(filters and any(filters.values()))

        def build() -> str:
            programmes = programmes_filtered(index_page=self, today=today, **filters)
            return render_to_string(
                "funding/includes/programme_list.html",
                {"programmes": [(p, p.window_state(today)) for p in programmes], "filtered": filtered,
                 "page": self, "request": request},
            )  # fmt: skip

        # The list is the same for everyone on a day: rendered once per content version (issue 12).
        area, applicant = filters.get("task_area"), filters.get("applicant_type")
        key = ("funding:list", self.pk, request.get_host(), today, area.pk if area else None,
               applicant.pk if applicant else None, bool(filters.get("open_now")))  # fmt: skip
        context.update(
            form=form,
            fields_html=form.fields_html(),
            filtered=filtered,
            programmes_html=versioned_cache.get_or_build(key, build),
            today=today,
        )
        return context


class FundingProgrammeQuerySet(PageQuerySet):
    def open_on(self, day: datetime.date):
        """Programmes whose window includes `day` – from the assistant's record where one is linked."""

        def window(prefix: str) -> Q:
            start, end = f"{prefix}window_start", f"{prefix}window_end"
            started = Q(**{f"{start}__lte": day}) | Q(**{f"{start}__isnull": True, f"{end}__isnull": False})
            return started & (Q(**{f"{end}__gte": day}) | Q(**{f"{end}__isnull": True}))

        return self.filter(
            (Q(figures__isnull=True) & window("")) | (Q(figures__isnull=False) & window("figures__"))
        )


class FundingProgrammePage(Page):
    """One funding programme with its facts, window, Stand and source."""

    figures = models.OneToOneField(
        "assistant.FundingProgramme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="funding_page",
        verbose_name=_("Förderzahlen aus dem Kooperationsassistenten"),
        help_text=_(
            "Rechnet der Kooperationsassistent mit diesem Programm, kommen Rechtsgrundlage, Beträge, "
            "Fördersatz, Antragsfenster, Stand und Quelle aus diesem Datensatz (Snippets › Förderprogramme); "
            "die gleichnamigen Felder hier bleiben dann leer."
        ),
    )
    is_example = models.BooleanField(
        _("Beispiel"), default=False, help_text=_("Erfundenes Programm zur Veranschaulichung.")
    )
    funder = models.CharField(_("Fördergeber"), max_length=300)
    legal_basis = models.TextField(_("Rechtsgrundlage"), blank=True)
    applicant_types = ParentalManyToManyField(
        ApplicantType, blank=True, related_name="programmes", verbose_name=_("Antragsberechtigt (Arten)")
    )
    applicants = models.TextField(_("Wer antragsberechtigt ist"), blank=True)
    funded = RichTextField(_("Was gefördert wird"), features=RICH_TEXT_FEATURES, blank=True)
    amount = models.TextField(_("Höhe der Förderung"), blank=True)
    rate = models.CharField(_("Fördersatz"), max_length=300, blank=True)
    window_start = models.DateField(_("Antragsfenster von"), null=True, blank=True)
    window_end = models.DateField(_("Antragsfenster bis"), null=True, blank=True)
    window_note = models.CharField(_("Hinweis zum Antragsfenster"), max_length=500, blank=True)
    responsible_body = models.CharField(_("Zuständige Stelle"), max_length=300, blank=True)
    # Which kind of Ansprechpartner (ikz.contacts) is competent: the page links that list, where
    # each applicant finds the body of their own region (e.g. the Bezirksregierung).
    contact_kind = models.CharField(
        _("Ansprechpartner (Art)"),
        max_length=20,
        blank=True,
        choices=[
            ("bezirksregierung", _("Bezirksregierung")),
            ("kommunalaufsicht", _("Kommunalaufsicht des Kreises")),
            ("redaktion", _("Redaktion des Portals")),
        ],
        help_text=_("Die Programmseite verweist auf die Ansprechpartner dieser Art, nach Region."),
    )
    official_url = models.URLField(_("Offizielle Seite"), max_length=500, blank=True)
    stand = models.DateField(_("Stand"), null=True, blank=True)
    source_url = models.URLField(_("Quelle (URL)"), max_length=500, blank=True)
    sources = models.TextField(_("Weitere Quellen"), blank=True)
    task_areas = ParentalManyToManyField("core.TaskArea", blank=True, verbose_name=_("Aufgabenbereiche"))

    objects = PageManager.from_queryset(FundingProgrammeQuerySet)()

    content_panels = Page.content_panels + [
        FieldPanel("is_example"),
        FieldPanel("figures"),
        MultiFieldPanel(
            [
                FieldPanel("funder"),
                FieldPanel("legal_basis"),
                FieldPanel("responsible_body"),
                FieldPanel("contact_kind"),
                FieldPanel("official_url"),
            ],
            heading=_("Programm"),
        ),  # fmt: skip
        MultiFieldPanel(
            [FieldPanel("applicant_types"), FieldPanel("applicants"), FieldPanel("task_areas")],
            heading=_("Wer und wofür"),
        ),
        FieldPanel("funded"),
        MultiFieldPanel([FieldPanel("amount"), FieldPanel("rate")], heading=_("Höhe und Fördersatz")),
        MultiFieldPanel(
            [FieldPanel("window_start"), FieldPanel("window_end"), FieldPanel("window_note")],
            heading=_("Antragsfenster"),
        ),
        MultiFieldPanel(
            [FieldPanel("stand"), FieldPanel("source_url"), FieldPanel("sources")], heading=_("Herkunft")
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("funder"),
        index.SearchField("figures_text"),
        index.SearchField("applicants"),
        index.SearchField("funded"),
        index.SearchField("responsible_body"),
    ]
    parent_page_types = ["funding.FundingIndexPage"]
    subpage_types: list[str] = []

    # Values the assistant's record supplies when it is linked (page field → what it is called).
    FROM_FIGURES = {
        "legal_basis": "Rechtsgrundlage",
        "amount": "Höhe der Förderung",
        "rate": "Fördersatz",
        "window_start": "Antragsfenster von",
        "window_end": "Antragsfenster bis",
        "window_note": "Hinweis zum Antragsfenster",
        "stand": "Stand",
        "source_url": "Quelle (URL)",
    }

    class Meta:
        verbose_name = _("Förderprogramm (Seite)")
        verbose_name_plural = _("Förderprogramme (Seiten)")

    def clean(self):
        super().clean()
        errors = {}
        if self.figures_id:
            for name, label in self.FROM_FIGURES.items():
                if getattr(self, name) not in (None, ""):
                    errors[name] = (
                        f"„{label}“ kommt aus dem verknüpften Datensatz des Kooperationsassistenten. "
                        "Bitte dort ändern und dieses Feld leer lassen, damit es nur eine Angabe gibt."
                    )
        else:
            if self.stand is None:
                errors["stand"] = "Bitte den Stand der Angaben eintragen."
            if not self.source_url:
                errors["source_url"] = "Bitte die Quelle der Angaben nennen."
        if self.window_start and self.window_end and self.window_end < self.window_start:
            errors["window_end"] = "Das Antragsfenster endet vor seinem Beginn."
        if errors:
            raise ValidationError(errors)

    # --- The values shown: from the assistant's record where linked ---------------------------

    def _value(self, name: str):
        if self.figures_id and self.figures is not None and name in self.FROM_FIGURES:
            return getattr(self.figures, name, None)
        return getattr(self, name)

    @property
    def shown_legal_basis(self) -> str:
        return self._value("legal_basis") or ""

    @property
    def shown_window_start(self) -> datetime.date | None:
        return self._value("window_start")

    @property
    def shown_window_end(self) -> datetime.date | None:
        return self._value("window_end")

    @property
    def shown_window_note(self) -> str:
        return self._value("window_note") or ""

    @property
    def shown_stand(self) -> datetime.date | None:
        return self._value("stand")

    @property
    def shown_source_url(self) -> str:
        return self._value("source_url") or ""

    @property
    def shown_sources(self) -> str:
        parts = [self.figures.sources] if self.figures_id and self.figures else []
        parts.append(self.sources)
        return "\n".join(part for part in parts if part)

    @property
    def shown_amount(self) -> str:
        if not (self.figures_id and self.figures):
            return self.amount
        from ikz.assistant.checks import euro

        f = self.figures
        return (
            f"Regelzuwendung {euro(f.base_amount)} für einen Verbund von zwei Kommunen; je weiterem "
            f"nordrhein-westfälischen Beteiligten {euro(f.per_further_partner)} mehr. "
            f"{euro(f.cross_border_amount)}, wenn über die Landesgrenze hinaus nur ein "
            "nordrhein-westfälischer Beteiligter mitwirkt."
        )

    @property
    def shown_rate(self) -> str:
        if not (self.figures_id and self.figures):
            return self.rate
        cap = self.figures.cap_percent.normalize()
        return f"höchstens {cap:f} % der zuwendungsfähigen Ausgaben (Eigenanteil mindestens {100 - cap:f} %)"

    @property
    def figures_text(self) -> str:
        """What the search indexes of the figures (legal basis, amount, rate, window note)."""
        return "\n".join(
            filter(None, [self.shown_legal_basis, self.shown_amount, self.shown_rate, self.shown_window_note])
        )

    # --- The window ------------------------------------------------------------------------

    def window_state(self, today: datetime.date | None = None) -> WindowState:
        today = today or berlin_today()
        start, end = self.shown_window_start, self.shown_window_end
        if start is None and end is None:
            return WindowState.UNKNOWN
        if start is None:
            return WindowState.OPEN if today <= end else WindowState.CLOSED
        if today < start:
            return WindowState.UPCOMING
        if end is None or today <= end:
            return WindowState.OPEN
        return WindowState.CLOSED

    def window_text(self, today: datetime.date | None = None) -> str:
        """The window in one German sentence: open / opens on / closed."""
        state = self.window_state(today)
        start, end = self.shown_window_start, self.shown_window_end
        note = f" ({self.shown_window_note})" if self.shown_window_note else ""
        if state == WindowState.OPEN:
            until = f" bis {end:%d.%m.%Y}" if end else ""
            return f"Jetzt offen: Anträge sind{until} möglich{note}."
        if state == WindowState.UPCOMING:
            until = f" bis {end:%d.%m.%Y}" if end else ""
            return f"Öffnet am {start:%d.%m.%Y}{until}{note}."
        if state == WindowState.CLOSED:
            return (
                f"Geschlossen: das letzte bekannte Antragsfenster endete am {end:%d.%m.%Y}{note}. "
                "Ein neuer Förderaufruf ist noch nicht bekannt."
            )
        return f"Ein Antragsfenster ist nicht bekannt{note}; bitte bei der zuständigen Stelle erfragen."

    def get_context(self, request, *args, **kwargs):
        from .selectors import funded_projects, subscription_of
        from .services import may_subscribe

        context = super().get_context(request, *args, **kwargs)
        today = berlin_today()
        context["today"] = today
        context["state"] = self.window_state(today)
        context["projects"] = funded_projects(programme=self)
        user = request.user
        context["may_subscribe"] = may_subscribe(user)
        context["subscription"] = (
            subscription_of(user=user, programme=self) if user.is_authenticated else None
        )
        return context


class FundingSubscription(models.Model):
    """A member wants an e-mail when the programme's window opens and two weeks before it closes."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="funding_subscriptions",
        verbose_name=_("Mitglied"),
    )
    programme = models.ForeignKey(
        FundingProgrammePage,
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("Förderprogramm"),
    )
    created_at = models.DateTimeField(_("Abonniert am"), default=timezone.now)

    class Meta:
        verbose_name = _("Abonnement eines Förderprogramms")
        verbose_name_plural = _("Abonnements der Förderprogramme")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "programme"], name="funding_subscription_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.programme}"


class NoticeKind(models.TextChoices):
    OPENED = "opened", _("Antragsfenster geöffnet")
    CLOSING = "closing", _("Antragsfenster schließt in zwei Wochen")


class FundingNotice(models.Model):
    """A notice sent: one per person, programme, kind and window date – never twice.

    Kept by person and programme (not by subscription), so unsubscribing and subscribing again
    does not bring the same notice a second time; a new window (other dates) brings new notices."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(FundingProgrammePage, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("Art"), max_length=10, choices=NoticeKind.choices)
    window_date = models.DateField(_("Datum des Fensters"))
    sent_at = models.DateTimeField(_("Verschickt am"), default=timezone.now)

    class Meta:
        verbose_name = _("Hinweis zu einem Förderprogramm")
        verbose_name_plural = _("Hinweise zu Förderprogrammen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "programme", "kind", "window_date"], name="funding_notice_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.programme} → {self.user}"
