"""Writes of the events: registration with double opt-in, waiting list, cancellation, reminders and
the deletion of personal data.

Every change of who holds a seat runs with the event's row locked (SELECT … FOR UPDATE on
PostgreSQL; SQLite opens every transaction with BEGIN IMMEDIATE and so serialises writers), so two
confirmations or cancellations at the same moment can neither overbook nor skip the waiting list.
A seat is taken at confirmation, not at the first click: an unconfirmed address holds no seat.
"""

from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from .emails import registration_mail_send
from .models import EventPage, Registration, RegistrationStatus, retention_days
from .tokens import confirm_token_read, confirmation_days, personal_token_read

CONSENT_TEXT = (
    "Ich bin einverstanden, dass das IKZ-Portal NRW meinen Namen, meine E-Mail-Adresse und meine "
    "Körperschaft für die Durchführung dieser Veranstaltung speichert (Teilnehmendenliste, "
    "Bestätigung, Erinnerung, Zugangsdaten). Die Angaben werden {days} Tage nach der Veranstaltung gelöscht."
)

INVALID_LINK = "Der Link ist ungültig oder abgelaufen."


def consent_text() -> str:
    return CONSENT_TEXT.format(days=retention_days())


def closed_message(event: EventPage, now=None) -> str:
    if event.start <= (now or timezone.now()):
        return "Diese Veranstaltung hat bereits stattgefunden; eine Anmeldung ist nicht mehr möglich."
    return "Der Anmeldeschluss für diese Veranstaltung ist vorbei; eine Anmeldung ist nicht mehr möglich."


def _lock_event(event_id: int) -> EventPage:
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event_id)


def _seats_left(event: EventPage) -> int | None:
    if event.capacity is None:
        return None
    return (
        event.capacity
        - Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED).count()
    )


def _fill_seats(event: EventPage, *, now) -> list[Registration]:
    """Move people up from the waiting list while seats are free (event locked by the caller)."""
    if event.start <= now:
        return []
    moved = []
    left = _seats_left(event)
    for registration in (
        Registration.objects.select_for_update()
        .filter(event=event, status=RegistrationStatus.WAITLISTED)
        .order_by("confirmed_at", "pk")
    ):
        if left is not None and left <= 0:
            break
        registration.status = RegistrationStatus.REGISTERED
        registration.moved_up_at = now
        registration.save(update_fields=["status", "moved_up_at"])
        registration_mail_send(registration=registration, template="moved_up")
        moved.append(registration)
        if left is not None:
            left -= 1
    return moved


@transaction.atomic
def registration_request(
    *, event: EventPage, name: str, email: str, organisation: str = "", now=None
) -> tuple[Registration, bool]:
    """Store an unconfirmed registration and send the confirmation link – nothing else.

    Returns (registration, created). Not created: the address already has an open registration
    for this event, nothing new is stored and its link is sent again (confirmation or personal
    page). Raises ValidationError when registration is closed.
    """
    now = now or timezone.now()
    event = _lock_event(event.pk)
    if not event.live or not event.registration_open(now):
        raise ValidationError(closed_message(event, now))
    email = email.strip().lower()
    existing = Registration.objects.active().filter(event=event, email__iexact=email).first()
    if existing is None:
        try:
            with transaction.atomic():
                created = _create(event=event, name=name, email=email, organisation=organisation, now=now)
            return created, True
        except IntegrityError:  # a parallel request for the same address won
            existing = Registration.objects.active().filter(event=event, email__iexact=email).first()
            if existing is None:
                raise
    registration_mail_send(
        registration=existing,
        template="confirm" if existing.status == RegistrationStatus.PENDING else "already",
    )
    return existing, False


def _create(*, event, name, email, organisation, now) -> Registration:
    registration = Registration.objects.create(
        event=event,
        name=name.strip(),
        email=email,
        organisation=organisation.strip(),
        consent_text=consent_text(),
        created_at=now,
    )
    registration_mail_send(registration=registration, template="confirm")
    return registration


def _by_token(parsed: tuple[int, str] | None, *, lock: bool) -> Registration:
    if parsed is None:
        raise ValidationError(INVALID_LINK)
    pk, key = parsed
    found = Registration.objects.filter(pk=pk).values_list("event_id", "key").first()
    if found is None or not key or found[1] != key:
        raise ValidationError(INVALID_LINK)
    if lock:
        _lock_event(found[0])
        return Registration.objects.select_for_update(of=("self",)).select_related("event").get(pk=pk)
    return Registration.objects.select_related("event").get(pk=pk)


def registration_by_personal_token(token: str) -> Registration:
    return _by_token(personal_token_read(token), lock=False)


@transaction.atomic
def registration_confirm(*, token: str, now=None) -> Registration:
    """The second step of the double opt-in: a seat if one is free, otherwise the waiting list.
    A second click on the link changes nothing and shows the state."""
    now = now or timezone.now()
    registration = _by_token(confirm_token_read(token), lock=True)
    event = registration.event
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError("Diese Anmeldung wurde storniert. Bitte melden Sie sich bei Bedarf neu an.")
    if registration.status != RegistrationStatus.PENDING:
        return registration
    if not event.live:
        raise ValidationError(
            "Diese Veranstaltung wird nicht mehr angeboten; eine Anmeldung ist nicht möglich."
        )
    if not event.registration_open(now):
        raise ValidationError(closed_message(event, now))
    _fill_seats(event, now=now)  # the Redaktion may have added seats since the last change
    left = _seats_left(event)
    registration.status = (
        RegistrationStatus.REGISTERED if left is None or left > 0 else RegistrationStatus.WAITLISTED
    )
    registration.confirmed_at = now
    registration.save(update_fields=["status", "confirmed_at"])
    registration_mail_send(
        registration=registration,
        template="registered" if registration.status == RegistrationStatus.REGISTERED else "waitlisted",
    )
    return registration


@transaction.atomic
def registration_cancel(*, token: str, now=None) -> Registration:
    """Cancel through the personal link – once. A freed seat goes to the first on the waiting list."""
    now = now or timezone.now()
    registration = _by_token(personal_token_read(token), lock=True)
    event = registration.event
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(
            "Sie haben sich von dieser Veranstaltung bereits abgemeldet. Der Abmeldelink gilt nur einmal."
        )
    if event.start <= now:
        raise ValidationError(
            "Die Veranstaltung hat bereits begonnen; eine Abmeldung ist nicht mehr möglich."
        )
    held_seat = registration.status == RegistrationStatus.REGISTERED
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at"])
    registration_mail_send(registration=registration, template="cancelled")
    if held_seat:
        _fill_seats(event, now=now)
    return registration


@transaction.atomic
def seats_fill(*, event: EventPage, now=None) -> list[Registration]:
    """After the Redaktion published a change (e.g. more seats): move up whoever now fits."""
    return _fill_seats(_lock_event(event.pk), now=now or timezone.now())


def reminders_send(*, now=None) -> int:
    """Remind everyone with a seat of an event that starts tomorrow (German date); once each,
    however often it runs (daily or hourly)."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(tomorrow, time.min), tz)
    end = timezone.make_aware(datetime.combine(tomorrow + timedelta(days=1), time.min), tz)
    ids = list(
        Registration.objects.filter(
            status=RegistrationStatus.REGISTERED,
            reminder_sent_at__isnull=True,
            event__live=True,
            event__start__gte=start,
            event__start__lt=end,
        ).values_list("pk", flat=True)
    )
    sent = 0
    for pk in ids:
        with transaction.atomic():
            # Claimed by the update: a second run (or a parallel one) finds nothing left to send.
            if Registration.objects.filter(
                pk=pk, status=RegistrationStatus.REGISTERED, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=now):
                registration = Registration.objects.select_related("event").get(pk=pk)
                registration_mail_send(registration=registration, template="reminder")
                sent += 1
    return sent


@transaction.atomic
def registrations_expire(*, now=None) -> int:
    """Delete registrations never confirmed within the confirmation period (they held no seat)."""
    cutoff = (now or timezone.now()) - timedelta(days=confirmation_days())
    deleted, _ = Registration.objects.filter(
        status=RegistrationStatus.PENDING, created_at__lt=cutoff
    ).delete()
    return deleted


@transaction.atomic
def registrations_purge_personal_data(*, older_than_days: int | None = None, now=None) -> int:
    """Delete name, address and Körperschaft of every registration for an event that ended more than
    `older_than_days` (EVENTS_RETENTION_DAYS) ago. Kept for statistics: the status and the dates.
    Unconfirmed ones go entirely. The links end too (the key is cleared)."""
    now = now or timezone.now()
    days = retention_days() if older_than_days is None else older_than_days
    cutoff = now - timedelta(days=days)
    from django.db.models import Q

    over = Q(event__end__lt=cutoff) | Q(event__end__isnull=True, event__start__lt=cutoff)
    old = Registration.objects.filter(over, personal_data_deleted_at__isnull=True)
    old.filter(status=RegistrationStatus.PENDING).delete()
    return Registration.objects.filter(pk__in=list(old.values_list("pk", flat=True))).update(
        name="", email="", organisation="", consent_text="", key="", personal_data_deleted_at=now
    )
