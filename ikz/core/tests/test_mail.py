"""The outbox: retries with backoff over a real SMTP server, the operators' alert, the delivery log."""

import logging
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from conftest import SMTPSink
from ikz.core.mail import mail_queue, mails_retry_due
from ikz.core.outbox import MailStatus, OutgoingMail

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def worker_pass() -> None:
    """One pass of the real database worker: runs every task that is due, then stops."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


class RestartableSink(SMTPSink):
    """A real SMTP server that can be stopped (connection refused) and started again on its port."""

    def restart(self) -> None:
        from aiosmtpd.controller import Controller

        self.controller = Controller(self, hostname="127.0.0.1", port=self.controller.port)
        self.controller.start()


@pytest.fixture
def flaky_smtp(settings):
    sink = RestartableSink()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_PORT = sink.start()
    settings.EMAIL_USE_TLS = False
    sink.running = True
    yield sink
    if sink.running:
        sink.stop()


class RefusingSink(SMTPSink):
    """An SMTP server that answers 550 (no such mailbox) for addresses starting with "weg"."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address.startswith("weg"):
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.mark.django_db(transaction=True)
def test_mail_survives_a_stopped_smtp_server_and_is_delivered_exactly_once(settings, flaky_smtp):
    settings.TASKS = DB_TASKS
    smtp_server = flaky_smtp
    smtp_server.stop()  # connection refused from now on
    smtp_server.running = False

    mail = mail_queue(
        purpose="test", to=["anna@kommune.nrw.example"], subject="Hallo", text_body="Geheimer Link: /x/abc/"
    )
    task_row = DBTaskResult.objects.get()
    assert task_row.args_kwargs == {"args": [], "kwargs": {"mail_id": mail.pk}}

    worker_pass()
    mail.refresh_from_db()
    assert mail.status == MailStatus.QUEUED and mail.attempts == 1
    assert mail.next_attempt_at > timezone.now()
    assert "ConnectionRefusedError" in mail.last_error
    # The retry is a deferred task of the queue itself, carrying nothing but the id.
    deferred = DBTaskResult.objects.filter(status="READY").get()
    assert deferred.run_after > timezone.now()
    assert deferred.args_kwargs == {"args": [], "kwargs": {"mail_id": mail.pk}}

    smtp_server.restart()
    smtp_server.running = True
    # Time passes: the mail is due (and so is its deferred task).
    OutgoingMail.objects.filter(pk=mail.pk).update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    DBTaskResult.objects.filter(pk=deferred.pk).update(run_after=timezone.now() - timedelta(seconds=1))
    assert mails_retry_due()["sent"] == 1  # the cron job got there first …
    worker_pass()  # … and the queue's own retry finds nothing left to send
    smtp_server.wait_for(1)
    assert len(smtp_server.messages) == 1
    assert smtp_server.body(smtp_server.messages[0]).strip() == "Geheimer Link: /x/abc/"

    mail.refresh_from_db()
    assert mail.status == MailStatus.SENT and mail.attempts == 2 and mail.sent_at
    assert mail.text_body == mail.html_body == ""  # nothing secret stays at rest
    assert mail.subject == "Hallo" and mail.to == ["anna@kommune.nrw.example"]
    assert set(DBTaskResult.objects.values_list("return_value", flat=True)) == {"queued", "skipped"}


def test_last_attempt_gives_up_and_tells_the_operators(db, settings, caplog):
    sink = RefusingSink()
    settings.EMAIL_PORT = sink.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.ADMINS = [("Betrieb", "betrieb@ikz-portal.nrw.example")]
    try:
        with caplog.at_level(logging.ERROR, logger="ikz.core.mail"):
            mail = mail_queue(
                purpose="accounts.test", to=["weg@kommune.example"], subject="Hallo", text_body="x"
            )
        mail.refresh_from_db()
        assert mail.status == MailStatus.FAILED and mail.attempts == 1
        assert "550" in mail.last_error
        assert any("nicht zustellbar" in r.getMessage() for r in caplog.records if r.levelno == logging.ERROR)
        sink.wait_for(1)
        alert = sink.to("betrieb@ikz-portal.nrw.example")[0]
        assert "E-Mail nicht zustellbar" in alert["Subject"]
        assert "E-Mail-Zustellung" in sink.body(alert)
    finally:
        sink.stop()


def test_temporary_failures_back_off_until_the_last_attempt(db, settings, flaky_smtp):
    settings.MAIL_RETRY_DELAYS = [60, 600]
    flaky_smtp.stop()
    flaky_smtp.running = False
    mail = mail_queue(purpose="test", to=["anna@kommune.example"], subject="Hallo", text_body="x")
    waits = []
    for _ in range(3):
        mail.refresh_from_db()
        waits.append(mail.next_attempt_at - timezone.now())
        OutgoingMail.objects.filter(pk=mail.pk).update(next_attempt_at=timezone.now())
        mails_retry_due()
    mail.refresh_from_db()
    assert mail.status == MailStatus.FAILED and mail.attempts == 3
    assert timedelta(seconds=50) < waits[0] <= timedelta(seconds=60)
    assert timedelta(seconds=590) < waits[1] <= timedelta(seconds=600)
    assert mail.text_body == "x"  # kept for "erneut senden" until prune_tasks wipes it


def test_a_worker_that_died_mid_send_does_not_lose_the_mail(db, smtp_server):
    mail = OutgoingMail.objects.create(
        purpose="test", to=["anna@kommune.example"], subject="Hallo", text_body="x", status=MailStatus.SENDING
    )
    OutgoingMail.objects.filter(pk=mail.pk).update(claimed_at=timezone.now() - timedelta(hours=1))
    counts = mails_retry_due()
    assert counts["recovered"] == 1 and counts["sent"] == 1
    smtp_server.wait_for(1)


def test_prune_tasks_removes_old_task_rows_mail_log_bodies_and_tokens(db, settings):
    from ikz.core.outbox import ConsumedToken

    settings.TASKS = DB_TASKS
    old = timezone.now() - timedelta(days=100)  # past every default retention (7, 90, 14 days)
    DBTaskResult.objects.create(
        task_path="ikz.core.tasks.mail_send",
        args_kwargs={"args": [], "kwargs": {"text_body": "alt"}},
        status="SUCCESSFUL",
        finished_at=old,
        backend_name="default",
    )
    waiting = DBTaskResult.objects.create(
        task_path="ikz.core.tasks.mail_deliver_task",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
    )
    sent = OutgoingMail.objects.create(
        purpose="t", to=["a@b.example"], subject="s", status="sent", sent_at=old
    )
    failed = OutgoingMail.objects.create(
        purpose="t", to=["a@b.example"], subject="s", status="failed", created_at=old, text_body="Link"
    )
    recent = OutgoingMail.objects.create(
        purpose="t", to=["a@b.example"], subject="s", status="failed", text_body="L"
    )
    ConsumedToken.objects.create(key="alt", expires_at=old)
    ConsumedToken.objects.create(key="neu", expires_at=timezone.now() + timedelta(hours=1))

    call_command("prune_tasks", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert list(DBTaskResult.objects.all()) == [waiting]
    assert not OutgoingMail.objects.filter(pk=sent.pk).exists()
    failed.refresh_from_db()
    recent.refresh_from_db()
    assert failed.text_body == "" and failed.subject == "s" and recent.text_body == "L"
    assert list(ConsumedToken.objects.values_list("key", flat=True)) == ["neu"]


def test_legacy_task_arguments_move_into_the_outbox(db, smtp_server):
    from ikz.core.tasks import mail_send

    mail_send.call(subject="Alt", to=["anna@kommune.example"], text_body="aus der alten Warteschlange")
    smtp_server.wait_for(1)
    assert OutgoingMail.objects.get().status == MailStatus.SENT
