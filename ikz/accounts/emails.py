"""Mails of the accounts app, rendered from templates and handed to the task queue.

Nothing here talks SMTP: every mail goes through the outbox (ikz.core.mail.mail_queue), so a slow or
broken mail server never holds up a request and a failed delivery is retried.

A mail to an address nobody has confirmed yet (the registration confirmation) carries no text the
person registering typed in: otherwise anyone could make the portal deliver their words to a
stranger's mailbox.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from ikz.core.mail import mail_queue
from ikz.core.text import with_article

from .tokens import EMAIL_CONFIRMATION_MAX_AGE, email_confirmation_token_make


def absolute_url(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def mail_enqueue(*, template: str, subject: str, to: list[str], context: dict) -> None:
    """Render accounts/emails/<template>.txt and .html and queue the mail."""
    context = {"portal_url": absolute_url("/"), "subject": subject, **context}
    mail_queue(
        purpose=f"accounts.{template}",
        subject=subject,
        to=to,
        text_body=render_to_string(f"accounts/emails/{template}.txt", context),
        html_body=render_to_string(f"accounts/emails/{template}.html", context),
    )


def password_reset_mail_send(*, subject: str, to: str, text_body: str, html_body: str = "") -> None:
    """Django's password reset renders the mail itself; it is sent through the outbox like every other."""
    mail_queue(
        purpose="accounts.password_reset",
        subject="".join(subject.splitlines()),
        to=[to],
        text_body=text_body,
        html_body=html_body,
    )


def email_confirmation_send(*, user) -> None:
    token = email_confirmation_token_make(user_id=user.pk, email=user.email)
    mail_enqueue(
        template="email_confirmation",
        subject="Bitte bestätigen Sie Ihre E-Mail-Adresse – IKZ-Portal NRW",
        to=[user.email],
        context={
            "user": user,
            "confirm_url": absolute_url(reverse("accounts:email_confirm", kwargs={"token": token})),
            "valid_days": EMAIL_CONFIRMATION_MAX_AGE.days,
        },
    )


def membership_requested_notify(*, membership) -> None:
    """Tell the Redaktion that a membership waits for a decision."""
    mail_enqueue(
        template="membership_requested",
        subject=f"Neuer Antrag auf Mitgliedschaft: {membership.municipality}",
        to=[settings.IKZ_EDITORIAL_EMAIL],
        context={
            "membership": membership,
            "admin_url": absolute_url(reverse("membership:edit", args=[membership.pk])),
        },
    )


def membership_decided_notify(*, membership) -> None:
    """Tell the person how the Redaktion decided."""
    confirmed = membership.status == "confirmed"
    mail_enqueue(
        template="membership_decided",
        subject=(
            f"Ihre Mitgliedschaft für {with_article(membership.municipality)} ist bestätigt"
            if confirmed
            else f"Ihr Antrag auf Mitgliedschaft für {with_article(membership.municipality)} wurde abgelehnt"
        ),
        to=[membership.user.email],
        context={
            "membership": membership,
            "confirmed": confirmed,
            "profile_url": absolute_url(reverse("accounts:profile")),
        },
    )


def membership_ended_notify(*, membership) -> None:
    """Tell the person that a membership has ended (by the Redaktion, themself or deactivation)."""
    mail_enqueue(
        template="membership_ended",
        subject=f"Ihre Mitgliedschaft für {with_article(membership.municipality)} ist beendet",
        to=[membership.user.email],
        context={
            "membership": membership,
            "by_self": membership.ended_by_id == membership.user_id,
            "profile_url": absolute_url(reverse("accounts:profile")),
        },
    )
