"""FAQ: grouped index, own URL per question, search, anonymous votes, linking selector."""

import pytest
from django.urls import reverse

from ikz.faq.models import FAQFeedback
from ikz.faq.selectors import faq_for

pytestmark = pytest.mark.django_db


def test_index_groups_by_category_and_each_question_has_its_own_page(client, faq_page_factory):
    first = faq_page_factory("Was ist ein Zweckverband?", category="Grundlagen")
    second = faq_page_factory("Gilt § 2b UStG für uns?", category="Steuern")
    response = client.get("/faq/")
    assert response.status_code == 200
    text = response.text
    assert text.index("Grundlagen") < text.index(first.title)
    assert text.index("Steuern") < text.index(second.title)
    assert f'id="frage-{first.pk}"' in text
    assert client.get(first.url).status_code == 200
    assert second.title in client.get("/faq/?q=UStG").text


def test_helpful_vote_counts_once_per_session_and_stores_no_personal_data(client, faq_page_factory, editor):
    page = faq_page_factory()
    url = reverse("faq:vote", args=[page.pk])
    response = client.post(url, {"helpful": "nein"})
    assert response.status_code == 302 and response.url.endswith("#bewertung")
    client.post(url, {"helpful": "nein"})
    client.post(url, {"helpful": "ja"})
    feedback = FAQFeedback.objects.get(page=page)
    assert (feedback.helpful, feedback.not_helpful) == (0, 1)
    assert "bereits bewertet" in client.get(page.url).text or "Danke" in client.get(page.url).text
    assert {f.name for f in FAQFeedback._meta.get_fields()} == {
        "id",
        "page",
        "helpful",
        "not_helpful",
        "updated_at",
    }

    client.force_login(editor)
    assert page.title in client.get(reverse("faq_feedback:index")).text


def test_faq_for_links_by_task_area_and_legal_form(faq_page_factory):
    from ikz.core.taxonomy import TaskArea

    area = TaskArea.objects.create(name="Kasse", slug="kasse-test")
    page = faq_page_factory("Gemeinsame Kasse?")
    page.task_areas.add(area)
    page.legal_form = "oerv"
    page.save_revision().publish()
    faq_page_factory("Etwas anderes?")
    assert list(faq_for(task_area=area)) == [page.specific]
    assert list(faq_for(legal_form="oerv")) == [page.specific]


def test_deleting_the_cookie_does_not_buy_more_votes(faq_page_factory, settings):
    """Per session one vote; per address a few votes a day (a town hall shares one address)."""
    from django.core.cache import cache
    from django.test import Client

    cache.clear()
    settings.FAQ_VOTES_PER_ADDRESS_PER_DAY = 3
    page = faq_page_factory()
    url = reverse("faq:vote", args=[page.pk])
    for _ in range(10):  # a fresh client each time: no cookie, new session
        Client(REMOTE_ADDR="203.0.113.7").post(url, {"helpful": "ja"})
    assert FAQFeedback.objects.get(page=page).helpful == 3
    response = Client(REMOTE_ADDR="203.0.113.7").post(url, {"helpful": "ja"}, follow=True)
    assert "schon mehrfach bewertet" in response.text
    Client(REMOTE_ADDR="198.51.100.20").post(url, {"helpful": "ja"})  # another address still counts
    assert FAQFeedback.objects.get(page=page).helpful == 4
    other = faq_page_factory(title="Was ist eine öffentlich-rechtliche Vereinbarung?")
    Client(REMOTE_ADDR="203.0.113.7").post(reverse("faq:vote", args=[other.pk]), {"helpful": "nein"})
    assert FAQFeedback.objects.get(page=other).not_helpful == 1  # the limit is per question


def test_the_vote_limit_keeps_no_address(faq_page_factory):
    from django.core.cache import cache

    from ikz.faq.services import _address_key, faq_vote

    cache.clear()
    page = faq_page_factory()
    assert faq_vote(page=page, helpful=True, address="203.0.113.7")
    key = _address_key(page, "203.0.113.7")
    assert "203.0.113.7" not in key and cache.get(key) == 1
