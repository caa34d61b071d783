"""Writes of the FAQ: votes and drafts created from hotline inquiries."""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.html import escape, linebreaks

from .models import FAQFeedback, FAQIndexPage, FAQPage


def votes_per_address_per_day() -> int:
    # Several people of one town hall share one public address; a handful of votes per question
    # and day is theirs, a script that deletes its cookie between votes gets no more.
    return int(getattr(settings, "FAQ_VOTES_PER_ADDRESS_PER_DAY", 5))


def _address_key(page: FAQPage, address: str, *, now=None) -> str:
    day = (now or timezone.now()).date().isoformat()
    # Only a keyed hash of the address is kept (in the cache, for a day): no personal data stored.
    digest = salted_hmac("ikz.faq.vote", f"{address}|{page.pk}|{day}").hexdigest()[:32]
    return f"faq-vote:{digest}"


def faq_vote(*, page: FAQPage, helpful: bool, address: str | None = None, now=None) -> bool:
    """Count one anonymous vote, unless the address has used up its votes for this question today.
    The caller makes sure a browser session votes only once. True when the vote was counted."""
    if address:
        key = _address_key(page, address, now=now)
        cache.add(key, 0, timeout=24 * 3600)
        try:
            used = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=24 * 3600)
            used = 1
        if used > votes_per_address_per_day():
            return False
    FAQFeedback.objects.get_or_create(page=page)
    field = "helpful" if helpful else "not_helpful"
    FAQFeedback.objects.filter(page=page).update(**{field: F(field) + 1})
    return True


def _scrub(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        if secret and len(secret) > 2:
            text = text.replace(secret, "[entfernt]")
    return text


@transaction.atomic
def faq_draft_create(
    *, title: str, question: str, answer: str, reference: str = "", scrub: list[str] | None = None
) -> FAQPage:
    """Create an unpublished FAQ page below the FAQ index (a draft for the Redaktion to edit).

    `scrub` lists strings (the sender's name and address) removed from the texts; the Redaktion
    still reads the draft before publishing it.
    """
    index_page = FAQIndexPage.objects.first()
    if index_page is None:
        raise LookupError("Es gibt noch keine FAQ-Übersicht, unter der der Entwurf angelegt werden kann.")
    secrets = scrub or []
    page = FAQPage(
        title=_scrub(title, secrets)[:255],
        question_detail=_scrub(question, secrets),
        answer=linebreaks(escape(_scrub(answer, secrets))),
        source_reference=reference,
        live=False,
    )
    index_page.add_child(instance=page)
    page.save_revision()
    return page
