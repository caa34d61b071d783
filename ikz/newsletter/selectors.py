"""Reads of the newsletter: recipients of an edition, progress of a dispatch, dates."""

from django.db.models import Count, Q

from .models import Delivery, DeliveryStatus, NewsletterEditionPage, Subscription


def recipients_for(*, edition: NewsletterEditionPage):
    """Confirmed subscribers; with topics on the edition, those who chose one of them or none."""
    subscribers = Subscription.objects.confirmed()
    topic_ids = list(edition.task_areas.values_list("pk", flat=True))
    if topic_ids:
        subscribers = subscribers.annotate(n_topics=Count("topics")).filter(
            Q(n_topics=0) | Q(pk__in=Subscription.objects.filter(topics__in=topic_ids).values("pk"))
        )
    return subscribers.order_by("pk")


def dispatch_progress(*, edition: NewsletterEditionPage) -> dict[str, int]:
    counts = dict(
        Delivery.objects.filter(edition=edition).values_list("status").annotate(n=Count("pk")).order_by()
    )
    progress = {status: counts.get(status, 0) for status in DeliveryStatus.values}
    progress["total"] = sum(counts.values())
    progress["done"] = progress["sent"] + progress["failed"] + progress["skipped"]
    progress["percent"] = round(100 * progress["done"] / progress["total"]) if progress["total"] else 0
    return progress


def previous_edition_date(*, edition: NewsletterEditionPage):
    """When the edition before this one went out (or was first published, if never sent)."""
    previous = (
        NewsletterEditionPage.objects.live()
        .exclude(pk=edition.pk)
        .filter(first_published_at__isnull=False)
        .select_related("dispatch")
    )
    if edition.first_published_at:
        previous = previous.filter(first_published_at__lt=edition.first_published_at)
    last = previous.order_by("-first_published_at").first()
    if last is None:
        return None
    dispatch = getattr(last, "dispatch", None)
    return dispatch.created_at if dispatch else last.first_published_at
