"""Follow mails over real SMTP: to followers who may read the thread, never to the answer's author;
the unfollow link in the mail works once and changes nothing when merely opened."""

import re

import pytest
from django.urls import reverse

from ikz.questions import services

pytestmark = pytest.mark.django_db


def test_new_answer_mails_followers_but_not_its_author(
    client, smtp_server, asker, answerer, member, question
):
    services.follow_create(question=question, user=member)
    services.follow_create(question=question, user=answerer)
    services.answer_create(question=question, user=answerer, body="Wir teilen uns das Standesamt seit 2019.")
    smtp_server.wait_for(2)
    recipients = sorted(str(m["To"]) for m in smtp_server.messages)
    assert recipients == sorted([asker.email, member.email])
    mail = smtp_server.to(member.email)[0]
    body = smtp_server.body(mail)
    assert (
        "Neue Antwort auf „Wer betreibt schon ein gemeinsames Standesamt mit dem Nachbarn?“"
        in mail["Subject"]
    )
    assert "Anton Antwort (Gemeinde Lindlar)" in body or "Anton Antwort (Lindlar)" in body
    assert f"/fragen/{question.pk}/#antwort-" in body


def test_unfollow_link_from_the_mail(client, smtp_server, member, answerer, question):
    services.follow_create(question=question, user=member)
    services.answer_create(question=question, user=answerer, body="Erste Antwort")
    smtp_server.wait_for(2)
    body = smtp_server.body(smtp_server.to(member.email)[0])
    link = re.search(r"(/fragen/abbestellen/[^/\s]+/)", body).group(1)
    anonymous = client.__class__()
    page = anonymous.get(link)
    assert page.status_code == 200
    assert question.follows.filter(user=member).exists()  # opening changes nothing
    done = anonymous.post(link)
    assert "nicht mehr" in done.content.decode()
    assert not question.follows.filter(user=member).exists()
    assert anonymous.post(link).status_code == 404
    assert anonymous.get("/fragen/abbestellen/gefaelscht/").status_code == 404
    # no more mails to the member
    services.answer_create(question=question, user=answerer, body="Zweite Antwort")
    smtp_server.wait_for(3)
    assert len(smtp_server.to(member.email)) == 1


def test_followers_who_lost_access_get_no_mail(smtp_server, public_user, answerer, asker, question_factory):
    question = question_factory(is_public=True)
    services.follow_create(question=question, user=public_user)
    services.question_save(
        question=question, user=asker, base=services.question_values(question),
        mine={**services.question_values(question), "is_public": False},
    )  # fmt: skip
    services.answer_create(question=question, user=answerer, body="Antwort nur für Mitglieder")
    smtp_server.wait_for(1)
    assert not smtp_server.to(public_user.email)
    assert smtp_server.to(asker.email)


def test_konto_lists_followed_questions_with_new_answers(client, member, answerer, question):
    services.follow_create(question=question, user=member)
    client.force_login(member)
    client.get(question.get_absolute_url())
    services.answer_create(question=question, user=answerer, body="Neu")
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "Gefolgte Fragen" in page
    assert question.title in page
    assert "1 neue Antwort" in page
    client.get(question.get_absolute_url())
    assert "neue Antwort" not in client.get(reverse("accounts:profile")).content.decode()
