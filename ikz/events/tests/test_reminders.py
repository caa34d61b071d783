"""The reminder the day before, with time travel (`now=`), real SMTP and once per registration."""

import io
from datetime import datetime, time, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from ikz.events.services import reminders_send

pytestmark = pytest.mark.django_db


def _berlin(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def test_reminder_goes_out_the_day_before_once(event_factory, register_confirmed, smtp_server):
    day = timezone.localdate() + timedelta(days=20)
    event = event_factory(start=_berlin(day, 0, 30))  # just after midnight: the German date counts
    registered = register_confirmed(event, "eins@kommune.nrw.example")
    register_confirmed(event, "zwei@kommune.nrw.example").delete()  # only those with a seat
    other = event_factory(start=_berlin(day + timedelta(days=1), 10))
    register_confirmed(other, "drei@kommune.nrw.example")
    sent_before = len(smtp_server.messages)

    two_days_before = _berlin(day - timedelta(days=2), 8)
    assert reminders_send(now=two_days_before) == 0
    day_before = _berlin(day - timedelta(days=1), 8)
    assert reminders_send(now=day_before) == 1
    assert reminders_send(now=day_before + timedelta(hours=1)) == 0  # hourly runs: still once
    mail = smtp_server.wait_for(sent_before + 1)[-1]
    assert mail["Subject"].startswith("Erinnerung:") and day.strftime("%d.%m.%Y") in mail["Subject"]
    body = smtp_server.body(mail)
    assert "https://konferenz.example/geheim-123" in body and "/veranstaltungen/anmeldung/abmelden/" in body
    registered.refresh_from_db()
    assert registered.reminder_sent_at == day_before
    # The next day the other event's participant is reminded, and nobody twice.
    assert reminders_send(now=_berlin(day, 8)) == 1
    assert len(smtp_server.messages) == sent_before + 2


def test_no_reminder_after_cancellation(event_factory, register_confirmed, smtp_server):
    from ikz.events.services import registration_cancel
    from ikz.events.tokens import personal_token_make

    day = timezone.localdate() + timedelta(days=5)
    event = event_factory(start=_berlin(day, 10))
    registration = register_confirmed(event, "eins@kommune.nrw.example")
    registration_cancel(token=personal_token_make(registration=registration))
    assert reminders_send(now=_berlin(day - timedelta(days=1), 8)) == 0


def test_command_runs(event_factory, smtp_server):
    out = io.StringIO()
    call_command("send_event_reminders", stdout=out)
    assert "Erinnerung" in out.getvalue()
