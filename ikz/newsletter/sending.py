"""Sending an edition: claim pending deliveries in batches, send each once, record the outcome.

Every delivery row moves pending → sending (claimed) → sent / failed / skipped. A claim is one
short transaction: on PostgreSQL `SELECT … FOR UPDATE SKIP LOCKED`, on SQLite the database-wide
write lock of `BEGIN IMMEDIATE` (settings: transaction_mode IMMEDIATE) serialises claims. A row
is marked sent right after the SMTP server accepted it, so a crash loses at most the answer to
the one message in flight. Rows left in `sending` by a dead worker return to `pending` once
their claim is older than the lease, and the next run sends them.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from ikz.core.mail import smtp_error_is_permanent

from .mails import edition_message, edition_render
from .models import Delivery, DeliveryStatus, Dispatch, NewsletterEditionPage, SubscriptionStatus

logger = logging.getLogger(__name__)


def batch_size() -> int:
    return int(getattr(settings, "NEWSLETTER_BATCH_SIZE", 100))


def max_attempts() -> int:
    return int(getattr(settings, "NEWSLETTER_MAX_ATTEMPTS", 3))


def lease() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "NEWSLETTER_CLAIM_LEASE_SECONDS", 600)))


def deliveries_recover(*, edition_id: int, older_than: timedelta) -> int:
    """Return rows claimed by a worker that stopped (claim older than `older_than`) to pending."""
    cutoff = timezone.now() - older_than
    return Delivery.objects.filter(
        edition_id=edition_id, status=DeliveryStatus.SENDING, claimed_at__lte=cutoff
    ).update(status=DeliveryStatus.PENDING, claimed_at=None)


def deliveries_claim(*, edition_id: int, limit: int) -> list[int]:
    with transaction.atomic():
        pending = Delivery.objects.filter(edition_id=edition_id, status=DeliveryStatus.PENDING)
        if connection.features.has_select_for_update_skip_locked:
            pending = pending.select_for_update(skip_locked=True)
        ids = list(pending.order_by("attempts", "pk").values_list("pk", flat=True)[:limit])
        if ids:
            Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.PENDING).update(
                status=DeliveryStatus.SENDING, claimed_at=timezone.now()
            )
    return ids


def _failed(delivery: Delivery, exc: Exception) -> None:
    attempts = delivery.attempts + 1
    final = smtp_error_is_permanent(exc) or attempts >= max_attempts()
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.FAILED if final else DeliveryStatus.PENDING,
        attempts=F("attempts") + 1,
        last_error=f"{type(exc).__name__}: {exc}"[:500],
        claimed_at=None,
    )


def _send_batch(*, edition, ids: list[int], text: str, html: str) -> None:
    deliveries = Delivery.objects.filter(pk__in=ids).select_related("subscription").order_by("pk")
    smtp = get_connection(fail_silently=False)
    try:
        for delivery in deliveries:
            subscription = delivery.subscription
            if subscription.status != SubscriptionStatus.CONFIRMED:
                Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.SKIPPED)
                continue
            message = edition_message(
                edition=edition,
                subscription=subscription,
                delivery_id=delivery.pk,
                text=text,
                html=html,
                connection=smtp,
            )
            try:
                smtp.send_messages([message])
            except Exception as exc:  # noqa: BLE001 - every SMTP or network error is recorded per row
                logger.warning(
                    "Newsletter %s an Zustellung %s fehlgeschlagen: %s", edition.pk, delivery.pk, exc
                )
                _failed(delivery, exc)
                smtp.close()  # start the next message on a fresh connection
                continue
            Delivery.objects.filter(pk=delivery.pk).update(
                status=DeliveryStatus.SENT, sent_at=timezone.now(), attempts=F("attempts") + 1
            )
    finally:
        smtp.close()


def dispatch_run(
    *, edition_id: int, reclaim_after: timedelta | None = None, limit: int | None = None
) -> dict:
    """Work through the pending deliveries of an edition until none is left; safe to run again."""
    from .selectors import dispatch_progress

    edition = NewsletterEditionPage.objects.get(pk=edition_id)
    deliveries_recover(edition_id=edition_id, older_than=lease() if reclaim_after is None else reclaim_after)
    text, html = edition_render(edition=edition)
    handled = 0
    while limit is None or handled < limit:
        size = batch_size() if limit is None else min(batch_size(), limit - handled)
        ids = deliveries_claim(edition_id=edition_id, limit=size)
        if not ids:
            break
        _send_batch(edition=edition, ids=ids, text=text, html=html)
        handled += len(ids)
    progress = dispatch_progress(edition=edition)
    if progress["pending"] == 0 and progress["sending"] == 0:
        Dispatch.objects.filter(edition_id=edition_id, finished_at__isnull=True).update(
            finished_at=timezone.now()
        )
    return progress
