"""Background work shared by all apps: sending mail outside the request."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def mail_send(*, subject: str, to: list[str], text_body: str, html_body: str = "", reply_to: str = "") -> int:
    """Send one prepared mail (plain text plus an HTML alternative) through Django's mail API."""
    message = EmailMultiAlternatives(
        subject=subject,
        body=text_body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=[reply_to] if reply_to else None,
    )
    if html_body:
        message.attach_alternative(html_body, "text/html")
    return message.send()
