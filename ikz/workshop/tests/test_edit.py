"""Editing the Werkstatt's own data: merged per field, conflicts shown, archived is read-only."""

import pytest
from django.urls import reverse

from ikz.workshop import services
from ikz.workshop.models import Activity
from tests.browser_form import as_post_data, find_form, form_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(workshop, member_factory, add_member):
    person = member_factory(email="kollege@lindlar.nrw.example", first_name="Karl", last_name="Kollege")
    add_member(workshop, person)
    return person


def _form(client, workshop):
    html = client.get(reverse("workshop:edit", args=[workshop.key])).content.decode()
    return form_fields(find_form(html, having="title"))


def _with(pairs, **values):
    data = as_post_data(pairs)
    data.update({name: [value] for name, value in values.items()})
    return data


def test_a_member_edits_and_the_activity_says_what(
    client, home_page, workshop, colleague, municipality_factory
):
    municipality_factory("05111000")
    client.force_login(colleague)
    url = reverse("workshop:edit", args=[workshop.key])
    response = client.post(url, _with(_form(client, workshop), task_area="bauhof",
                                      partners="05374016\n05374020\nDüsseldorf"))  # fmt: skip
    assert response.status_code == 302
    workshop.refresh_from_db()
    assert workshop.task_area.slug == "bauhof" and workshop.partners.count() == 3 and workshop.version == 2
    entry = Activity.objects.filter(kind="edited").get()
    assert entry.actor == colleague and "(Aufgabenbereich, Partner)" in entry.summary


def test_different_fields_merge_and_the_same_field_conflicts(client, home_page, workshop, lead, colleague):
    client.force_login(lead)
    lead_form = _form(client, workshop)
    other = client.__class__()
    other.force_login(colleague)
    url = reverse("workshop:edit", args=[workshop.key])
    assert (
        other.post(
            url, _with(_form(other, workshop), title="Bauhof (Karl)", task="Karls Aufgabe")
        ).status_code
        == 302
    )

    response = client.post(url, _with(lead_form, task="Leas Aufgabe", task_area="bauhof"))
    assert response.status_code == 409
    html = response.content.decode()
    assert (
        "Die Angaben wurden inzwischen geändert" in html
        and "Karl Kollege" in html
        and "Karls Aufgabe" in html
    )
    form = find_form(html, having="title")
    fields = dict(form_fields(form))
    assert (
        fields["task"] == "Leas Aufgabe"
        and fields["title"] == "Bauhof (Karl)"
        and fields["task_area"] == "bauhof"
    )
    workshop.refresh_from_db()
    assert workshop.task == "Karls Aufgabe" and workshop.task_area is None  # nothing written

    assert client.post(url, as_post_data(form_fields(form, submitter="keep_mine"))).status_code == 302
    workshop.refresh_from_db()
    assert (workshop.title, workshop.task, workshop.task_area.slug) == (
        "Bauhof (Karl)",
        "Leas Aufgabe",
        "bauhof",
    )


def test_taking_the_stored_version_keeps_the_own_text_visible(client, home_page, workshop, lead, colleague):
    client.force_login(lead)
    mine = _form(client, workshop)
    services.workshop_update(workshop=workshop, user=colleague, base=services.workshop_values(workshop),
                             mine={**services.workshop_values(workshop), "task": "Karls Aufgabe"})  # fmt: skip
    url = reverse("workshop:edit", args=[workshop.key])
    conflict = find_form(client.post(url, _with(mine, task="Leas Aufgabe")).content.decode(), having="title")
    html = client.post(url, as_post_data(form_fields(conflict, submitter="take_theirs"))).content.decode()
    assert dict(form_fields(find_form(html, having="title")))["task"] == "Karls Aufgabe"
    assert "Ihre bisherige Eingabe (nicht gespeichert)" in html and "Leas Aufgabe" in html


def test_outsiders_get_404_and_archived_is_read_only(client, home_page, workshop, lead, editor):
    url = reverse("workshop:edit", args=[workshop.key])
    client.force_login(editor)
    assert client.get(url).status_code == 404
    assert client.post(url, {"title": "Übernommen"}).status_code == 404
    services.workshop_archive(workshop=workshop, by=lead)
    client.force_login(lead)
    response = client.post(url, {"title": "Neu"}, follow=True)
    assert "nur noch gelesen" in response.content.decode()
    workshop.refresh_from_db()
    assert workshop.title == "Gemeinsamer Bauhof"


def test_bad_input_keeps_the_text_and_explains(client, home_page, workshop, lead):
    client.force_login(lead)
    url = reverse("workshop:edit", args=[workshop.key])
    response = client.post(url, _with(_form(client, workshop), title="", task="Wichtiger Text"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bitte geben Sie der Werkstatt einen Titel." in html and "Wichtiger Text" in html
