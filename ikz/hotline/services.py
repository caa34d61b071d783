"""Writes of the hotline: submitting, follow-ups, answers, notes, FAQ drafts and data deletion."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ikz.core.files import delete_after_commit, files_atomic
from ikz.core.text import letter_parts

from . import emails
from .models import Inquiry, InquiryMessage, InquiryNote, InquiryStatus, MessageKind, ReferenceCounter


def reference_next(*, year: int) -> str:
    """The next reference number of `year`, e.g. IKZ-2026-000123; race-safe on SQLite and PostgreSQL.

    The UPDATE takes the counter row's lock (PostgreSQL) or the database's write lock (SQLite,
    opened with BEGIN IMMEDIATE) until the surrounding transaction ends, so two submissions never
    read the same number.
    """
    with transaction.atomic():
        ReferenceCounter.objects.bulk_create(
            [ReferenceCounter(year=year, last_number=0)], ignore_conflicts=True
        )
        ReferenceCounter.objects.filter(year=year).update(last_number=F("last_number") + 1)
        number = ReferenceCounter.objects.values_list("last_number", flat=True).get(year=year)
    return f"IKZ-{year}-{number:06d}"


def recent_inquiries_from(*, email: str, hours: int = 1) -> int:
    return Inquiry.objects.filter(
        email__iexact=email, created_at__gte=timezone.now() - timedelta(hours=hours)
    ).count()


@files_atomic  # the attachment file is removed again if the inquiry is not stored
def inquiry_submit(
    *,
    subject: str,
    question: str,
    name: str,
    email: str,
    consent_text: str,
    municipality=None,
    municipality_text: str = "",
    attachment=None,
    address_verified: bool = False,
) -> Inquiry:
    """Store an inquiry and confirm it by mail. The confirmation repeats the question only to an
    address the portal has verified (the signed-in sender's own): otherwise anyone could make the
    portal mail a text of their choosing to any address."""
    now = timezone.now()
    inquiry = Inquiry(
        reference=reference_next(year=timezone.localtime(now).year),
        subject=subject,
        question=question,
        name=name,
        email=email,
        municipality=municipality,
        municipality_text=municipality_text,
        consent_text=consent_text,
        created_at=now,
    )
    if attachment is not None:
        inquiry.attachment_name = attachment.name[:200]
        inquiry.attachment.save(f"{inquiry.reference}-{attachment.name[-80:]}", attachment, save=False)
    inquiry.save()
    InquiryMessage.objects.create(inquiry=inquiry, kind=MessageKind.QUESTION, body=question, created_at=now)
    emails.inquiry_confirmation_send(inquiry=inquiry, with_question=address_verified)
    emails.editorial_notify(inquiry=inquiry)
    return inquiry


@transaction.atomic
def inquiry_follow_up(*, inquiry: Inquiry, body: str) -> InquiryMessage:
    """A follow-up by the sender through the personal link; reopens an answered inquiry."""
    if inquiry.status == InquiryStatus.CLOSED or inquiry.personal_data_deleted_at:
        raise ValidationError("Diese Anfrage ist abgeschlossen. Bitte stellen Sie eine neue Anfrage.")
    message = InquiryMessage.objects.create(inquiry=inquiry, kind=MessageKind.FOLLOW_UP, body=body)
    if inquiry.status == InquiryStatus.ANSWERED:
        inquiry.status = InquiryStatus.IN_PROGRESS
        inquiry.save(update_fields=["status"])
    emails.editorial_notify(inquiry=inquiry, follow_up=True)
    return message


@transaction.atomic
def inquiry_answer(*, inquiry: Inquiry, body: str, by) -> InquiryMessage:
    """Store the Redaktion's answer in the thread and send it to the sender by e-mail."""
    if not inquiry.email:
        raise ValidationError(
            "Die personenbezogenen Daten dieser Anfrage sind gelöscht; sie kann nicht beantwortet werden."
        )
    message = InquiryMessage.objects.create(inquiry=inquiry, kind=MessageKind.ANSWER, body=body, author=by)
    inquiry.status = InquiryStatus.ANSWERED
    inquiry.answered_at = message.created_at
    if inquiry.assigned_to_id is None:
        inquiry.assigned_to = by
    inquiry.save(update_fields=["status", "answered_at", "assigned_to"])
    emails.inquiry_answer_send(inquiry=inquiry, message=message)
    return message


@transaction.atomic
def inquiry_update(*, inquiry: Inquiry, status: str, assigned_to, by) -> Inquiry:
    inquiry.status = status
    inquiry.assigned_to = assigned_to
    if status == InquiryStatus.CLOSED and inquiry.closed_at is None:
        inquiry.closed_at = timezone.now()
    elif status != InquiryStatus.CLOSED:
        inquiry.closed_at = None
    inquiry.save(update_fields=["status", "assigned_to", "closed_at"])
    return inquiry


def inquiry_note_add(*, inquiry: Inquiry, body: str, by) -> InquiryNote:
    return InquiryNote.objects.create(inquiry=inquiry, body=body, author=by)


@transaction.atomic
def inquiry_faq_draft(*, inquiry: Inquiry, by):
    """Turn an answered inquiry into an unpublished FAQ draft, without the sender's name and address."""
    from ikz.faq.services import faq_draft_create

    answers = list(inquiry.messages.filter(kind=MessageKind.ANSWER).values_list("body", flat=True))
    if not answers:
        raise ValidationError("Erst wenn die Anfrage beantwortet ist, kann daraus ein FAQ-Entwurf werden.")
    page = faq_draft_create(
        title=inquiry.subject,
        question=inquiry.question,
        answer="\n\n".join(letter_parts(answer).body for answer in answers),  # no "Sehr geehrte Frau …"
        reference=inquiry.reference,
        scrub=[inquiry.name, inquiry.email],
    )
    inquiry.faq_page = page
    inquiry.save(update_fields=["faq_page"])
    return page


def retention_days() -> int:
    return int(getattr(settings, "HOTLINE_RETENTION_DAYS", 365))


@transaction.atomic
def inquiries_purge_personal_data(*, older_than_days: int | None = None, now=None) -> int:
    """Delete the personal data of inquiries closed more than `older_than_days` ago.

    Kept for statistics: reference, dates, status, Körperschaft. Gone: name, address, texts,
    thread, notes and the attachment file.
    """
    days = retention_days() if older_than_days is None else older_than_days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    inquiries = list(
        Inquiry.objects.select_for_update().filter(
            status=InquiryStatus.CLOSED, closed_at__lt=cutoff, personal_data_deleted_at__isnull=True
        )
    )
    for inquiry in inquiries:
        delete_after_commit(inquiry.attachment)  # kept if the purge is rolled back
        inquiry.messages.all().delete()
        inquiry.notes.all().delete()
        inquiry.name = inquiry.email = inquiry.attachment_name = ""
        inquiry.subject = "[gelöscht]"
        inquiry.question = "[gelöscht]"
        inquiry.consent_text = ""
        inquiry.attachment = ""
        inquiry.personal_data_deleted_at = timezone.now()
        inquiry.save()
    return len(inquiries)
