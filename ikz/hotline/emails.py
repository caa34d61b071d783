"""Mails of the hotline, rendered from templates and sent through the outbox (ikz.core.mail).

The confirmation mail repeats neither subject nor question: whoever types a stranger's
address into the form cannot make the portal carry their text to that person.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from ikz.core.mail import mail_queue
from ikz.core.text import letter_parts

from .tokens import follow_up_token_make


def absolute_url(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def follow_up_url(inquiry) -> str:
    return absolute_url(reverse("hotline:follow_up", kwargs={"token": follow_up_token_make(inquiry=inquiry)}))


def _enqueue(*, template: str, subject: str, to: list[str], context: dict) -> None:
    context = {"portal_url": absolute_url("/"), **context}
    mail_queue(
        purpose=f"hotline.{template}",
        subject=subject,
        to=to,
        text_body=render_to_string(f"hotline/emails/{template}.txt", context),
    )


def inquiry_confirmation_send(*, inquiry, with_question: bool = False) -> None:
    _enqueue(
        template="confirmation",
        subject=f"Ihre Anfrage an die IKZ-Hotline: {inquiry.reference}",
        to=[inquiry.email],
        context={"inquiry": inquiry, "with_question": with_question, "follow_up_url": follow_up_url(inquiry)},
    )


def inquiry_answer_send(*, inquiry, message) -> None:
    _enqueue(
        template="answer",
        subject=f"Antwort auf Ihre Anfrage {inquiry.reference}",
        to=[inquiry.email],
        context={
            "inquiry": inquiry,
            "message": message,
            "letter": letter_parts(message.body),
            "follow_up_url": follow_up_url(inquiry),
        },
    )


def editorial_notify(*, inquiry, follow_up: bool = False) -> None:
    """Tell the Redaktion that something new waits in the inbox (no personal data in the mail)."""
    _enqueue(
        template="editorial_notice",
        subject=f"{'Nachtrag zu' if follow_up else 'Neue'} Hotline-Anfrage {inquiry.reference}",
        to=[settings.IKZ_EDITORIAL_EMAIL],
        context={
            "inquiry": inquiry,
            "follow_up": follow_up,
            "admin_url": absolute_url(reverse("hotline_inquiry:edit", args=[inquiry.pk])),
        },
    )
