"""Mails of the events, rendered from templates and queued in the outbox (ikz.core.mail) inside the
caller's transaction: a registration that is rolled back sends nothing.

The confirmation mail repeats nothing the form's sender typed (not even the name): whoever enters a
stranger's address cannot make the portal carry their text to that person.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from ikz.core.mail import mail_queue

from .models import RegistrationStatus
from .tokens import confirm_token_make, confirmation_days, personal_token_make

SUBJECTS = {
    "confirm": "Bitte bestätigen Sie Ihre Anmeldung: {title}",
    "already": "Ihre Anmeldung: {title}",
    "registered": "Anmeldung bestätigt: {title}",
    "waitlisted": "Warteliste: {title}",
    "moved_up": "Ein Platz ist frei geworden – Sie sind angemeldet: {title}",
    "cancelled": "Abmeldung bestätigt: {title}",
    "reminder": "Erinnerung: {title} am {date}",
}


def absolute_url(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def personal_url(registration) -> str:
    token = personal_token_make(registration=registration)
    return absolute_url(reverse("events:personal", kwargs={"token": token}))


def cancel_url(registration) -> str:
    token = personal_token_make(registration=registration)
    return absolute_url(reverse("events:cancel", kwargs={"token": token}))


def registration_mail_send(*, registration, template: str) -> None:
    from django.utils import timezone

    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "event_url": absolute_url(event.url or "/"),
        "ics_url": absolute_url(reverse("events:ics", kwargs={"slug": event.slug})),
        "portal_url": absolute_url("/"),
        "address_line": ", ".join(line.strip() for line in event.address.splitlines() if line.strip()),
        "access": registration.status == RegistrationStatus.REGISTERED,
        "position": registration.waitlist_position(),
    }
    if template == "confirm":
        token = confirm_token_make(registration=registration)
        context["confirm_url"] = absolute_url(reverse("events:confirm", kwargs={"token": token}))
        context["days"] = confirmation_days()
    elif template != "cancelled":
        context["personal_url"] = personal_url(registration)
        context["cancel_url"] = cancel_url(registration)
    subject = SUBJECTS[template].format(
        title=event.title, date=timezone.localtime(event.start).strftime("%d.%m.%Y")
    )
    mail_queue(
        purpose=f"events.{template}",
        to=[registration.email],
        subject=subject,
        text_body=render_to_string(f"events/emails/{template}.txt", context),
    )
