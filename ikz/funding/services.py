"""Writes of the Förderprogramme: subscribing, and the notices when a window opens or closes soon."""

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from ikz.core.mail import mail_queue

from .models import (
    CLOSING_NOTICE_DAYS,
    FundingNotice,
    FundingProgrammePage,
    FundingSubscription,
    NoticeKind,
    WindowState,
    berlin_today,
)

logger = logging.getLogger(__name__)


class SubscriptionError(Exception):
    """Why a subscription cannot be made or ended, in German for the person."""


def may_subscribe(user) -> bool:
    """Confirmed members of a Körperschaft with a confirmed address may subscribe."""
    from ikz.workshop.permissions import is_portal_member

    if not user.is_authenticated or not user.is_active or user.email_confirmed_at is None:
        return False
    return is_portal_member(user)  # the same rule, read once per request


@transaction.atomic
def subscription_create(
    *, user, programme: FundingProgrammePage, today: datetime.date | None = None
) -> FundingSubscription:
    today = today or berlin_today()
    if not may_subscribe(user):
        raise SubscriptionError(
            "Förderprogramme abonnieren können bestätigte Mitglieder einer Körperschaft. "
            "Beantragen Sie die Mitgliedschaft unter „Mein Konto“."
        )
    if not programme.live:
        raise SubscriptionError("Dieses Förderprogramm ist nicht (mehr) veröffentlicht.")
    if programme.window_state(today) == WindowState.CLOSED:
        end = programme.shown_window_end
        raise SubscriptionError(
            f"Das Antragsfenster von „{programme.title}“ ist am {end:%d.%m.%Y} abgelaufen, und ein neuer "
            "Förderaufruf ist noch nicht bekannt. Ein Abonnement ist wieder möglich, sobald die Redaktion "
            "ein neues Antragsfenster einträgt."
        )
    if FundingSubscription.objects.filter(user=user, programme=programme).exists():
        raise SubscriptionError(f"Sie haben „{programme.title}“ bereits abonniert.")
    try:
        with transaction.atomic():
            return FundingSubscription.objects.create(user=user, programme=programme)
    except IntegrityError as error:  # the same person in two tabs at once
        raise SubscriptionError(f"Sie haben „{programme.title}“ bereits abonniert.") from error


def subscription_delete(*, user, programme: FundingProgrammePage) -> None:
    deleted, _ = FundingSubscription.objects.filter(user=user, programme=programme).delete()
    if not deleted:
        raise SubscriptionError(f"Sie hatten „{programme.title}“ nicht abonniert.")


# --- Notices ---------------------------------------------------------------------------------


def _due(programme: FundingProgrammePage, today: datetime.date) -> list[tuple[str, datetime.date]]:
    """(kind, window date) of the notices due for this programme today."""
    if programme.window_state(today) != WindowState.OPEN:
        return []
    start, end = programme.shown_window_start, programme.shown_window_end
    due = []
    if start is not None:
        due.append((NoticeKind.OPENED, start))
    if end is not None and (end - today).days <= CLOSING_NOTICE_DAYS:
        due.append((NoticeKind.CLOSING, end))
    return due


def _recipient_ok(user) -> bool:
    return may_subscribe(user) and bool(user.email)


def funding_notices_send(*, today: datetime.date | None = None) -> int:
    """Send every due notice once; run daily (command `send_funding_notices`, task
    `funding_notices_task`). Returns how many mails were queued.

    - "opened": the window is open and the person subscribed before it opened (who subscribes to
      an open programme sees that it is open);
    - "closing": the window is open and ends within two weeks.
    A notice row per person, programme, kind and window date is written in the same transaction
    as the mail, so a second run, a parallel run or a re-subscription never sends it again."""
    today = today or berlin_today()
    sent = 0
    programmes = FundingProgrammePage.objects.live().public().open_on(today).select_related("figures")
    for programme in programmes:
        for kind, window_date in _due(programme, today):
            subscriptions = FundingSubscription.objects.filter(programme=programme).select_related("user")
            for subscription in subscriptions:
                user = subscription.user
                if kind == NoticeKind.OPENED and berlin_today(subscription.created_at) >= window_date:
                    continue
                if not _recipient_ok(user):
                    continue
                sent += _notice_send(
                    user=user, programme=programme, kind=kind, window_date=window_date, today=today
                )
    return sent


def _notice_send(*, user, programme, kind: str, window_date: datetime.date, today: datetime.date) -> int:
    try:
        with transaction.atomic():
            _notice, created = FundingNotice.objects.get_or_create(
                user=user, programme=programme, kind=kind, window_date=window_date
            )
            if not created:
                return 0
            _mail(user=user, programme=programme, kind=kind, today=today)
    except IntegrityError:  # a parallel run wrote it first
        return 0
    return 1


def _absolute(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def _mail(*, user, programme: FundingProgrammePage, kind: str, today: datetime.date) -> None:
    end = programme.shown_window_end
    if kind == NoticeKind.OPENED:
        subject = f"Förderprogramm „{programme.title}“: Anträge sind jetzt möglich"
    else:
        subject = f"Förderprogramm „{programme.title}“: Antragsfenster endet am {end:%d.%m.%Y}"
    context = {
        "user": user,
        "programme": programme,
        "kind": kind,
        "subject": subject,
        "window_text": programme.window_text(today),
        "days_left": (end - today).days if end else None,
        "programme_url": _absolute(programme.url or "/foerderung/"),
        "konto_url": _absolute("/konto/"),
    }
    mail_queue(
        purpose=f"funding.{kind}",
        to=[user.email],
        subject=subject,
        text_body=render_to_string("funding/emails/notice.txt", context),
    )
