"""Registration with double opt-in, waiting list, cancellation and the mails, over real SMTP."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ikz.core.outbox import OutgoingMail
from ikz.events import services
from ikz.events.models import Registration, RegistrationStatus
from ikz.events.tokens import confirm_token_make, personal_token_make

pytestmark = pytest.mark.django_db


def _link(mail, smtp_server, kind: str) -> str:
    return re.search(
        rf"https://ikz\.example/veranstaltungen/anmeldung/{kind}/(\S+)/", smtp_server.body(mail)
    ).group(1)


def test_double_opt_in_gives_a_seat_and_the_access_link_only_after_confirmation(event_factory, smtp_server):
    event = event_factory(capacity=2)
    registration, created = services.registration_request(
        event=event, name="Erika Muster", email="Erika@Kommune.NRW.example", organisation="Stadt Hückeswagen"
    )
    assert created and registration.status == RegistrationStatus.PENDING
    assert registration.email == "erika@kommune.nrw.example"
    mail = smtp_server.wait_for(1)[0]
    body = smtp_server.body(mail)
    assert "Bitte bestätigen" in mail["Subject"] and event.title in mail["Subject"]
    assert "geheim-123" not in body  # no access before the address is confirmed
    assert "Erika Muster" not in body  # nothing the sender typed goes to the address

    token = _link(mail, smtp_server, "bestaetigen")
    registration = services.registration_confirm(token=token)
    assert registration.status == RegistrationStatus.REGISTERED and registration.confirmed_at
    mail = smtp_server.wait_for(2)[1]
    assert mail["Subject"].startswith("Anmeldung bestätigt")
    body = smtp_server.body(mail)
    assert "https://konferenz.example/geheim-123" in body
    assert "/veranstaltungen/anmeldung/abmelden/" in body

    # A second click changes nothing and sends nothing.
    assert services.registration_confirm(token=token).status == RegistrationStatus.REGISTERED
    assert len(smtp_server.messages) == 2


def test_beyond_capacity_goes_to_the_waiting_list_which_moves_up_on_cancellation(
    event_factory, register_confirmed, smtp_server
):
    event = event_factory(capacity=1)
    first = register_confirmed(event, "eins@kommune.nrw.example")
    second = register_confirmed(event, "zwei@kommune.nrw.example", name="Zora Zwei")
    third = register_confirmed(event, "drei@kommune.nrw.example")
    assert first.status == RegistrationStatus.REGISTERED
    assert second.status == third.status == RegistrationStatus.WAITLISTED
    assert (second.waitlist_position(), third.waitlist_position()) == (1, 2)
    waiting_mail = smtp_server.to("zwei@kommune.nrw.example")[-1]
    assert waiting_mail["Subject"].startswith("Warteliste")
    assert "Sie stehen auf Platz 1 der Warteliste" in smtp_server.body(waiting_mail)
    assert "geheim-123" not in smtp_server.body(waiting_mail)

    before = len(smtp_server.messages)
    services.registration_cancel(token=personal_token_make(registration=first))
    smtp_server.wait_for(before + 2)
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "eins@kommune.nrw.example": RegistrationStatus.CANCELLED,
        "zwei@kommune.nrw.example": RegistrationStatus.REGISTERED,
        "drei@kommune.nrw.example": RegistrationStatus.WAITLISTED,
    }
    moved = smtp_server.to("zwei@kommune.nrw.example")[-1]
    assert "nachgerückt" in smtp_server.body(moved) and "Zora Zwei" in smtp_server.body(moved)
    assert "https://konferenz.example/geheim-123" in smtp_server.body(moved)
    assert smtp_server.to("eins@kommune.nrw.example")[-1]["Subject"].startswith("Abmeldung bestätigt")
    assert Registration.objects.get(email="drei@kommune.nrw.example").waitlist_position() == 1


def test_cancelling_from_the_waiting_list_moves_nobody_up(event_factory, register_confirmed, smtp_server):
    event = event_factory(capacity=1)
    register_confirmed(event, "eins@kommune.nrw.example")
    waiting = register_confirmed(event, "zwei@kommune.nrw.example")
    third = register_confirmed(event, "drei@kommune.nrw.example")
    services.registration_cancel(token=personal_token_make(registration=waiting))
    third.refresh_from_db()
    assert third.status == RegistrationStatus.WAITLISTED and third.waitlist_position() == 1


def test_cancel_link_works_once(event_factory, register_confirmed, smtp_server):
    registration = register_confirmed(event_factory(capacity=5), "eins@kommune.nrw.example")
    token = personal_token_make(registration=registration)
    services.registration_cancel(token=token)
    with pytest.raises(ValidationError) as exc:
        services.registration_cancel(token=token)
    assert "bereits abgemeldet" in exc.value.messages[0] and "nur einmal" in exc.value.messages[0]


def test_double_registration_stores_nothing_new_and_sends_the_link_again(
    event_factory, register_confirmed, smtp_server
):
    event = event_factory(capacity=5)
    register_confirmed(event, "eins@kommune.nrw.example")
    before = len(smtp_server.messages)
    registration, created = services.registration_request(
        event=event, name="Noch mal", email="EINS@kommune.nrw.example"
    )
    assert not created and registration.name == "Erika Muster"
    assert Registration.objects.count() == 1
    mail = smtp_server.wait_for(before + 1)[-1]
    assert "bereits" in smtp_server.body(mail) and "/veranstaltungen/anmeldung/" in smtp_server.body(mail)


def test_registration_closed_for_past_events_and_after_the_deadline(event_factory, smtp_server):
    past = event_factory(days=-2)
    with pytest.raises(ValidationError, match="bereits stattgefunden"):
        services.registration_request(event=past, name="A", email="a@kommune.nrw.example")
    deadline = event_factory(days=5, registration_deadline=timezone.now() - timedelta(hours=1))
    with pytest.raises(ValidationError, match="Anmeldeschluss"):
        services.registration_request(event=deadline, name="A", email="a@kommune.nrw.example")
    assert not Registration.objects.exists() and not OutgoingMail.objects.exists()


def test_confirmation_after_the_event_started_is_refused(event_factory, smtp_server):
    event = event_factory(days=1)
    registration, _ = services.registration_request(event=event, name="A", email="a@kommune.nrw.example")
    token = confirm_token_make(registration=registration)
    with pytest.raises(ValidationError, match="bereits stattgefunden"):
        services.registration_confirm(token=token, now=event.start + timedelta(minutes=5))
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING


def test_forged_or_foreign_tokens_are_refused(event_factory, register_confirmed, smtp_server):
    registration = register_confirmed(event_factory(), "eins@kommune.nrw.example")
    for token in ["abc", confirm_token_make(registration=registration)]:  # a confirm token is no cancel link
        with pytest.raises(ValidationError, match="ungültig"):
            services.registration_cancel(token=token)
    registration.key = "neu"
    registration.save()
    with pytest.raises(ValidationError, match="ungültig"):
        services.registration_by_personal_token(
            personal_token_make(registration=Registration(pk=registration.pk, key="alt"))
        )


def test_more_seats_published_move_the_waiting_list_up(event_factory, register_confirmed, smtp_server):
    event = event_factory(capacity=1)
    register_confirmed(event, "eins@kommune.nrw.example")
    waiting = register_confirmed(event, "zwei@kommune.nrw.example")
    event.capacity = 2
    event.save_revision().publish()
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.REGISTERED and waiting.moved_up_at
    assert "nachgerückt" in smtp_server.body(smtp_server.to("zwei@kommune.nrw.example")[-1])


def test_unconfirmed_registrations_expire_and_hold_no_seat(event_factory, register_confirmed, smtp_server):
    event = event_factory(capacity=1)
    services.registration_request(event=event, name="A", email="offen@kommune.nrw.example")
    assert register_confirmed(event, "eins@kommune.nrw.example").status == RegistrationStatus.REGISTERED
    assert services.registrations_expire(now=timezone.now() + timedelta(days=6)) == 0
    assert services.registrations_expire(now=timezone.now() + timedelta(days=8)) == 1
    assert list(Registration.objects.values_list("email", flat=True)) == ["eins@kommune.nrw.example"]


def test_personal_data_is_deleted_after_the_retention_period(
    event_factory, register_confirmed, settings, smtp_server
):
    from django.core.management import call_command

    settings.EVENTS_RETENTION_DAYS = 30
    event = event_factory(days=1)
    registration = register_confirmed(event, "eins@kommune.nrw.example")
    token = personal_token_make(registration=registration)
    after = event.end + timedelta(days=29)
    assert services.registrations_purge_personal_data(now=after) == 0
    assert services.registrations_purge_personal_data(now=event.end + timedelta(days=31)) == 1
    registration.refresh_from_db()
    assert (registration.name, registration.email, registration.organisation, registration.key) == (
        "",
        "",
        "",
        "",
    )
    assert registration.status == RegistrationStatus.REGISTERED and registration.personal_data_deleted_at
    with pytest.raises(ValidationError):
        services.registration_by_personal_token(token)
    call_command(
        "purge_event_personal_data", "--days", "0", stdout=__import__("io").StringIO()
    )  # runs, idempotent


def test_confirmation_for_an_unpublished_event_is_refused(event_factory, smtp_server):
    event = event_factory()
    registration, _ = services.registration_request(event=event, name="A", email="a@kommune.nrw.example")
    event.unpublish()
    with pytest.raises(ValidationError, match="nicht mehr angeboten"):
        services.registration_confirm(token=confirm_token_make(registration=registration))
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING
