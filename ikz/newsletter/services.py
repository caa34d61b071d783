"""Writes of the newsletter: double opt-in, unsubscribe, expiry, editions and their sending."""

from datetime import timedelta
from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from . import mails
from .models import (
    ConsentAction,
    ConsentLog,
    Delivery,
    Dispatch,
    EditionItem,
    NewsletterEditionPage,
    Subscription,
    SubscriptionStatus,
)
from .tokens import confirm_token_make, confirm_token_read, confirmation_days

CONSENT_TEXT = (
    "Ich möchte den Newsletter des IKZ-Portals NRW per E-Mail erhalten. Meine E-Mail-Adresse und "
    "meine Themenauswahl werden nur für den Versand gespeichert. Ich kann den Newsletter jederzeit "
    "über den Link in jeder Ausgabe abbestellen."
)
RESEND_AFTER = timedelta(minutes=10)


def _log(*, subscription, action: str, method: str, consent_text: str = "") -> ConsentLog:
    topics = ", ".join(str(t) for t in subscription.topics.all()) or "alle Themen"
    return ConsentLog.objects.create(
        subscription=subscription,
        email=subscription.email,
        action=action,
        consent_text=consent_text,
        topics=topics[:1000],
        method=method,
    )


def confirmation_message_for(*, subscription):
    token = confirm_token_make(subscription=subscription)
    url = mails.absolute_url(reverse("newsletter:confirm", kwargs={"token": token}))
    return mails.confirmation_message(subscription=subscription, confirm_url=url, days=confirmation_days())


@transaction.atomic
def subscription_request(*, email: str, topics=(), consent_text: str = CONSENT_TEXT) -> Subscription | None:
    """Record a request and send the confirmation mail – and nothing else – until it is confirmed.

    Returns None when nothing was sent (already subscribed, or asked again within minutes);
    the caller shows the same message either way so the form reveals nobody's subscription.
    """
    email = email.strip().lower()
    subscription = Subscription.objects.select_for_update().filter(email=email).first()
    now = timezone.now()
    if subscription is None:
        try:
            with transaction.atomic():
                subscription = Subscription.objects.create(email=email, requested_at=now)
        except IntegrityError:  # a parallel request for the same address won
            return None
    elif (
        subscription.status == SubscriptionStatus.CONFIRMED
        or subscription.status == SubscriptionStatus.PENDING
        and now - subscription.requested_at < RESEND_AFTER
    ):
        return None
    else:
        subscription.status = SubscriptionStatus.PENDING
        subscription.requested_at = now
        subscription.save(update_fields=["status", "requested_at"])
    subscription.topics.set(topics)
    _log(
        subscription=subscription,
        action=ConsentAction.REQUESTED,
        method="Formular /newsletter/",
        consent_text=consent_text,
    )
    from .tasks import confirmation_send

    transaction.on_commit(partial(confirmation_send.enqueue, subscription_id=subscription.pk))
    return subscription


@transaction.atomic
def subscription_confirm(*, token: str) -> Subscription:
    """The second step of the double opt-in; logged with time and what was agreed."""
    parsed = confirm_token_read(token)
    if parsed is None:
        raise ValidationError("Der Bestätigungslink ist ungültig oder abgelaufen.")
    subscription = Subscription.objects.select_for_update().filter(pk=parsed[0], email=parsed[1]).first()
    if subscription is None or subscription.status == SubscriptionStatus.UNSUBSCRIBED:
        raise ValidationError("Der Bestätigungslink ist ungültig oder abgelaufen.")
    if subscription.status == SubscriptionStatus.PENDING:
        subscription.status = SubscriptionStatus.CONFIRMED
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["status", "confirmed_at"])
        consent = ConsentLog.objects.filter(subscription=subscription, action=ConsentAction.REQUESTED).first()
        _log(
            subscription=subscription,
            action=ConsentAction.CONFIRMED,
            method="Bestätigungslink in der E-Mail",
            consent_text=consent.consent_text if consent else CONSENT_TEXT,
        )
    return subscription


@transaction.atomic
def subscription_unsubscribe(*, token: str, method: str = "Abmeldelink") -> Subscription | None:
    """Unsubscribe at once; pending deliveries to this address are skipped by the sender."""
    subscription = Subscription.objects.select_for_update().filter(token=token).first()
    if subscription is None:
        return None
    if subscription.status != SubscriptionStatus.UNSUBSCRIBED:
        subscription.status = SubscriptionStatus.UNSUBSCRIBED
        subscription.unsubscribed_at = timezone.now()
        subscription.save(update_fields=["status", "unsubscribed_at"])
        _log(subscription=subscription, action=ConsentAction.UNSUBSCRIBED, method=method)
    return subscription


@transaction.atomic
def subscriptions_expire(*, now=None) -> int:
    """Delete requests never confirmed within the confirmation period, with their log entries."""
    cutoff = (now or timezone.now()) - timedelta(days=confirmation_days())
    expired = Subscription.objects.filter(status=SubscriptionStatus.PENDING, requested_at__lt=cutoff)
    ids = list(expired.values_list("pk", flat=True))
    never_confirmed = Subscription.objects.filter(pk__in=ids, confirmed_at__isnull=True)
    ConsentLog.objects.filter(subscription__in=never_confirmed).delete()
    never_confirmed.delete()
    # An address that was subscribed before keeps its earlier proof and is simply off again.
    Subscription.objects.filter(pk__in=ids).update(status=SubscriptionStatus.UNSUBSCRIBED)
    return len(ids)


def pages_published_since(*, edition: NewsletterEditionPage, limit: int = 50):
    """Live pages first published since the previous edition went out (or was published).

    Generic over Wagtail pages, so library entries and projects join as soon as they exist;
    index pages, the start page and newsletter pages are left out.
    """
    from wagtail.models import Page

    from .selectors import previous_edition_date

    since = previous_edition_date(edition=edition)
    pages = Page.objects.live().public().exclude(depth__lte=2).not_type(NewsletterEditionPage)
    if since:
        pages = pages.filter(first_published_at__gt=since)
    already = set(edition.items.values_list("page_id", flat=True))
    result = []
    # Never published through the workflow (imported laws, pages set up by migrations): not news –
    # and on PostgreSQL a descending order would put their NULL dates first.
    for page in pages.exclude(first_published_at=None).order_by("-first_published_at")[: limit * 2]:
        if page.pk in already or page.specific_class.__name__.endswith("IndexPage"):
            continue
        result.append(page)
        if len(result) >= limit:
            break
    return result


def questions_public_since(*, edition: NewsletterEditionPage, limit: int = 50):
    """Threads of „Kommunen fragen Kommunen“ asked since the previous edition that anyone may read:
    made public by the asker and not hidden by the Redaktion (never a members-only thread).

    Newest first by the date asked; a row without a date is no news (and PostgreSQL would sort its
    NULL first when descending), so it is left out and NULLs are ordered last regardless.
    """
    from django.db.models import F

    from ikz.questions.models import Question

    from .selectors import previous_edition_date

    since = previous_edition_date(edition=edition)
    questions = Question.objects.public().exclude(created_at=None)
    if since:
        questions = questions.filter(created_at__gt=since)
    already = {pk for pk in edition.items.values_list("question_id", flat=True) if pk}
    return list(
        questions.exclude(pk__in=already).order_by(F("created_at").desc(nulls_last=True), "-pk")[:limit]
    )


def news_since(*, edition: NewsletterEditionPage, limit: int = 50) -> list[dict]:
    """What the edition can take over: pages first, then public threads, each as
    {"kind": label, "title", "date", "page" or "question"}."""
    rows = [
        {"kind": page.specific_class.get_verbose_name(), "title": page.title,
         "date": page.first_published_at, "page": page, "question": None}
        for page in pages_published_since(edition=edition, limit=limit)
    ]  # fmt: skip
    rows += [
        {"kind": "Frage aus „Kommunen fragen Kommunen“", "title": question.title,
         "date": question.created_at, "page": None, "question": question}
        for question in questions_public_since(edition=edition, limit=limit)
    ]  # fmt: skip
    return rows


def edition_pull_recent(*, edition: NewsletterEditionPage, user) -> int:
    """Add teasers for every page published and every public thread asked since the last
    edition to a new draft revision."""
    edition = edition.get_latest_revision_as_object()
    rows = news_since(edition=edition)
    start = len(edition.items.all())
    for offset, row in enumerate(rows):
        edition.items.add(EditionItem(page=row["page"], question=row["question"], sort_order=start + offset))
    if rows:
        edition.save_revision(user=user, log_action=True)
    return len(rows)


@transaction.atomic
def edition_send(*, edition: NewsletterEditionPage, user) -> Dispatch:
    """Start sending a published edition: one delivery row per matching confirmed subscriber."""
    from .selectors import recipients_for

    if not edition.live:
        raise ValidationError("Bitte veröffentlichen Sie die Ausgabe vor dem Versand.")
    try:
        with transaction.atomic():
            dispatch = Dispatch.objects.create(edition=edition, created_by=user)
    except IntegrityError:
        raise ValidationError("Diese Ausgabe wurde bereits versendet.") from None
    ids = recipients_for(edition=edition).values_list("pk", flat=True)
    Delivery.objects.bulk_create(
        [Delivery(edition=edition, subscription_id=pk) for pk in ids.iterator()],
        batch_size=1000,
        ignore_conflicts=True,
    )
    from .tasks import edition_deliver

    transaction.on_commit(partial(edition_deliver.enqueue, edition_id=edition.pk))
    return dispatch


def edition_resume(*, edition: NewsletterEditionPage) -> None:
    """Queue the sending again after a worker died; claimed rows are taken back after the lease."""
    from .tasks import edition_deliver

    transaction.on_commit(partial(edition_deliver.enqueue, edition_id=edition.pk))


def deliveries_retry_failed(*, edition: NewsletterEditionPage) -> int:
    from .models import DeliveryStatus

    count = Delivery.objects.filter(edition=edition, status=DeliveryStatus.FAILED).update(
        status=DeliveryStatus.PENDING, attempts=0
    )
    Dispatch.objects.filter(edition=edition).update(finished_at=None)
    edition_resume(edition=edition)
    return count
