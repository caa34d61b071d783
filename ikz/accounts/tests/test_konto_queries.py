"""Issue 12: /konto/ reads a fixed number of queries, however many Werkstätten, projects, followed
questions (with new answers), event registrations and subscribed programmes the person has.

Written in the test's open transaction, so nothing comes from the per-version cache: this is the
cost of every request (the page is personal)."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ikz.core.testing import page_queries

pytestmark = pytest.mark.django_db

_n = itertools.count(1)


def _queries(client, url: str) -> tuple[int, str]:
    count, response = page_queries(client, url)
    return count, response.content.decode()


@pytest.fixture
def grow(member, member_factory, municipality_factory, home_page, project_factory):
    """Adds `count` rows to every section of the member's /konto/."""
    from ikz.core.taxonomy import TaskArea
    from ikz.events.demo import events_index_ensure
    from ikz.events.models import EventPage, Registration, RegistrationStatus
    from ikz.funding.content import funding_setup
    from ikz.funding.models import FundingIndexPage, FundingProgrammePage
    from ikz.funding.services import subscription_create
    from ikz.questions import services as questions
    from ikz.workshop import services as workshops

    events_index = events_index_ensure(home=home_page)
    funding_setup(home=home_page)
    funding_index = FundingIndexPage.objects.get()
    other = member_factory(municipality=municipality_factory("05374020"))
    area = TaskArea.objects.first()
    partners = [municipality_factory("05374016"), municipality_factory("05374020")]
    own = member.memberships.get().municipality

    def make(count: int) -> None:
        for _ in range(count):
            n = next(_n)
            workshops.workshop_create(user=member, title=f"Werkstatt {n}", partners=partners)
            project_factory(title=f"Projekt {n}", municipalities=[own])
            question = questions.question_create(
                user=member, title=f"Wer hat Erfahrung mit Thema {n}?", body="Bitte um Rat.", task_area=area
            )
            questions.answer_create(question=question, user=other, body=f"Wir haben Erfahrung ({n}).")
            start = timezone.now() + datetime.timedelta(days=10 + n)
            event = EventPage(title=f"Sprechstunde {n}", slug=f"sprechstunde-{n}", start=start,
                              end=start + datetime.timedelta(hours=1), format="online")  # fmt: skip
            events_index.add_child(instance=event)
            event.save_revision().publish()
            Registration.objects.create(
                event=event, name="Max Mitglied", email=member.email, status=RegistrationStatus.REGISTERED
            )
            programme = FundingProgrammePage(
                title=f"Beispielprogramm {n}", slug=f"beispielprogramm-{n}", is_example=True,
                funder="Beispiel-Fördergeber", stand=datetime.date(2026, 11, 30),
                source_url="https://example.org/programm",
            )  # fmt: skip
            funding_index.add_child(instance=programme)
            programme.save_revision().publish()
            subscription_create(user=member, programme=FundingProgrammePage.objects.get(pk=programme.pk))

    return make


def test_konto_queries_do_not_grow_with_the_sections_rows(client, member, grow):
    grow(3)
    client.force_login(member)
    client.get("/konto/")  # once per process: content types, site root paths
    few, html = _queries(client, "/konto/")
    for text in (
        "Sie arbeiten in 3 Kooperationswerkstätten",
        "Projekt 1",
        "Thema 1",
        "Sprechstunde 1",
        "Beispielprogramm 1",
        "neue Antwort",
    ):
        assert text in html, text  # every section shows its rows (an empty one skips its queries)
    grow(27)
    many, html = _queries(client, "/konto/")
    assert many == few, f"/konto/: {few} queries with 3 rows per section, {many} with 30"


def test_new_answers_counted_per_followed_question(client, member, member_factory, municipality_factory):
    """The count of new answers comes from one query; it still counts only others' answers after
    the last visit, per question."""
    from ikz.core.taxonomy import TaskArea
    from ikz.questions import services as questions
    from ikz.questions.models import Follow
    from ikz.questions.selectors import followed_by

    other = member_factory(municipality=municipality_factory("05374020"))
    area = TaskArea.objects.first()
    first = questions.question_create(user=member, title="Erste Frage zum Bauhof?", body="x", task_area=area)
    second = questions.question_create(
        user=member, title="Zweite Frage zum Standesamt?", body="x", task_area=area
    )
    questions.answer_create(question=first, user=other, body="Antwort eins")
    questions.answer_create(question=first, user=member, body="Eigene Antwort zählt nicht")
    questions.answer_create(question=second, user=other, body="Antwort zwei")
    Follow.objects.filter(question=second).update(seen_at=timezone.now() + datetime.timedelta(minutes=1))
    questions.answer_create(question=first, user=other, body="Antwort drei")
    with CaptureQueriesContext(connection) as captured:
        found = {q.pk: q.new_answers for q in followed_by(user=member)}
    assert found == {first.pk: 2, second.pk: 0}
    assert len(captured) <= 2  # the follows with their counts (and at most the membership check)
