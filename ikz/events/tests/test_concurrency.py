"""Seats under concurrency (PostgreSQL): parallel confirmations never overbook, parallel
cancellations move exactly as many people up as seats were freed."""

import threading

import pytest
from django.db import connection, connections

from ikz.events import services
from ikz.events.models import Registration, RegistrationStatus
from ikz.events.tokens import confirm_token_make, personal_token_make

pytestmark = pytest.mark.django_db(transaction=True)


def _parallel(calls) -> list[Exception]:
    errors = []
    barrier = threading.Barrier(len(calls))

    def run(call):
        try:
            barrier.wait()
            call()
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.fixture
def _postgresql():
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite serialises all writers (BEGIN IMMEDIATE); the race is only possible on PostgreSQL"
        )


def test_parallel_confirmations_fill_exactly_the_seats(_postgresql, event_factory, smtp_server):
    event = event_factory(capacity=3)
    pending = [
        services.registration_request(event=event, name=f"P{n}", email=f"p{n}@kommune.nrw.example")[0]
        for n in range(8)
    ]
    tokens = [confirm_token_make(registration=r) for r in pending]
    errors = _parallel([lambda t=t: services.registration_confirm(token=t) for t in tokens])
    assert not errors
    counts = {s: Registration.objects.filter(status=s).count() for s in RegistrationStatus.values}
    assert counts[RegistrationStatus.REGISTERED] == 3 and counts[RegistrationStatus.WAITLISTED] == 5
    positions = sorted(r.waitlist_position() for r in Registration.objects.filter(status="waitlisted"))
    assert positions == [1, 2, 3, 4, 5]


def test_parallel_cancellations_move_up_exactly_as_many(
    _postgresql, event_factory, register_confirmed, smtp_server
):
    event = event_factory(capacity=3)
    people = [register_confirmed(event, f"p{n}@kommune.nrw.example") for n in range(7)]
    seated = [p for p in people if p.status == RegistrationStatus.REGISTERED]
    assert len(seated) == 3
    errors = _parallel(
        [lambda r=r: services.registration_cancel(token=personal_token_make(registration=r)) for r in seated]
    )
    assert not errors
    assert Registration.objects.filter(status=RegistrationStatus.REGISTERED).count() == 3
    assert Registration.objects.filter(status=RegistrationStatus.WAITLISTED).count() == 1
    # The first three of the waiting list moved up, in their order.
    moved = Registration.objects.filter(moved_up_at__isnull=False).order_by("confirmed_at")
    assert [r.email for r in moved] == [p.email for p in people[3:6]]


def test_the_same_cancel_link_twice_at_once_cancels_once(
    _postgresql, event_factory, register_confirmed, smtp_server
):
    event = event_factory(capacity=1)
    first = register_confirmed(event, "eins@kommune.nrw.example")
    register_confirmed(event, "zwei@kommune.nrw.example")
    register_confirmed(event, "drei@kommune.nrw.example")
    token = personal_token_make(registration=first)
    errors = _parallel([lambda: services.registration_cancel(token=token)] * 2)
    assert len(errors) == 1 and "nur einmal" in errors[0].messages[0]
    assert Registration.objects.filter(status=RegistrationStatus.REGISTERED).count() == 1
    assert Registration.objects.get(status="registered").email == "zwei@kommune.nrw.example"
