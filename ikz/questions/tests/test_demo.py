"""The demo's example threads: marked as example, one public and one for members, created once."""

import pytest

from ikz.questions.demo import EXAMPLE_EMAIL, questions_demo_setup
from ikz.questions.models import Question

pytestmark = pytest.mark.django_db


def test_example_threads(member, municipality_factory, home_page, client):
    municipality_factory("05374020")
    assert questions_demo_setup(user=member) == 2
    assert questions_demo_setup(user=member) == 0
    questions = list(Question.objects.all())
    assert all("(Beispiel)" in q.title and "erfunden" in q.body for q in questions)
    assert sorted(q.is_public for q in questions) == [False, True]
    assert all(q.answers.count() == 1 for q in questions)
    helper = Question.objects.get(is_public=True).answers.get().author
    assert helper.email == EXAMPLE_EMAIL and not helper.has_usable_password()
    listing = client.get("/fragen/").content.decode()
    assert "Wer hat Erfahrung mit einem gemeinsamen Standesamt? (Beispiel)" in listing
    assert "Fahrzeugkosten" not in listing
