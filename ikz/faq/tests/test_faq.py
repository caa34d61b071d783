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
