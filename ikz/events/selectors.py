"""Reads of the events: upcoming and past events, free seats, a person's registrations."""

from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from ikz.core.taxonomy import TaskArea

from .models import ACTIVE_STATUSES, EventIndexPage, EventPage, Registration, RegistrationStatus


def _events(index: EventIndexPage | None):
    events = EventPage.objects.live().public()
    if index is not None:
        events = events.child_of(index)
    return events.annotate(ends=Coalesce("end", "start"))


def events_upcoming(*, index: EventIndexPage | None = None, now=None):
    """Events not yet over, the next first."""
    now = now or timezone.now()
    return _events(index).filter(ends__gte=now).order_by("start", "pk").prefetch_related("task_areas")


def events_past(*, index: EventIndexPage | None = None, now=None):
    """The archive: events that are over, the latest first, with their materials."""
    now = now or timezone.now()
    return (
        _events(index)
        .filter(ends__lt=now)
        .order_by("-start", "-pk")
        .prefetch_related("task_areas", "materials__document")
    )


def topics_of(events) -> list[TaskArea]:
    return list(TaskArea.objects.filter(pk__in=events.values("task_areas")).order_by("sort_order", "name"))


def seats_taken(*, event: EventPage) -> int:
    return Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED).count()


def seats_free(*, event: EventPage) -> int | None:
    """Free seats; None for an event without a limit."""
    if event.capacity is None:
        return None
    return max(event.capacity - seats_taken(event=event), 0)


def participants_of(*, event: EventPage):
    """The participant list of the Redaktion: registered first, then the waiting list in its order."""
    order = {
        RegistrationStatus.REGISTERED: 0,
        RegistrationStatus.WAITLISTED: 1,
        RegistrationStatus.PENDING: 2,
    }
    rows = list(Registration.objects.filter(event=event).order_by("confirmed_at", "created_at", "pk"))
    return sorted(rows, key=lambda r: order.get(r.status, 3))


def status_counts(*, event: EventPage) -> dict[str, int]:
    counts = dict(
        Registration.objects.filter(event=event).values_list("status").annotate(n=Count("pk")).order_by()
    )
    return {status: counts.get(status, 0) for status in RegistrationStatus.values}


def registrations_of_email(*, email: str):
    """Open registrations of an address for events not yet over (the /konto/ section)."""
    return (
        Registration.objects.filter(email__iexact=email, status__in=ACTIVE_STATUSES)
        .exclude(email="")
        .filter(
            Q(event__end__gte=timezone.now()) | Q(event__end__isnull=True, event__start__gte=timezone.now())
        )
        .select_related("event")
        .order_by("event__start")
    )


def konto_context(request) -> dict | None:
    """„Ihre Veranstaltungen“ on /konto/: registrations under the account's confirmed address."""
    from .tokens import personal_token_make

    user = request.user
    if not user.is_authenticated or not user.email or not getattr(user, "email_confirmed_at", None):
        return None
    rows = [
        {"registration": r, "token": personal_token_make(registration=r)}
        for r in registrations_of_email(email=user.email)
    ]
    return {"rows": rows, "index_url": index_url()}


def index_url() -> str:
    """The address of /veranstaltungen/ (empty without a published index), read once per content version."""
    from ikz.core import versioned_cache

    def build() -> str:
        index = EventIndexPage.objects.live().first()
        return (index.url or "") if index else ""

    return versioned_cache.get_or_build("events:index-url", build)
