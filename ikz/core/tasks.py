"""Background work shared by all apps: sending mail outside the request.

A task gets only the id of an outbox row (ikz.core.outbox.OutgoingMail) and returns only a
status word: task arguments and results are kept by the queue and end up in every dump, so they
must never carry a mail's body, a link or a name.
"""

from django_tasks import task


@task()
def mail_deliver_task(*, mail_id: int) -> str:
    from .mail import mail_deliver

    return mail_deliver(mail_id=mail_id)


@task()
def mail_send(*, subject: str, to: list[str], text_body: str, html_body: str = "", reply_to: str = "") -> str:
    """Only for tasks queued before the outbox existed: the mail moves into the outbox and is sent from there."""
    from .mail import mail_deliver, mail_queue

    mail = mail_queue(
        purpose="legacy", to=to, subject=subject, text_body=text_body, html_body=html_body, reply_to=reply_to
    )
    return mail_deliver(mail_id=mail.pk) if mail else "skipped"
