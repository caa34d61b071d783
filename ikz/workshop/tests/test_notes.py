"""Notes and decisions: several people edit them; nobody's text is overwritten or lost (decision 0011)."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from ikz.workshop import services
from ikz.workshop.models import Activity, Note
from tests.browser_form import as_post_data, find_form, form_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(workshop, member_factory, add_member):
    person = member_factory(email="kollege@lindlar.nrw.example", first_name="Karl", last_name="Kollege")
    add_member(workshop, person)
    return person


@pytest.fixture
def note(workshop, lead):
    return services.note_create(
        workshop=workshop, user=lead, kind="notiz", title="Zeitplan", text="Rat im März.\nAufsicht im April."
    )


def _loaded_form(client, workshop, note) -> list[tuple[str, str]]:
    html = client.get(reverse("workshop:note_edit", args=[workshop.key, note.pk])).content.decode()
    return form_fields(find_form(html, having="title"))


def _with(pairs, **values):
    data = as_post_data(pairs)
    for name, value in values.items():
        data[name] = [value]
    return data


def test_changes_to_different_fields_are_merged(workshop, lead, colleague, note):
    base = services.note_values(note)
    services.note_save(note=note, user=colleague, base=base, mine={**base, "title": "Zeitplan 2027"})
    outcome = services.note_save(
        note=note, user=lead, base=base, mine={**base, "text": "Rat schon im Februar."}
    )
    assert outcome.saved and not outcome.conflicts
    note.refresh_from_db()
    assert (note.title, note.text, note.version) == ("Zeitplan 2027", "Rat schon im Februar.", 3)
    assert note.updated_by == lead


def test_the_second_save_shows_both_versions_and_keeps_the_text(client, workshop, lead, colleague, note):
    client.force_login(lead)
    mine = _loaded_form(client, workshop, note)
    # Karl saves first, while Lea's form is open
    other = client.__class__()
    other.force_login(colleague)
    theirs = _loaded_form(other, workshop, note)
    url = reverse("workshop:note_edit", args=[workshop.key, note.pk])
    assert other.post(url, _with(theirs, text="Karls Fassung", title="Zeitplan (Karl)")).status_code == 302

    response = client.post(url, _with(mine, text="Leas Fassung"))
    assert response.status_code == 409
    html = response.content.decode()
    assert "Die Notiz wurde inzwischen geändert" in html and "Karl Kollege" in html
    assert "Karls Fassung" in html
    form = find_form(html, having="title")
    fields = dict(form_fields(form))
    assert fields["text"] == "Leas Fassung"  # her text is still in the form
    assert fields["title"] == "Zeitplan (Karl)"  # only Karl changed it: taken in
    note.refresh_from_db()
    assert note.text == "Karls Fassung"  # nothing silently overwritten

    # Lea keeps hers
    response = client.post(url, as_post_data(form_fields(form, submitter="keep_mine")))
    assert response.status_code == 302
    note.refresh_from_db()
    assert (note.title, note.text, note.updated_by) == ("Zeitplan (Karl)", "Leas Fassung", lead)
    assert Activity.objects.filter(kind="note_changed").count() == 2


def test_taking_the_other_version_keeps_ones_own_text_on_the_page(client, workshop, lead, colleague, note):
    client.force_login(lead)
    mine = _loaded_form(client, workshop, note)
    services.note_save(note=note, user=colleague, base=services.note_values(note),
                       mine={**services.note_values(note), "text": "Karls Fassung"})  # fmt: skip
    url = reverse("workshop:note_edit", args=[workshop.key, note.pk])
    conflict = find_form(client.post(url, _with(mine, text="Leas Fassung")).content.decode(), having="title")
    response = client.post(url, as_post_data(form_fields(conflict, submitter="take_theirs")))
    assert response.status_code == 200
    html = response.content.decode()
    assert dict(form_fields(find_form(html, having="title")))["text"] == "Karls Fassung"
    assert "Ihre bisherige Eingabe (nicht gespeichert)" in html and "Leas Fassung" in html
    # saving now keeps Karl's version, with no further conflict
    form = find_form(html, having="title")
    assert client.post(url, as_post_data(form_fields(form))).status_code == 302
    note.refresh_from_db()
    assert note.text == "Karls Fassung" and note.version == 2


def test_the_same_change_by_both_is_no_conflict(workshop, lead, colleague, note):
    base = services.note_values(note)
    services.note_save(note=note, user=colleague, base=base, mine={**base, "title": "Gleich"})
    outcome = services.note_save(note=note, user=lead, base=base, mine={**base, "title": "Gleich"})
    assert not outcome.conflicts and not outcome.saved


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"title": ""}, "Bitte geben Sie eine Überschrift an."),
        ({"title": "Zwei\nZeilen"}, "Bitte ohne Zeilenumbrüche eingeben."),
        ({"title": "x" * 201}, "höchstens 200 Zeichen"),
        ({"kind": "geheim"}, "Bitte eine gültige Auswahl treffen"),
    ],
)
def test_bad_note_input_gets_a_german_error_and_keeps_the_text(client, workshop, lead, note, values, message):
    client.force_login(lead)
    data = {"kind": "notiz", "title": "Neu", "text": "Mein langer Text, der nicht verloren gehen darf."}
    data.update(values)
    response = client.post(reverse("workshop:note_create", args=[workshop.key]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "Mein langer Text, der nicht verloren gehen darf." in html
    edit = client.post(reverse("workshop:note_edit", args=[workshop.key, note.pk]), data)
    assert edit.status_code == 400 and message in edit.content.decode()
    assert Note.objects.count() == 1


def test_saving_unchanged_creates_no_activity(client, workshop, lead, note):
    client.force_login(lead)
    url = reverse("workshop:note_edit", args=[workshop.key, note.pk])
    before = Activity.objects.count()
    response = client.post(url, as_post_data(_loaded_form(client, workshop, note)), follow=True)
    assert "Sie haben nichts geändert" in response.content.decode()
    assert Activity.objects.count() == before
    note.refresh_from_db()
    assert note.version == 1


@pytest.mark.django_db(transaction=True)
def test_parallel_saves_of_different_fields_both_survive(workshop_factory, member_factory, add_member):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite sperrt die ganze Datenbank; der Wettlauf wird auf PostgreSQL geprüft")
    workshop = workshop_factory()
    lead = workshop.members.get().user
    colleague = member_factory(email="parallel@lindlar.nrw.example")
    add_member(workshop, colleague)
    note = services.note_create(workshop=workshop, user=lead, kind="notiz", title="T", text="A")
    base = services.note_values(note)
    barrier = threading.Barrier(2)
    errors = []

    def save(user, change):
        try:
            barrier.wait()
            services.note_save(note=note, user=user, base=base, mine={**base, **change})
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(lead, {"title": "Titel neu"})),
               threading.Thread(target=save, args=(colleague, {"text": "Text neu"}))]  # fmt: skip
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    note.refresh_from_db()
    assert (note.title, note.text, note.version) == ("Titel neu", "Text neu", 3)
