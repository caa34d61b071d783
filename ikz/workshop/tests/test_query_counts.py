"""Issue 12: the Werkstatt's plan, documents and drafts pages and the list of Werkstätten read a
fixed number of queries, however many milestones, documents, drafts and Werkstätten there are."""

import pytest
from django.urls import reverse

from ikz.agreements import services as drafts
from ikz.agreements.models import DraftKind
from ikz.core.testing import page_queries
from ikz.workshop import files
from ikz.workshop.models_plan import Milestone, Plan
from ikz.workshop.tests.test_documents import upload

pytestmark = pytest.mark.django_db


def _count(client, url: str) -> int:
    return page_queries(client, url)[0]


def test_plan_documents_drafts_and_list_do_not_grow(client, workshop, workshop_factory, lead, member_factory,
                                                     add_member):  # fmt: skip
    colleague = member_factory()
    add_member(workshop, colleague)
    plan = Plan.objects.create(workshop=workshop, legal_form="oerv", created_by=lead)
    kinds = DraftKind.values

    def grow(start: int, count: int) -> None:
        for i in range(start, start + count):
            Milestone.objects.create(
                plan=plan, position=i, title=f"Schritt {i}", citations="§ 23 GkG NRW",
                owner=colleague if i % 2 else lead, created_by=lead, updated_by=colleague,
            )  # fmt: skip
            files.document_create(workshop=workshop, user=colleague if i % 2 else lead,
                                  title=f"Unterlage {i}", upload=upload(f"Unterlage-{i}.pdf"))  # fmt: skip
            drafts.draft_create(
                workshop=workshop, user=colleague if i % 2 else lead, kind=kinds[i % len(kinds)]
            )
            workshop_factory(title=f"Weitere Werkstatt {i}")

    urls = [
        reverse("workshop:plan", args=[workshop.key]),
        reverse("workshop:documents", args=[workshop.key]),
        reverse("workshop:agreements:list", args=[workshop.key]),
        reverse("workshop:list"),
    ]
    grow(0, 3)
    client.force_login(lead)
    client.get(urls[0])  # once per process: content types, site root paths
    few = {url: _count(client, url) for url in urls}
    grow(3, 27)
    for url in urls:
        many = _count(client, url)
        assert many == few[url], f"{url}: {few[url]} queries with 3 rows, {many} with 30"
