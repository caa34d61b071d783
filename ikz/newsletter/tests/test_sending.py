"""Sending an edition over real SMTP: headers, progress, no duplicates, resume after a crash, retries."""

import smtplib
from collections import Counter
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.mail.backends.smtp import EmailBackend
from django.test import Client

from ikz.newsletter.models import Delivery, DeliveryStatus, Dispatch, SubscriptionStatus
from ikz.newsletter.selectors import dispatch_progress
from ikz.newsletter.sending import dispatch_run
from ikz.newsletter.services import edition_send

pytestmark = pytest.mark.django_db


def test_edition_goes_once_to_each_confirmed_subscriber_with_unsubscribe_headers(
    smtp_server, edition_factory, subscriber_factory, editor, django_capture_on_commit_callbacks
):
    subscribers = subscriber_factory(5)
    subscribers[4].status = SubscriptionStatus.PENDING
    subscribers[4].save()
    edition = edition_factory()
    with django_capture_on_commit_callbacks(execute=True):
        edition_send(edition=edition, user=editor)
    messages = smtp_server.wait_for(4)
    assert sorted(str(m["To"]) for m in messages) == sorted(s.email for s in subscribers[:4])
    mail = messages[0]
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = mail["List-Unsubscribe"].strip("<>")
    assert url.startswith("https://ikz.example/newsletter/abmelden/")
    assert url in smtp_server.body(mail)
    assert {part.get_content_type() for part in mail.walk()} >= {"text/plain", "text/html"}

    # The link in the header works as one-click unsubscribe.
    Client(enforce_csrf_checks=True).post(
        url.removeprefix("https://ikz.example"), {"List-Unsubscribe": "One-Click"}
    )
    assert SubscriptionStatus.UNSUBSCRIBED in {s.status for s in type(subscribers[0]).objects.all()}

    progress = dispatch_progress(edition=edition)
    assert progress["sent"] == 4 and progress["pending"] == 0
    assert Dispatch.objects.get(edition=edition).finished_at
    with pytest.raises(ValidationError):
        edition_send(edition=edition, user=editor)


class WorkerCrash(BaseException):
    """Stands for SIGKILL: not an Exception, so nothing in the sender catches it."""


def test_crash_mid_batch_resumes_without_duplicates_or_gaps(
    smtp_server, settings, edition_factory, subscriber_factory, editor, monkeypatch
):
    settings.NEWSLETTER_BATCH_SIZE = 7
    subscriber_factory(30)
    edition = edition_factory()
    edition_send(edition=edition, user=editor)  # no on_commit capture: the task does not start
    # A previous run got through the first 10 before it stopped.
    first_ten = list(
        Delivery.objects.filter(edition=edition).order_by("pk").values_list("pk", flat=True)[:10]
    )
    Delivery.objects.filter(pk__in=first_ten).update(status=DeliveryStatus.SENT)

    original = EmailBackend.send_messages
    calls = {"n": 0}

    def crashing(self, messages):
        calls["n"] += 1
        if calls["n"] == 9:  # in the middle of the second batch
            raise WorkerCrash
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", crashing)
    with pytest.raises(WorkerCrash):
        dispatch_run(edition_id=edition.pk)
    assert Delivery.objects.filter(edition=edition, status=DeliveryStatus.SENDING).exists()
    monkeypatch.setattr(EmailBackend, "send_messages", original)

    # A restart within the lease leaves the rows claimed by the (maybe still living) worker alone …
    dispatch_run(edition_id=edition.pk)
    assert Delivery.objects.filter(edition=edition, status=DeliveryStatus.SENDING).exists()
    # … and once the lease is over, they are sent.
    progress = dispatch_run(edition_id=edition.pk, reclaim_after=timedelta(0))
    assert progress["sent"] == 30 and progress["pending"] == progress["sending"] == progress["failed"] == 0

    smtp_server.wait_for(20)
    received = Counter(str(m["To"]) for m in smtp_server.messages)
    assert len(smtp_server.messages) == 20 and max(received.values()) == 1
    pre_sent = set(Delivery.objects.filter(pk__in=first_ten).values_list("subscription__email", flat=True))
    assert not pre_sent & set(received)
    assert len(pre_sent | set(received)) == 30


def test_failures_are_recorded_and_retried_a_bounded_number_of_times(
    smtp_server, settings, edition_factory, subscriber_factory, editor, monkeypatch
):
    settings.NEWSLETTER_MAX_ATTEMPTS = 3
    subscriber_factory(3)
    edition = edition_factory()
    edition_send(edition=edition, user=editor)
    original = EmailBackend.send_messages
    attempts = Counter()

    def flaky(self, messages):
        to = messages[0].to[0]
        attempts[to] += 1
        if to == "leser0@kommune.nrw.example":
            raise smtplib.SMTPRecipientsRefused({to: (550, b"No such user")})
        if to == "leser1@kommune.nrw.example":
            raise smtplib.SMTPServerDisconnected("Verbindung verloren")
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky)
    progress = dispatch_run(edition_id=edition.pk)
    assert progress["sent"] == 1 and progress["failed"] == 2
    assert attempts["leser0@kommune.nrw.example"] == 1  # permanent: no retry
    assert attempts["leser1@kommune.nrw.example"] == 3  # transient: bounded retries
    failed = Delivery.objects.get(subscription__email="leser1@kommune.nrw.example")
    assert failed.attempts == 3 and "Verbindung verloren" in failed.last_error
