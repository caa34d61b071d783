"""The newsletter's mails: the opt-in confirmation and the edition with RFC 8058 headers."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

UNSUBSCRIBE_PLACEHOLDER = "__IKZ_UNSUBSCRIBE_URL__"


def absolute_url(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def unsubscribe_url(subscription) -> str:
    return absolute_url(reverse("newsletter:unsubscribe", kwargs={"token": subscription.token}))


def confirmation_message(*, subscription, confirm_url: str, days: int) -> EmailMultiAlternatives:
    context = {
        "subscription": subscription,
        "confirm_url": confirm_url,
        "days": days,
        "portal_url": absolute_url("/"),
    }
    return EmailMultiAlternatives(
        subject="Bitte bestätigen Sie Ihr Newsletter-Abonnement – IKZ-Portal NRW",
        body=render_to_string("newsletter/emails/confirm.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscription.email],
    )


def edition_render(*, edition, unsubscribe_url: str = UNSUBSCRIBE_PLACEHOLDER) -> tuple[str, str]:
    """Plain text and HTML of an edition; the unsubscribe link is filled in per recipient."""
    items = []
    for item in edition.items.select_related("page"):
        entry = item.entry()  # None: a thread that is no longer public
        if entry is not None:
            items.append(
                {"title": entry["title"], "url": absolute_url(entry["path"]), "teaser": entry["teaser"]}
            )
    context = {
        "edition": edition,
        "items": items,
        "web_url": absolute_url(edition.url or "/"),
        "unsubscribe_url": unsubscribe_url,
        "portal_url": absolute_url("/"),
    }
    return (
        render_to_string("newsletter/emails/edition.txt", context),
        render_to_string("newsletter/emails/edition.html", context),
    )


def edition_message(*, edition, subscription, delivery_id: int, text: str, html: str, connection=None):
    url = unsubscribe_url(subscription)
    domain = settings.PORTAL_BASE_URL.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"
    message = EmailMultiAlternatives(
        subject=edition.title,
        body=text.replace(UNSUBSCRIBE_PLACEHOLDER, url),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscription.email],
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"IKZ-Portal NRW Newsletter <newsletter.{domain}>",
            # One Message-ID per delivery: a receiving system sees a repeat as the same mail.
            "Message-ID": f"<newsletter-{edition.pk}-{delivery_id}@{domain}>",
        },
    )
    message.attach_alternative(html.replace(UNSUBSCRIBE_PLACEHOLDER, url), "text/html")
    return message
