"""The Werkstatt page reads a fixed number of queries, however many members, notes and entries it has."""

import pytest
from django.urls import reverse

from ikz.core.testing import page_queries
from ikz.workshop import services

pytestmark = pytest.mark.django_db


def _count(client, url: str) -> int:
    return page_queries(client, url)[0]


def test_detail_page_queries_do_not_grow(client, workshop, lead, member_factory, add_member):
    client.force_login(lead)
    url = reverse("workshop:detail", args=[workshop.key])
    services.note_create(workshop=workshop, user=lead, kind="notiz", title="Eins", text="")
    add_member(workshop, member_factory())
    services.invitation_create(workshop=workshop, by=lead, email="a@kommune.nrw.example")
    client.get(url)  # warm the per-process caches
    few = _count(client, url)
    for i in range(8):
        person = member_factory()
        add_member(workshop, person)
        note = services.note_create(
            workshop=workshop, user=person, kind="beschluss", title=f"Beschluss {i}", text="x"
        )
        services.note_save(note=note, user=lead, base=services.note_values(note),
                           mine={**services.note_values(note), "text": "y"})  # fmt: skip
        services.invitation_create(workshop=workshop, by=lead, email=f"p{i}@kommune.nrw.example")
    many = _count(client, url)
    print(
        f"Werkstatt-Seite: {few} Abfragen (2 Mitglieder, 1 Notiz), {many} Abfragen (10 Mitglieder, 9 Notizen)"
    )
    assert many == few
