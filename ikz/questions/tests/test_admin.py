"""The Redaktion moderates in the admin: hide, edit, lock, reports, FAQ draft in one step."""

import pytest
from django.conf import settings
from django.urls import reverse

from ikz.faq.models import FAQPage
from ikz.questions import services
from ikz.questions.models import Question

pytestmark = pytest.mark.django_db


def _moderate(client, question, **data):
    return client.post(reverse("questions_question:edit", args=[question.pk]), data)


def test_members_and_public_cannot_moderate(client, member, public_user, question):
    for user in (member, public_user):
        client.force_login(user)
        response = _moderate(client, question, action="hide")
        assert response.status_code in (302, 403)
        assert Question.objects.get(pk=question.pk).hidden_at is None
        with pytest.raises(Exception):  # noqa: B017 - PermissionDenied from the service itself
            services.question_hide(question=question, by=user)


def test_redaktion_hides_locks_and_handles_reports(client, editor, member, answerer, question):
    answer = services.answer_create(question=question, user=answerer, body="Unpassend")
    report = services.report_create(question=question, answer=answer, user=member, reason="Beleidigend")
    client.force_login(editor)
    page = client.get(reverse("questions_question:edit", args=[question.pk]))
    assert page.status_code == 200
    assert "Beleidigend" in page.content.decode()
    reports = client.get(reverse("questions_report:index"))
    assert reports.status_code == 200 and "Beleidigend" in reports.content.decode()
    assert client.get(reverse("questions_question:index")).status_code == 200

    _moderate(client, question, action="answer_hide", answer=answer.pk)
    answer.refresh_from_db()
    assert answer.hidden_at is not None
    _moderate(client, question, action="lock")
    question.refresh_from_db()
    assert question.is_locked
    _moderate(client, question, action="handle_report", report=report.pk)
    report.refresh_from_db()
    assert report.handled_by == editor
    _moderate(client, question, action="hide")
    question.refresh_from_db()
    assert question.is_hidden
    _moderate(client, question, action="unhide")
    _moderate(client, question, action="unlock")
    question.refresh_from_db()
    assert not question.is_hidden and not question.is_locked


def test_redaktion_edits_an_answer_without_overwriting_a_newer_version(client, editor, answerer, question):
    answer = services.answer_create(question=question, user=answerer, body="Original")
    client.force_login(editor)
    prefix = f"a{answer.pk}"
    # the author changes it after the editor opened the page
    services.answer_save(
        answer=answer, user=answerer, base={"body": "Original"}, mine={"body": "Vom Autor ergänzt"}
    )
    response = _moderate(
        client, question, action="answer_edit", answer=answer.pk,
        **{f"{prefix}-body": "Gekürzt", f"{prefix}-base_body": "Original"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "nichts wurde überschrieben" in response.content.decode()
    answer.refresh_from_db()
    assert answer.body == "Vom Autor ergänzt"
    _moderate(
        client, question, action="answer_edit", answer=answer.pk,
        **{f"{prefix}-body": "Gekürzt", f"{prefix}-base_body": "Vom Autor ergänzt"},
    )  # fmt: skip
    answer.refresh_from_db()
    assert answer.body == "Gekürzt"


def test_faq_draft_in_one_step(client, editor, asker, answerer, member, faq_index, question_factory):
    question = question_factory(title="Wie organisieren zwei Kommunen ein gemeinsames Standesamt?")
    services.answer_create(question=question, user=member, body="Andere Antwort von Max Mitglied.")
    helpful = services.answer_create(
        question=question,
        user=answerer,
        body="Mit einer öffentlich-rechtlichen Vereinbarung. Fragen Sie Anton Antwort.",
    )
    services.helpful_mark(question=question, answer=helpful, user=asker)
    client.force_login(editor)
    response = _moderate(client, question, action="faq")
    page = FAQPage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert not page.live
    assert page.title == question.title
    assert "öffentlich-rechtlichen Vereinbarung" in page.answer
    assert "Andere Antwort" not in page.answer  # only the helpful one
    assert "Anton" not in page.answer  # names taken out
    assert f"/fragen/{question.pk}/" not in page.answer  # the way back is for the Redaktion only
    assert "Entstanden aus" not in page.answer and "Kommunen fragen" not in page.answer
    assert list(page.task_areas.all()) == [question.task_area]
    question.refresh_from_db()
    assert question.faq_page_id == page.pk
    # the editor lands in the edit view, which works and links back to the thread (a real link)
    edit = client.get(response["Location"])
    assert edit.status_code == 200
    moderation = reverse("questions_question:edit", args=[question.pk])
    html = edit.content.decode()
    assert f'<a href="{moderation}">„{question.title}“</a>' in html
    assert f'<a href="{settings.PORTAL_BASE_URL.rstrip("/")}{question.get_absolute_url()}">' in html
    # a second time: German message, no second draft
    again = _moderate(client, question, action="faq")
    assert again.status_code == 302
    assert FAQPage.objects.count() == 1


def test_the_way_back_never_reaches_the_public_faq_page(
    client, editor, asker, answerer, faq_index, question_factory
):
    question = question_factory(title="Gemeinsamer Bauhof: wer haftet?")
    answer = services.answer_create(question=question, user=answerer, body="Die Vereinbarung regelt es.")
    services.helpful_mark(question=question, answer=answer, user=asker)
    page = services.question_faq_draft(question=question, by=editor)
    page.save_revision().publish()
    client.logout()
    public = client.get(page.url)
    assert public.status_code == 200
    html = public.content.decode()
    assert "Die Vereinbarung regelt es." in html
    assert f"/fragen/{question.pk}/" not in html and "Entstanden aus" not in html
    assert reverse("questions_question:edit", args=[question.pk]) not in html
    # an FAQ entry written by hand shows no such panel in the admin
    client.force_login(editor)
    other = FAQPage(title="Von Hand", answer="<p>Text</p>")
    faq_index.add_child(instance=other)
    assert (
        "Herkunft aus" not in client.get(reverse("wagtailadmin_pages:edit", args=[other.pk])).content.decode()
    )
    assert "Herkunft aus" in client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()


def test_faq_draft_needs_an_answer(client, editor, faq_index, question):
    client.force_login(editor)
    response = client.post(
        reverse("questions_question:edit", args=[question.pk]), {"action": "faq"}, follow=True
    )
    assert "Erst wenn die Frage beantwortet ist" in response.content.decode()
    assert not FAQPage.objects.exists()
