"""Writes of the FAQ: votes and drafts created from hotline inquiries."""

from django.db import transaction
from django.db.models import F
from django.utils.html import escape, linebreaks

from .models import FAQFeedback, FAQIndexPage, FAQPage


def faq_vote(*, page: FAQPage, helpful: bool) -> None:
    """Count one anonymous vote; the caller makes sure a browser session votes only once."""
    FAQFeedback.objects.get_or_create(page=page)
    field = "helpful" if helpful else "not_helpful"
    FAQFeedback.objects.filter(page=page).update(**{field: F(field) + 1})


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
