"""The Redaktion edits Ansprechpartner as Wagtail snippets: saved unchanged, a row stays identical;
an expert without consent is refused with a German message; members and the public have no access."""

import pytest
from django.urls import reverse
from django.utils import timezone

from ikz.contacts.models import Contact, ContactKind
from tests.test_form_roundtrip import _post_unchanged

pytestmark = pytest.mark.django_db


@pytest.fixture
def expert(register):
    from ikz.core.taxonomy import TaskArea, task_areas_sync

    task_areas_sync()
    contact = Contact.objects.create(
        key="beispiel-vergaberecht",
        kind=ContactKind.EXPERTE,
        name="Beispiel: Kanzlei für Vergaberecht „Nord“ & Partner",
        helps_with="Vergaberecht bei Zusammenarbeit (§ 108 GWB).\nZweite Zeile.",
        regierungsbezirk="Köln",
        kreis=register.named("Düren", level="kreis"),
        street="Beispielweg 1",
        postal_code="52349",
        city="Düren",
        website="https://beispiel.example",
        person_name="Erika Beispiel",
        person_email="erika@beispiel.example",
        consent_at=timezone.localdate(),
        consent_text="Beispiel: Einwilligung vom 30.11.2026",
        is_example=True,
    )
    contact.task_areas.set(TaskArea.objects.filter(slug__in=["vergabestelle", "bauhof"]))
    contact.save()
    return contact


def _state(contact):
    row = Contact.objects.filter(pk=contact.pk).values().get()
    row.pop("updated_at")
    return row, sorted(contact.task_areas.values_list("pk", flat=True))


def test_snippet_round_trip(client, editor, expert):
    before = _state(expert)
    client.force_login(editor)
    url = reverse("wagtailsnippets_contacts_contact:edit", args=[expert.pk])
    _html, response = _post_unchanged(client, url, having="consent_text")
    assert response.status_code == 302, response.content.decode()[:3000]
    after = _state(expert)
    changed = {k: (before[0][k], after[0][k]) for k in before[0] if before[0][k] != after[0][k]}
    assert not changed and after[1] == before[1], changed


def test_expert_without_consent_is_refused_in_the_admin(client, editor, expert):
    client.force_login(editor)
    url = reverse("wagtailsnippets_contacts_contact:edit", args=[expert.pk])
    from tests.browser_form import find_form, form_fields

    pairs = form_fields(find_form(client.get(url).content.decode(), having="consent_text"))
    data = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    data["consent_text"] = [""]
    response = client.post(url, data)
    assert response.status_code == 200
    assert "nur mit ihrer dokumentierten Einwilligung" in response.content.decode()
    expert.refresh_from_db()
    assert expert.consent_text


@pytest.mark.parametrize("who", ["member", "public_user"])
def test_only_the_redaktion_edits(client, who, expert, request):
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("wagtailsnippets_contacts_contact:list"))
    assert response.status_code in (302, 403)
