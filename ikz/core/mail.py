"""Sending mail through the outbox: queue inside the caller's transaction, deliver with retries.

`mail_queue()` is the one way the portal sends a mail. It writes an OutgoingMail row in the
caller's transaction and hands the row's id – nothing else – to the task queue (the database
queue's row is part of the same transaction; another queue would get it after the commit). `mail_deliver()` sends the row once: on an SMTP or network error it reschedules the mail
with exponential backoff (MAIL_RETRY_DELAYS), and after the last attempt it marks the mail as
not deliverable, logs an ERROR and tells the operators (ADMINS). After delivery the bodies are
wiped. `mails_retry_due()` (the `mail_retry` command, run by cron) sends every due mail and takes
back mails a stopped worker left half-sent, so a worker restart or a queue without deferred
tasks loses nothing.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection, mail_admins
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .outbox import MailStatus, OutgoingMail

logger = logging.getLogger(__name__)

# Seconds to wait after the 1st, 2nd, … failed attempt; after the last one the mail is given up.
# 1 min, 5 min, 15 min, 1 h, 3 h, 6 h, 12 h: about 22 hours in all.
DEFAULT_RETRY_DELAYS = [60, 300, 900, 3600, 3 * 3600, 6 * 3600, 12 * 3600]
# A mail "sending" for longer than this belongs to a worker that stopped; it is tried again.
DEFAULT_SENDING_LEASE = 15 * 60


def retry_delays() -> list[int]:
    return [int(s) for s in getattr(settings, "MAIL_RETRY_DELAYS", DEFAULT_RETRY_DELAYS)]


def max_attempts() -> int:
    return len(retry_delays()) + 1


def mail_queue(
    *,
    purpose: str,
    to: list[str],
    subject: str,
    text_body: str,
    html_body: str = "",
    reply_to: str = "",
) -> OutgoingMail | None:
    """Store the mail and send it once the surrounding transaction has committed."""
    to = [address for address in to if address]
    if not to:
        return None
    # A line break in a subject makes Django refuse the whole mail (titles come from members).
    subject = " ".join(subject.split())[:300]
    mail = OutgoingMail.objects.create(
        purpose=purpose, to=to, subject=subject, text_body=text_body, html_body=html_body, reply_to=reply_to
    )
    if _enqueue_is_transactional():
        # The task row commits (or rolls back) together with the mail: nothing is lost between
        # the commit and the enqueue, and a rolled-back request sends nothing.
        _enqueue(mail.pk)
    else:
        transaction.on_commit(lambda: _enqueue(mail.pk))
    return mail


def _enqueue_is_transactional() -> bool:
    """True for the database queue (its rows live in our transaction) and the test suite's inline runner."""
    from django_tasks.backends.immediate import ImmediateBackend
    from django_tasks_db import DatabaseBackend

    from .tasks import mail_deliver_task

    return isinstance(mail_deliver_task.get_backend(), (DatabaseBackend, ImmediateBackend))


def _enqueue(mail_id: int, *, run_after=None) -> None:
    from .tasks import mail_deliver_task

    task = mail_deliver_task
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # the `mail_retry` cron job picks it up when it is due
        task = task.using(run_after=run_after)
    try:
        task.enqueue(mail_id=mail_id)
    except Exception:  # the row is safe in the outbox; `mail_retry` sends it
        logger.exception("E-Mail %s konnte nicht in die Warteschlange gestellt werden", mail_id)


def _claim(mail_id: int) -> OutgoingMail | None:
    """Take the mail for sending; None if it is not due or another worker has it."""
    now = timezone.now()
    claimed = OutgoingMail.objects.filter(
        pk=mail_id, status=MailStatus.QUEUED, next_attempt_at__lte=now
    ).update(status=MailStatus.SENDING, claimed_at=now)
    return OutgoingMail.objects.get(pk=mail_id) if claimed else None


def _message(mail: OutgoingMail, connection=None) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.text_body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=mail.to,
        reply_to=[mail.reply_to] if mail.reply_to else None,
        connection=connection,
    )
    if mail.html_body:
        message.attach_alternative(mail.html_body, "text/html")
    return message


def smtp_error_is_permanent(exc: Exception) -> bool:
    """A 5xx answer for every recipient will not get better by waiting."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in exc.recipients.values())
    code = getattr(exc, "smtp_code", 0)
    return isinstance(code, int) and code >= 500


def mail_deliver(*, mail_id: int, connection=None) -> str:
    """Send one queued mail; returns the new status (nothing personal, it ends up in task results)."""
    mail = _claim(mail_id)
    if mail is None:
        return "skipped"
    try:
        _message(mail, connection).send()
    except Exception as exc:  # noqa: BLE001 - every SMTP or network error counts as one failed attempt
        return _attempt_failed(mail, exc)
    OutgoingMail.objects.filter(pk=mail.pk).update(
        status=MailStatus.SENT,
        sent_at=timezone.now(),
        attempts=F("attempts") + 1,
        claimed_at=None,
        last_error="",
        text_body="",
        html_body="",
    )
    return MailStatus.SENT


def _attempt_failed(mail: OutgoingMail, exc: Exception) -> str:
    attempts = mail.attempts + 1
    error = f"{type(exc).__name__}: {exc}"[:500]
    delays = retry_delays()
    if smtp_error_is_permanent(exc) or attempts > len(delays):
        OutgoingMail.objects.filter(pk=mail.pk).update(
            status=MailStatus.FAILED, attempts=attempts, claimed_at=None, last_error=error
        )
        mail_failed_alert(mail=mail, attempts=attempts, error=error)
        return MailStatus.FAILED
    next_attempt_at = timezone.now() + timedelta(seconds=delays[attempts - 1])
    OutgoingMail.objects.filter(pk=mail.pk).update(
        status=MailStatus.QUEUED,
        attempts=attempts,
        next_attempt_at=next_attempt_at,
        claimed_at=None,
        last_error=error,
    )
    logger.warning(
        "E-Mail %s (%s) nicht zugestellt, Versuch %s, nächster Versuch %s: %s",
        mail.pk,
        mail.purpose,
        attempts,
        next_attempt_at.isoformat(timespec="seconds"),
        error,
    )
    _enqueue(mail.pk, run_after=next_attempt_at)
    return MailStatus.QUEUED


def mail_failed_alert(*, mail: OutgoingMail, attempts: int, error: str) -> None:
    """Tell the operators: in the log (always) and by mail to ADMINS (if the mail server takes it)."""
    logger.error(
        "E-Mail %s (%s, Betreff %r) nach %s Versuchen nicht zustellbar: %s",
        mail.pk,
        mail.purpose,
        mail.subject,
        attempts,
        error,
    )
    mail_admins(
        "E-Mail nicht zustellbar",
        f"Die E-Mail {mail.pk} ({mail.purpose}) mit dem Betreff „{mail.subject}“ konnte nach "
        f"{attempts} Versuchen nicht zugestellt werden.\n\nLetzter Fehler: {error}\n\n"
        "Die Redaktion sieht sie im Verwaltungsbereich unter „E-Mail-Zustellung“ und kann sie "
        "dort erneut senden.",
        fail_silently=True,
    )


def mails_recover(*, older_than: timedelta | None = None) -> int:
    """Put mails that a stopped worker left in "sending" back into the queue."""
    lease = older_than or timedelta(seconds=getattr(settings, "MAIL_SENDING_LEASE", DEFAULT_SENDING_LEASE))
    return OutgoingMail.objects.filter(
        status=MailStatus.SENDING, claimed_at__lte=timezone.now() - lease
    ).update(status=MailStatus.QUEUED, claimed_at=None, next_attempt_at=timezone.now())


def mails_retry_due(*, limit: int = 500) -> dict[str, int]:
    """Send every mail that is due, over one SMTP connection; what the cron job runs."""
    recovered = mails_recover()
    counts = {"recovered": recovered, MailStatus.SENT: 0, MailStatus.QUEUED: 0, MailStatus.FAILED: 0}
    ids = list(
        OutgoingMail.objects.due().order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit]
    )
    connection = get_connection(fail_silently=False)
    try:
        for mail_id in ids:
            status = mail_deliver(mail_id=mail_id, connection=connection)
            if status in counts:
                counts[status] += 1
            if status != MailStatus.SENT:
                connection.close()  # the next mail starts on a fresh connection
    finally:
        connection.close()
    return counts


def mail_resend(*, mail: OutgoingMail) -> bool:
    """The Redaktion's "erneut senden": a not yet delivered mail goes back into the queue at once."""
    if mail.status == MailStatus.SENT or not (mail.text_body or mail.html_body):
        return False
    updated = OutgoingMail.objects.filter(
        pk=mail.pk, status__in=[MailStatus.QUEUED, MailStatus.FAILED]
    ).update(status=MailStatus.QUEUED, next_attempt_at=timezone.now(), attempts=0, last_error="")
    if updated:
        _enqueue(mail.pk)
    return bool(updated)


def mails_prune(*, sent_older_than: timedelta, failed_older_than: timedelta) -> dict[str, int]:
    """Delete the delivery log of sent mails and the bodies of given-up mails after their time."""
    now = timezone.now()
    deleted, _ = OutgoingMail.objects.filter(
        status=MailStatus.SENT, sent_at__lt=now - sent_older_than
    ).delete()
    old_failed = OutgoingMail.objects.filter(status=MailStatus.FAILED, created_at__lt=now - failed_older_than)
    wiped = old_failed.exclude(text_body="", html_body="").update(text_body="", html_body="")
    return {"deleted": deleted, "wiped": wiped}
