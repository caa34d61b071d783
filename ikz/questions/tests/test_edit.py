"""Editing is never last-writer-wins (decision 0011): both changed the same field → conflict, nothing lost."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from ikz.questions import services
from ikz.questions.models import Answer, Question


@pytest.mark.django_db
def test_two_tabs_editing_the_same_question_get_a_conflict(client, asker, editor, question):
    client.force_login(asker)
    url = reverse("questions:edit", args=[question.pk])
    assert client.get(url).status_code == 200
    base = services.question_values(question)
    # the Redaktion fixes the title meanwhile
    services.question_save(
        question=question,
        user=editor,
        base=base,
        mine={**base, "title": "Gemeinsames Standesamt: Erfahrungen?"},
    )
    post = {
        "title": "Wer hat ein gemeinsames Standesamt?", "body": "Neuer Text", "task_area": base["task_area"],
        "base_title": base["title"], "base_body": base["body"], "base_task_area": base["task_area"], "base_is_public": "0",
    }  # fmt: skip
    response = client.post(url, post)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Die Frage wurde inzwischen geändert" in page
    assert "Gemeinsames Standesamt: Erfahrungen?" in page
    question.refresh_from_db()
    assert question.title == "Gemeinsames Standesamt: Erfahrungen?"  # not overwritten
    assert question.body == base["body"]  # the body of the conflicting save was not written either
    # saving again keeps the asker's version knowingly (base is now the stored one)
    again = {**post, "base_title": question.title}
    assert client.post(url, again).status_code == 302
    question.refresh_from_db()
    assert question.title == "Wer hat ein gemeinsames Standesamt?"
    assert question.body == "Neuer Text"


@pytest.mark.django_db
def test_different_fields_merge_without_conflict(asker, editor, question):
    base = services.question_values(question)
    services.question_save(question=question, user=editor, base=base, mine={**base, "title": "Neuer Titel?"})
    outcome = services.question_save(
        question=question, user=asker, base=base, mine={**base, "body": "Neuer Text"}
    )
    assert outcome.saved and not outcome.conflicts
    question.refresh_from_db()
    assert (question.title, question.body) == ("Neuer Titel?", "Neuer Text")


@pytest.mark.django_db
def test_answer_edit_conflict_keeps_the_stored_text(client, answerer, editor, question):
    answer = services.answer_create(question=question, user=answerer, body="Original")
    services.answer_save(
        answer=answer, user=editor, base={"body": "Original"}, mine={"body": "Von der Redaktion gekürzt"}
    )
    client.force_login(answerer)
    url = reverse("questions:answer_edit", args=[question.pk, answer.pk])
    response = client.post(url, {"body": "Meine Ergänzung", "base_body": "Original"})
    assert response.status_code == 409
    assert "Von der Redaktion gekürzt" in response.content.decode()
    answer.refresh_from_db()
    assert answer.body == "Von der Redaktion gekürzt"


@pytest.mark.django_db
def test_others_cannot_edit_an_answer(client, member, answerer, question):
    answer = services.answer_create(question=question, user=answerer, body="Original")
    client.force_login(member)
    url = reverse("questions:answer_edit", args=[question.pk, answer.pk])
    assert client.post(url, {"body": "Fremd", "base_body": "Original"}).status_code == 403
    assert Answer.objects.get().body == "Original"


@pytest.mark.django_db(transaction=True)
def test_parallel_saves_of_the_same_field_one_wins_one_conflicts(asker, editor, question_factory):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the compare-and-swap is shown on PostgreSQL")
    question = question_factory()
    base = services.question_values(question)
    outcomes = []

    def save(user, title):
        outcomes.append(
            services.question_save(question=question, user=user, base=base, mine={**base, "title": title})
        )
        connection.close()

    threads = [threading.Thread(target=save, args=(u, t)) for u, t in ((asker, "A?"), (editor, "B?"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(bool(o.saved) for o in outcomes) == [False, True]
    assert Question.objects.get(pk=question.pk).version == 2
