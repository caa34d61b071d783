"""Issue 12: /ansprechpartner/ reads a fixed number of queries, however many contacts (with topics
and Kreise) there are – for a member and for an anonymous visitor; the topic filter's labels name
the parent area without a query per area."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ikz.contacts.models import Contact, ContactKind
from ikz.core.taxonomy import TaskArea, task_areas_sync
from ikz.core.testing import page_queries

pytestmark = pytest.mark.django_db


def _count(client, url: str) -> tuple[int, str]:
    count, response = page_queries(client, url)
    return count, response.content.decode()


def test_directory_does_not_grow(client, member, municipality_factory):
    task_areas_sync()
    areas = list(TaskArea.objects.all()[:5])
    kreis = municipality_factory("05374")

    def grow(start: int, count: int) -> None:
        for i in range(start, start + count):
            aufsicht = i % 2 == 0
            contact = Contact.objects.create(
                key=f"stelle-{i}", name=f"Beratungsstelle {i}", live=True,
                kind=ContactKind.KOMMUNALAUFSICHT if aufsicht else ContactKind.REDAKTION,
                kreis=kreis if aufsicht else None, regierungsbezirk="Köln" if aufsicht else "",
                person_name="Erika Beispiel", person_email="erika@beispiel.example",
                consent_text="ja", consent_at=datetime.date(2026, 1, 1),
            )  # fmt: skip
            contact.task_areas.set(areas[: 1 + i % 3])

    urls = ["/ansprechpartner/", f"/ansprechpartner/?thema={areas[0].slug}&bezirk=K%C3%B6ln"]
    grow(0, 3)
    client.get(urls[0])  # once per process: content types
    anonymous = {url: _count(client, url)[0] for url in urls}
    client.force_login(member)
    few = {url: _count(client, url)[0] for url in urls}
    grow(3, 27)
    for url in urls:
        many, html = _count(client, url)
        assert "Beratungsstelle 29" in html
        assert many == few[url], f"{url} (Mitglied): {few[url]} queries with 3 contacts, {many} with 30"
    client.logout()
    for url in urls:
        many, _html = _count(client, url)
        assert many == anonymous[url], (
            f"{url} (anonym): {anonymous[url]} queries with 3 contacts, {many} with 30"
        )


def test_topic_labels_read_in_one_query(client):
    """The filter lists every area with its parent ("Bürgerservice › Standesamt") – one query for all."""
    task_areas_sync()
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/ansprechpartner/")
    html = response.content.decode()
    child = TaskArea.objects.filter(parent__isnull=False).select_related("parent").first()
    assert f"{child.parent.name} › {child.name}" in html
    area_queries = [q for q in captured if 'FROM "core_taskarea"' in q["sql"]]
    assert len(area_queries) == 1, [q["sql"] for q in area_queries]
