"""Rate limits: questions per member per day, answers per hour, reports per hour – German message, nothing saved."""

import pytest
from django.urls import reverse

from ikz.questions.models import Answer, Question, Report

pytestmark = pytest.mark.django_db


def test_questions_per_day(client, asker, home_page, settings):
    settings.THROTTLE_RATES = {"questions.ask": (2, 24 * 3600)}
    client.force_login(asker)
    for n in range(2):
        assert (
            client.post(reverse("questions:ask"), {"title": f"Frage {n}?", "task_area": "bauhof"}).status_code
            == 302
        )
    response = client.post(reverse("questions:ask"), {"title": "Frage 3?", "task_area": "bauhof"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Sie haben heute schon mehrere Fragen gestellt. Bitte versuchen Sie es in" in text
    assert Question.objects.count() == 2


def test_invalid_input_does_not_count(client, asker, home_page, settings):
    settings.THROTTLE_RATES = {"questions.ask": (1, 24 * 3600)}
    client.force_login(asker)
    client.post(reverse("questions:ask"), {"title": ""})
    assert (
        client.post(reverse("questions:ask"), {"title": "Gültig?", "task_area": "bauhof"}).status_code == 302
    )


def test_answers_per_hour(client, answerer, question, settings):
    settings.THROTTLE_RATES = {"questions.answer": (1, 3600)}
    client.force_login(answerer)
    url = reverse("questions:answer", args=[question.pk])
    assert client.post(url, {"body": "Eins"}).status_code == 302
    response = client.post(url, {"body": "Zwei"})
    assert "Sie haben in der letzten Stunde schon viele Antworten geschrieben." in response.content.decode()
    assert Answer.objects.count() == 1


def test_reports_per_hour(client, member, question_factory, settings):
    settings.THROTTLE_RATES = {"questions.report": (1, 3600)}
    first, second = question_factory(title="Eins?"), question_factory(title="Zwei?")
    client.force_login(member)
    client.post(reverse("questions:report", args=[first.pk]), {"reason": "Beleidigend"})
    response = client.post(reverse("questions:report", args=[second.pk]), {"reason": "Beleidigend"})
    assert "Sie haben in der letzten Stunde schon viele Beiträge gemeldet." in response.content.decode()
    assert Report.objects.count() == 1
