"""Mails of the Werkstatt, through the outbox (ikz.core.mail, decision 0009)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from ikz.core.mail import mail_queue


def absolute_url(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def invitation_send(*, invitation, token: str) -> None:
    inviter = invitation.invited_by
    context = {
        "invitation": invitation,
        "workshop": invitation.workshop,
        "inviter": (inviter.get_full_name() or inviter.email) if inviter else "Ein Mitglied",
        "accept_url": absolute_url(reverse("workshop:invitation", kwargs={"token": token})),
        "register_url": absolute_url(reverse("accounts:register")),
        "portal_url": absolute_url("/"),
        "valid_until": invitation.expires_at,
    }
    subject = f"Einladung in die Kooperationswerkstatt „{invitation.workshop.title}“ – IKZ-Portal NRW"
    context["subject"] = subject
    mail_queue(
        purpose="workshop.invitation",
        subject=subject,
        to=[invitation.email],
        text_body=render_to_string("workshop/emails/invitation.txt", context),
        html_body=render_to_string("workshop/emails/invitation.html", context),
    )
