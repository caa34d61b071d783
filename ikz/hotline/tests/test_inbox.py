"""The Redaktion's inbox: permissions, answer by mail, notes, FAQ draft, overdue, data deletion."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from ikz.faq.models import FAQPage
from ikz.hotline.models import Inquiry, InquiryStatus, MessageKind
from ikz.hotline.services import (
    inquiries_purge_personal_data,
    inquiry_answer,
    inquiry_faq_draft,
    inquiry_update,
)
from ikz.hotline.workdays import working_days_between

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Berlin")


def test_only_the_redaktion_sees_inquiries(client, inquiry_factory, member, public_user, editor):
    inquiry = inquiry_factory()
    index, edit = reverse("hotline_inquiry:index"), reverse("hotline_inquiry:edit", args=[inquiry.pk])
    for url in (index, edit):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response.url
    for user in (member, public_user):
        client.force_login(user)
        for url in (index, edit):
            response = client.get(url)
            assert response.status_code in (302, 403)
            if response.status_code == 302:
                assert "/admin/" in response.url and inquiry.subject not in client.get(response.url).text
    client.force_login(editor)
    assert inquiry.reference in client.get(index).text
    assert inquiry.question in client.get(edit).text


def test_answer_is_mailed_and_stored_then_becomes_faq_draft(
    client, editor, inquiry_factory, smtp_server, faq_index, django_capture_on_commit_callbacks
):
    inquiry = inquiry_factory(
        question="Ich bin Erika Muster aus Lindlar. Brauchen wir für die gemeinsame Kasse einen Zweckverband?"
    )
    client.force_login(editor)
    url = reverse("hotline_inquiry:edit", args=[inquiry.pk])
    client.post(url, {"action": "update", "status": InquiryStatus.IN_PROGRESS, "assigned_to": editor.pk})
    client.post(url, {"action": "note", "body": "Rückfrage beim Kämmerer"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url, {"action": "answer", "body": "Nein, eine öffentlich-rechtliche Vereinbarung genügt."}
        )
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.ANSWERED and inquiry.assigned_to == editor
    assert inquiry.notes.get().body == "Rückfrage beim Kämmerer"
    assert inquiry.messages.filter(kind=MessageKind.ANSWER).count() == 1
    smtp_server.wait_for(1)
    answer_mail = smtp_server.to(inquiry.email)[-1]
    assert "Antwort" in answer_mail["Subject"]
    assert "öffentlich-rechtliche Vereinbarung genügt" in smtp_server.body(answer_mail)
    assert "Rückfrage beim Kämmerer" not in smtp_server.body(answer_mail)
    assert re.search(r"/hotline/nachtrag/\S+/", smtp_server.body(answer_mail))

    client.post(url, {"action": "faq"})
    inquiry.refresh_from_db()
    page = FAQPage.objects.get(pk=inquiry.faq_page_id)
    assert not page.live and page.get_parent().specific == faq_index
    assert page.title == inquiry.subject
    assert "Erika Muster" not in page.question_detail and "[entfernt]" in page.question_detail
    assert "Vereinbarung genügt" in page.answer
    assert inquiry.email not in page.answer + page.question_detail


def test_overdue_after_working_days_counts_weekends_and_holidays_out(settings, inquiry_factory):
    # Thursday before Easter 2026 → Friday (Karfreitag), weekend, Monday (Ostermontag) are off.
    start = datetime(2026, 4, 2, 10, tzinfo=TZ)
    assert working_days_between(start, datetime(2026, 4, 7, 10, tzinfo=TZ)) == 1
    assert working_days_between(date(2026, 1, 2), date(2026, 1, 5)) == 1  # Fri → Mon
    settings.HOTLINE_OVERDUE_WORKING_DAYS = 3
    inquiry = inquiry_factory()
    assert not inquiry.is_overdue
    Inquiry.objects.filter(pk=inquiry.pk).update(created_at=timezone.now() - timedelta(days=7))
    inquiry.refresh_from_db()
    assert inquiry.is_overdue
    inquiry.status = InquiryStatus.ANSWERED
    assert not inquiry.is_overdue


def test_purge_deletes_personal_data_of_closed_inquiries_after_retention(
    editor, inquiry_factory, settings, capsys, django_capture_on_commit_callbacks
):
    from django.core.management import call_command

    old = inquiry_factory(attachment=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 data"))
    recent = inquiry_factory()
    still_open = inquiry_factory()
    inquiry_answer(inquiry=old, body="Antwort", by=editor)
    inquiry_update(inquiry=old, status=InquiryStatus.CLOSED, assigned_to=editor, by=editor)
    inquiry_update(inquiry=recent, status=InquiryStatus.CLOSED, assigned_to=None, by=editor)
    Inquiry.objects.filter(pk__in=[old.pk, still_open.pk]).update(
        closed_at=timezone.now() - timedelta(days=400)
    )
    attachment_path = old.attachment.path

    settings.HOTLINE_RETENTION_DAYS = 365
    with django_capture_on_commit_callbacks(execute=True):  # the file goes once the purge is committed
        call_command("purge_hotline_personal_data")
    assert "1 Anfrage(n) anonymisiert" in capsys.readouterr().out
    old.refresh_from_db()
    assert old.personal_data_deleted_at and old.name == old.email == ""
    assert old.question == "[gelöscht]" and not old.messages.exists() and not old.attachment
    assert old.reference.startswith("IKZ-")
    import os

    assert not os.path.exists(attachment_path)
    recent.refresh_from_db()
    still_open.refresh_from_db()
    assert recent.email and still_open.email
    assert inquiries_purge_personal_data() == 0


LETTER = (
    "Sehr geehrte Frau Muster,\n\nfür die gemeinsame Kasse genügt eine öffentlich-rechtliche Vereinbarung.\n\n"
    "Mit freundlichen Grüßen\nJonas Redakteur"
)


@pytest.mark.parametrize("body", [LETTER, "Eine öffentlich-rechtliche Vereinbarung genügt."])
def test_answer_mail_greets_and_signs_once(body, editor, inquiry_factory, smtp_server, faq_index,
                                            django_capture_on_commit_callbacks):  # fmt: skip
    """An answer written as a letter is not wrapped in a second greeting and sign-off; a bare answer
    gets the portal's. The FAQ draft made from it keeps neither the greeting nor the name."""
    inquiry = inquiry_factory(question="Brauchen wir für die gemeinsame Kasse einen Zweckverband?")
    with django_capture_on_commit_callbacks(execute=True):
        inquiry_answer(inquiry=inquiry, body=body, by=editor)
    smtp_server.wait_for(1)
    text = smtp_server.body(smtp_server.to(inquiry.email)[-1])
    greetings = re.findall(r"^(Sehr geehrte|Guten Tag)", text, re.MULTILINE)
    assert len(greetings) == 1, text
    assert len(re.findall(r"^Mit freundlichen Grüßen", text, re.MULTILINE)) == 1, text
    assert inquiry.reference in text and re.search(r"/hotline/nachtrag/\S+/", text)
    page = inquiry_faq_draft(inquiry=inquiry, by=editor)
    assert "genügt" in page.answer and "Muster" not in page.answer and "Jonas" not in page.answer
    assert "Grüßen" not in page.answer
