"""Who sees and does what, per role: anonymous, registered non-member, member, asker, Redaktion."""

import pytest
from django.urls import reverse

from ikz.questions import services
from ikz.questions.models import Answer, Question

pytestmark = pytest.mark.django_db


def _get(client, user, url):
    if user is not None:
        client.force_login(user)
    return client.get(url)


@pytest.mark.parametrize(
    ("role", "private_status", "public_status"),
    [("anonymous", 403, 200), ("public_user", 403, 200), ("member", 200, 200), ("editor", 200, 200)],
)
def test_private_threads_only_for_members_and_the_redaktion(
    request, client, question, public_question, role, private_status, public_status
):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    response = _get(client, user, question.get_absolute_url())
    assert response.status_code == private_status
    if private_status == 403:
        assert question.title not in response.content.decode()
        assert "nur für Mitglieder" in response.content.decode()
    assert client.get(public_question.get_absolute_url()).status_code == public_status
    listing = client.get(reverse("questions:list")).content.decode()
    assert public_question.title in listing
    assert (question.title in listing) is (private_status == 200)


def test_hidden_thread_is_gone_for_everyone_on_the_site_at_once(
    client, member, editor, question, public_question
):
    services.question_hide(question=public_question, by=editor)
    for user in (None, member, editor):
        client.logout()
        if user:
            client.force_login(user)
        assert client.get(public_question.get_absolute_url()).status_code == 404
        assert public_question.title not in client.get(reverse("questions:list")).content.decode()


def test_hidden_answer_is_gone_for_members_at_once(client, member, answerer, editor, question):
    answer = services.answer_create(
        question=question, user=answerer, body="Wir haben seit 2019 ein gemeinsames Standesamt."
    )
    client.force_login(member)
    assert "seit 2019" in client.get(question.get_absolute_url()).content.decode()
    services.answer_hide(answer=answer, by=editor)
    page = client.get(question.get_absolute_url()).content.decode()
    assert "seit 2019" not in page
    assert "Anton Antwort" not in page


def test_only_members_ask_and_answer(client, public_user, member, public_question):
    client.force_login(public_user)
    assert client.get(reverse("questions:ask")).status_code == 403
    response = client.post(reverse("questions:ask"), {"title": "Frage?"})
    assert response.status_code == 403
    response = client.post(reverse("questions:answer", args=[public_question.pk]), {"body": "Antwort"})
    assert response.status_code == 403
    assert not Answer.objects.exists()
    assert Question.objects.count() == 1
    anonymous = client.__class__()
    assert (
        anonymous.post(reverse("questions:answer", args=[public_question.pk]), {"body": "x"}).status_code
        == 302
    )
    client.force_login(member)
    assert client.get(reverse("questions:ask")).status_code == 200


def test_answers_show_author_name_and_koerperschaft(client, member, answerer, question):
    services.answer_create(question=question, user=answerer, body="Sprechen Sie uns an.")
    client.force_login(member)
    page = client.get(question.get_absolute_url()).content.decode()
    assert "Anton Antwort, Gemeinde Lindlar" in page or "Anton Antwort, Lindlar" in page
    assert "Frieda Frage" in page


def test_only_the_asker_marks_the_helpful_answer_and_can_unmark(client, asker, answerer, member, question):
    answer = services.answer_create(question=question, user=answerer, body="So haben wir es gemacht.")
    url = reverse("questions:helpful", args=[question.pk])
    client.force_login(member)
    response = client.post(url, {"answer": answer.pk}, follow=True)
    assert "Als hilfreich markieren kann nur, wer die Frage gestellt hat." in response.content.decode()
    question.refresh_from_db()
    assert question.helpful_answer is None
    client.force_login(asker)
    client.post(url, {"answer": answer.pk})
    question.refresh_from_db()
    assert question.helpful_answer == answer
    assert "Hat der fragenden Person geholfen" in client.get(question.get_absolute_url()).content.decode()
    client.post(url, {"answer": "0"})
    question.refresh_from_db()
    assert question.helpful_answer is None


def test_an_answer_of_another_question_cannot_be_marked(client, asker, answerer, question, question_factory):
    other = question_factory(title="Andere Frage?")
    foreign = services.answer_create(question=other, user=answerer, body="Fremd.")
    client.force_login(asker)
    response = client.post(
        reverse("questions:helpful", args=[question.pk]), {"answer": foreign.pk}, follow=True
    )
    assert "Diese Antwort gehört nicht zu dieser Frage." in response.content.decode()
    question.refresh_from_db()
    assert question.helpful_answer is None


def test_only_the_author_edits(client, member, asker, question):
    client.force_login(member)
    assert client.get(reverse("questions:edit", args=[question.pk])).status_code == 403
    client.force_login(asker)
    assert client.get(reverse("questions:edit", args=[question.pk])).status_code == 200


def test_locked_thread_takes_no_answers_and_says_so(client, answerer, editor, question):
    services.question_lock(question=question, by=editor)
    client.force_login(answerer)
    page = client.get(question.get_absolute_url()).content.decode()
    assert "Diese Frage ist geschlossen." in page
    assert "Antwort veröffentlichen" not in page
    response = client.post(
        reverse("questions:answer", args=[question.pk]), {"body": "Noch eine Antwort"}, follow=True
    )
    assert services.LOCKED in response.content.decode()
    assert not Answer.objects.exists()
    with pytest.raises(Exception, match="geschlossen"):
        services.answer_create(question=question, user=answerer, body="Trotzdem")
    assert not Answer.objects.exists()


def test_bad_input_gives_german_messages_and_saves_nothing(client, asker, question):
    client.force_login(asker)
    response = client.post(reverse("questions:ask"), {"title": "   ", "body": ""})
    assert response.status_code == 400
    assert "Bitte schreiben Sie Ihre Frage in das Feld „Ihre Frage“." in response.content.decode()
    assert "Bitte wählen Sie den Aufgabenbereich, um den es geht." in response.content.decode()
    response = client.post(reverse("questions:ask"), {"title": "x" * 201})
    assert "Die Frage ist zu lang: Bitte höchstens 200 Zeichen (Sie haben 201)." in response.content.decode()
    response = client.post(reverse("questions:ask"), {"title": "Frage?", "body": "y" * 5001})
    assert "Die Erläuterung ist zu lang" in response.content.decode()
    response = client.post(reverse("questions:answer", args=[question.pk]), {"body": "  \n "})
    assert response.status_code == 400
    assert "Bitte schreiben Sie Ihre Antwort in das Feld „Ihre Antwort“." in response.content.decode()
    assert Question.objects.count() == 1
    assert not Answer.objects.exists()


def test_following_twice_says_so(client, member, question):
    client.force_login(member)
    url = reverse("questions:follow", args=[question.pk])
    client.post(url, {"action": "follow"})
    response = client.post(url, {"action": "follow"}, follow=True)
    assert "Sie folgen dieser Frage bereits." in response.content.decode()
    assert question.follows.filter(user=member).count() == 1
    client.post(url, {"action": "unfollow"})
    assert not question.follows.filter(user=member).exists()


def test_asker_follows_automatically(asker, question):
    assert question.follows.filter(user=asker).exists()


def test_a_member_reports_once_and_the_redaktion_is_told(
    client, member, answerer, question, smtp_server, settings
):
    answer = services.answer_create(question=question, user=answerer, body="Kaufen Sie bei uns ein!")
    client.force_login(member)
    url = reverse("questions:report", args=[question.pk]) + f"?antwort={answer.pk}"
    assert client.get(url).status_code == 200
    response = client.post(
        reverse("questions:report", args=[question.pk]), {"antwort": answer.pk, "reason": ""}
    )
    assert "Bitte sagen Sie der Redaktion kurz" in response.content.decode()
    client.post(reverse("questions:report", args=[question.pk]), {"antwort": answer.pk, "reason": "Werbung"})
    assert answer.reports.count() == 1
    smtp_server.wait_for(2)  # the asker's follow mail of the answer, then the report
    mail = smtp_server.to(settings.IKZ_EDITORIAL_EMAIL)[0]
    assert "Werbung" in smtp_server.body(mail)
    response = client.post(
        reverse("questions:report", args=[question.pk]),
        {"antwort": answer.pk, "reason": "Nochmal"},
        follow=True,
    )
    assert "Sie haben diesen Beitrag schon gemeldet" in response.content.decode()
    assert answer.reports.count() == 1


def test_non_members_cannot_report(client, public_user, public_question):
    client.force_login(public_user)
    response = client.post(reverse("questions:report", args=[public_question.pk]), {"reason": "x"})
    assert response.status_code == 403
    assert not public_question.reports.exists()
