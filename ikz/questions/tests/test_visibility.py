"""Private threads never reach a public or cached page or the search index; public ones are cached
for anonymous visitors and fresh after every change."""

import pytest
from django.test import Client
from django.urls import reverse

from ikz.questions import services
from ikz.search.models import SearchDocument

pytestmark = pytest.mark.django_db


def _indexed(question) -> bool:
    return SearchDocument.objects.filter(source="questions.question", object_id=str(question.pk)).exists()


def test_only_public_threads_are_indexed(
    client, asker, answerer, editor, question_factory, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        private = question_factory(title="Interne Frage zum Zweckverband Quarzwiesental?")
        public = question_factory(title="Öffentliche Frage zum Standesamt Birkenheide?", is_public=True)
        services.answer_create(question=private, user=answerer, body="Geheime Erfahrung Quarzwiesental")
    assert _indexed(public)
    assert not _indexed(private)
    results = client.get(reverse("search:page"), {"q": "Quarzwiesental"}).content.decode()
    assert "Interne Frage" not in results and "Geheime Erfahrung" not in results
    found = client.get(reverse("search:page"), {"q": "Birkenheide"}).content.decode()
    assert "Öffentliche Frage zum Standesamt" in found and public.get_absolute_url() in found

    # the asker makes the public one private: out of the index at once
    with django_capture_on_commit_callbacks(execute=True):
        values = services.question_values(public)
        services.question_save(question=public, user=asker, base=values, mine={**values, "is_public": False})
    assert not _indexed(public)
    # made public again, then hidden by the Redaktion: out again
    public.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        values = services.question_values(public)
        services.question_save(question=public, user=asker, base=values, mine={**values, "is_public": True})
    assert _indexed(public)
    public.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.question_hide(question=public, by=editor)
    assert not _indexed(public)
    gone = client.get(reverse("search:page"), {"q": "Birkenheide"}).content.decode()
    assert "Öffentliche Frage zum Standesamt" not in gone and public.get_absolute_url() not in gone


def test_answers_of_a_public_thread_are_searchable(
    client, answerer, question_factory, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        public = question_factory(title="Gemeinsame Kasse?", is_public=True)
        services.answer_create(
            question=public, user=answerer, body="Wir nutzen die Kasse Kranichfeld gemeinsam."
        )
    assert "Gemeinsame Kasse?" in client.get(reverse("search:page"), {"q": "Kranichfeld"}).content.decode()


def test_anonymous_pages_are_cached_without_private_threads_and_fresh_after_a_change(
    page_cache, asker, answerer, member, question, public_question, django_capture_on_commit_callbacks
):
    anonymous = Client()
    first = anonymous.get(reverse("questions:list"))
    assert first["X-Page-Cache"] == "miss"
    assert Client().get(reverse("questions:list"))["X-Page-Cache"] == "hit"
    assert public_question.title in first.content.decode()
    assert question.title not in first.content.decode()
    detail = anonymous.get(public_question.get_absolute_url())
    assert Client().get(public_question.get_absolute_url())["X-Page-Cache"] == "hit"
    assert detail.status_code == 200
    # a private thread is refused and never stored
    for _ in range(2):
        refused = Client().get(question.get_absolute_url())
        assert refused.status_code == 403
        assert refused.get("X-Page-Cache") != "hit"
        assert question.title not in refused.content.decode()

    # a member's view is never stored nor served from the cache
    signed_in = Client()
    signed_in.force_login(member)
    mine = signed_in.get(reverse("questions:list"))
    assert question.title in mine.content.decode()
    assert mine.get("X-Page-Cache") != "hit"
    assert "private" in mine["Cache-Control"]
    assert question.title not in Client().get(reverse("questions:list")).content.decode()

    # a new answer makes the stored thread stale
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_create(question=public_question, user=answerer, body="Neue Erfahrung aus Lindlar")
    fresh = Client().get(public_question.get_absolute_url())
    assert fresh["X-Page-Cache"] == "miss"
    assert "Neue Erfahrung aus Lindlar" in fresh.content.decode()


def test_post_endpoints_are_never_cached(page_cache, member, public_question):
    from ikz.core.pagecache.rules import view_rule

    for name in ("ask", "edit", "answer", "answer_edit", "helpful", "follow", "report", "unfollow_link"):
        assert view_rule(f"questions:{name}") == "private"
