"""Veranstaltungen: events as Wagtail pages, their speakers and materials, and the registrations."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ikz.core.models import RICH_TEXT_FEATURES
from ikz.core.widgets import PlainTextarea


class EventIndexPage(RoutablePageMixin, Page):
    """/veranstaltungen/: upcoming events; /archiv/ the past ones (feed.ics: a view, ikz.events.urls)."""

    intro = models.TextField(_("Einleitung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro", widget=PlainTextarea)]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Veranstaltungsübersicht")

    def get_context(self, request, *args, **kwargs):
        from .selectors import events_upcoming, topics_of

        context = super().get_context(request, *args, **kwargs)
        events = events_upcoming(index=self)
        topic = request.GET.get("thema", "")
        context["topics"] = topics_of(events)
        if topic:
            events = events.filter(task_areas__slug=topic).distinct()
        context.update(events=events, topic=topic)
        return context

    @path("")
    def upcoming(self, request):
        return self.render(request)

    @path("archiv/")
    def archive(self, request):
        from .selectors import events_past

        return self.render(
            request,
            context_overrides={"events": events_past(index=self)},
            template="events/event_archive.html",
        )

    @path("feed.ics")
    def feed(self, request):
        from .ical import ics_response
        from .selectors import events_upcoming

        return ics_response(
            events_upcoming(index=self),
            filename="veranstaltungen.ics",
            name="IKZ-Portal NRW: Veranstaltungen",
        )


class EventFormat(models.TextChoices):
    ONSITE = "vor_ort", _("vor Ort")
    ONLINE = "online", _("online")
    HYBRID = "hybrid", _("vor Ort und online")


class EventPage(Page):
    """One event. The online link is never rendered on this (public, cached) page: confirmed
    participants get it on their personal page and in their mails."""

    start = models.DateTimeField(_("Beginn"), help_text=_("Uhrzeit in deutscher Zeit (Europe/Berlin)."))
    end = models.DateTimeField(_("Ende"), null=True, blank=True)
    registration_deadline = models.DateTimeField(
        _("Anmeldeschluss"), null=True, blank=True, help_text=_("Leer: Anmeldung bis zum Beginn.")
    )
    format = models.CharField(
        _("Form"), max_length=10, choices=EventFormat.choices, default=EventFormat.ONLINE
    )
    venue = models.CharField(
        _("Ort"), max_length=200, blank=True, help_text=_("z. B. Rathaus Musterstadt, Raum 2")
    )
    address = models.TextField(_("Anschrift"), blank=True)
    online_url = models.URLField(
        _("Zugangslink"),
        max_length=500,
        blank=True,
        help_text=_("Nur für bestätigte Teilnehmende: auf ihrer persönlichen Seite und in ihren E-Mails."),
    )
    online_note = models.TextField(
        _("Zugangshinweise"), blank=True, help_text=_("z. B. Kenncode; nur für bestätigte Teilnehmende.")
    )
    capacity = models.PositiveIntegerField(
        _("Plätze"), null=True, blank=True, help_text=_("Leer: unbegrenzt. Darüber hinaus: Warteliste.")
    )
    intro = models.TextField(_("Kurzbeschreibung"), blank=True)
    body = RichTextField(_("Programm und Beschreibung"), features=RICH_TEXT_FEATURES, blank=True)
    task_areas = ParentalManyToManyField("core.TaskArea", blank=True, verbose_name=_("Themen"))
    recording_url = models.URLField(_("Aufzeichnung"), max_length=500, blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("registration_deadline")],
            heading=_("Termin"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("format"),
                FieldPanel("venue"),
                FieldPanel("address", widget=PlainTextarea),
                FieldPanel("online_url"),
                FieldPanel("online_note", widget=PlainTextarea),
                FieldPanel("capacity"),
            ],
            heading=_("Ort und Teilnahme"),
        ),
        FieldPanel("intro", widget=PlainTextarea),
        FieldPanel("body"),
        FieldPanel("task_areas"),
        InlinePanel("speakers", label=_("Referentinnen und Referenten")),
        MultiFieldPanel(
            [FieldPanel("recording_url"), InlinePanel("materials", label=_("Unterlagen"))],
            heading=_("Nach der Veranstaltung"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("venue"),
        index.FilterField("start"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("Das Ende liegt vor dem Beginn.")})
        if self.start and self.registration_deadline and self.registration_deadline > self.start:
            raise ValidationError({"registration_deadline": _("Der Anmeldeschluss liegt nach dem Beginn.")})
        if self.format != EventFormat.ONLINE and not self.venue:
            raise ValidationError({"venue": _("Bitte geben Sie den Ort an.")})

    @property
    def is_online(self) -> bool:
        return self.format in (EventFormat.ONLINE, EventFormat.HYBRID)

    @property
    def is_onsite(self) -> bool:
        return self.format in (EventFormat.ONSITE, EventFormat.HYBRID)

    @property
    def ends_at(self):
        return self.end or self.start

    def is_past(self, now=None) -> bool:
        return self.ends_at < (now or timezone.now())

    def registration_closes_at(self):
        return self.registration_deadline or self.start

    def registration_open(self, now=None) -> bool:
        return (now or timezone.now()) < self.registration_closes_at()

    def get_context(self, request, *args, **kwargs):
        from .forms import RegistrationForm
        from .selectors import seats_free

        context = super().get_context(request, *args, **kwargs)
        initial = {}
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            initial = {"name": user.get_full_name(), "email": user.email}
        context.update(
            form=RegistrationForm(initial=initial),
            seats_free=seats_free(event=self),
            registration_open=self.registration_open(),
            past=self.is_past(),
        )
        return context


class EventSpeaker(Orderable):
    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("Name"), max_length=150)
    affiliation = models.CharField(_("Funktion und Organisation"), max_length=250, blank=True)

    panels = [FieldPanel("name"), FieldPanel("affiliation")]

    def __str__(self) -> str:
        return self.name


class EventMaterial(Orderable):
    """Slides and handouts, shown in the archive once the event is over."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("Titel"), max_length=200)
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name=_("Dokument")
    )

    panels = [FieldPanel("title"), FieldPanel("document")]

    def __str__(self) -> str:
        return self.title


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("unbestätigt")
    REGISTERED = "registered", _("angemeldet")
    WAITLISTED = "waitlisted", _("Warteliste")
    CANCELLED = "cancelled", _("abgemeldet")


ACTIVE_STATUSES = [RegistrationStatus.PENDING, RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED]


def _key() -> str:
    return secrets.token_urlsafe(24)


class RegistrationQuerySet(models.QuerySet):
    def registered(self):
        return self.filter(status=RegistrationStatus.REGISTERED)

    def waitlisted(self):
        return self.filter(status=RegistrationStatus.WAITLISTED).order_by("confirmed_at", "pk")

    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)


class Registration(models.Model):
    """One person's registration for one event. Its links are signed tokens over pk and `key`:
    neither the database alone nor the secret key alone makes a valid link, and clearing `key`
    (deletion of personal data) ends every link at once."""

    event = models.ForeignKey(
        EventPage, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("Veranstaltung")
    )
    name = models.CharField(_("Name"), max_length=150)
    email = models.EmailField(_("E-Mail-Adresse"))
    organisation = models.CharField(_("Körperschaft"), max_length=200, blank=True)
    status = models.CharField(
        _("Status"), max_length=12, choices=RegistrationStatus.choices, default=RegistrationStatus.PENDING
    )
    key = models.CharField(max_length=64, default=_key, editable=False)
    consent_text = models.TextField(_("Einwilligungstext"), blank=True)
    created_at = models.DateTimeField(_("Angemeldet am"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("Bestätigt am"), null=True, blank=True)
    moved_up_at = models.DateTimeField(_("Nachgerückt am"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("Abgemeldet am"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("Erinnerung gesendet am"), null=True, blank=True)
    personal_data_deleted_at = models.DateTimeField(
        _("Personenbezogene Daten gelöscht am"), null=True, blank=True
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        constraints = [
            # One open registration per address and event: a second one fails in the database too.
            models.UniqueConstraint(
                "event",
                Lower("email"),
                condition=Q(status__in=ACTIVE_STATUSES) & ~Q(email=""),
                name="events_registration_once",
            )
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self) -> str:
        return f"{self.name or '[gelöscht]'} – {self.event_id}"

    def waitlist_position(self) -> int | None:
        if self.status != RegistrationStatus.WAITLISTED:
            return None
        ahead = Registration.objects.filter(
            event_id=self.event_id, status=RegistrationStatus.WAITLISTED
        ).filter(Q(confirmed_at__lt=self.confirmed_at) | Q(confirmed_at=self.confirmed_at, pk__lt=self.pk))
        return ahead.count() + 1


def retention_days() -> int:
    return int(getattr(settings, "EVENTS_RETENTION_DAYS", 90))
