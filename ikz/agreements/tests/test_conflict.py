"""Two people save the same draft at the same time: nothing is overwritten silently (decision 0011)."""

import pytest
from django.urls import reverse

from ikz.agreements.drafting import draft_values
from ikz.agreements.models import Draft

pytestmark = pytest.mark.django_db


def _post(client, draft, values, base, **extra):
    data = {**values, **{f"base_{k}": v for k, v in base.items()}, **extra}
    return client.post(reverse("workshop:agreements:detail", args=[draft.workshop.key, draft.pk]), data)


@pytest.fixture
def pair(client, draft_factory, lead, add_member, member_factory, municipality_factory, django_user_model):
    draft = draft_factory("satzung")
    colleague = member_factory(municipality=municipality_factory("05374020"), email="karla@lindlar.nrw.example",
                               first_name="Karla", last_name="Kollegin")  # fmt: skip
    add_member(draft.workshop, colleague)
    return draft, colleague


def test_the_second_save_of_the_same_field_shows_both_and_keeps_the_input(client, pair, lead):
    draft, colleague = pair
    base = draft_values(draft)  # both opened the page with this
    from django.test import Client

    other = Client()
    other.force_login(colleague)
    assert _post(other, draft, {**base, "seat": "Lindlar"}, base).status_code == 302
    client.force_login(lead)
    mine = {**base, "seat": "Wipperfürth", "cost_sharing": "zu gleichen Teilen"}
    response = _post(client, draft, mine, base)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Der Entwurf wurde inzwischen geändert" in html
    assert "Karla Kollegin" in html
    assert "Wipperfürth" in html and "Lindlar" in html  # both versions side by side
    assert 'value="Wipperfürth"' in html  # the own input stays in the form
    assert "zu gleichen Teilen" in html
    stored = Draft.objects.get(pk=draft.pk)
    assert stored.seat == "Lindlar" and stored.cost_sharing == base["cost_sharing"] and stored.version == 2
    # keep mine: the form now carries the stored state as base, so saving again wins deliberately
    form = response.context["form"]
    resend = {name: form[name].value() or "" for name in form.fields}
    resend["term_years"] = resend["term_years"] or ""
    response = client.post(
        reverse("workshop:agreements:detail", args=[draft.workshop.key, draft.pk]),
        {**resend, "keep_mine": "1"},
    )
    assert response.status_code == 302
    stored = Draft.objects.get(pk=draft.pk)
    assert (stored.seat, stored.cost_sharing, stored.version) == ("Wipperfürth", "zu gleichen Teilen", 3)
    assert stored.versions.count() == 3


def test_take_theirs_puts_the_stored_value_in_the_form_and_shows_the_own_text(client, pair, lead):
    draft, colleague = pair
    base = draft_values(draft)
    from django.test import Client

    other = Client()
    other.force_login(colleague)
    _post(other, draft, {**base, "termination": "Kündigung nur zum Jahresende."}, base)
    client.force_login(lead)
    mine = {**base, "termination": "Kündigung jederzeit mit drei Monaten Frist."}
    response = _post(client, draft, mine, base, take_theirs="1", take="termination")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ihre bisherige Eingabe (nicht gespeichert)" in html
    assert "Kündigung jederzeit mit drei Monaten Frist." in html
    assert response.context["form"]["termination"].value() == "Kündigung nur zum Jahresende."
    assert Draft.objects.get(pk=draft.pk).version == 2


def test_different_fields_are_merged_without_a_conflict(client, pair, lead):
    draft, colleague = pair
    base = draft_values(draft)
    from django.test import Client

    other = Client()
    other.force_login(colleague)
    _post(other, draft, {**base, "seat": "Lindlar"}, base)
    client.force_login(lead)
    assert _post(client, draft, {**base, "start": "1. Juli 2028"}, base).status_code == 302
    stored = Draft.objects.get(pk=draft.pk)
    assert (stored.seat, stored.start, stored.version) == ("Lindlar", "1. Juli 2028", 3)


def test_a_save_into_a_werkstatt_archived_meanwhile_keeps_the_text(client, pair, lead):
    from ikz.workshop import services as workshop_services

    draft, _colleague = pair
    base = draft_values(draft)
    client.force_login(lead)
    page = client.get(reverse("workshop:agreements:detail", args=[draft.workshop.key, draft.pk]))
    assert page.status_code == 200
    workshop_services.workshop_archive(workshop=draft.workshop, by=lead)
    response = _post(client, draft, {**base, "extra": "Mein langer Text"}, base)
    assert response.status_code == 409  # archived: read-only; the input comes back with a German message
    html = response.content.decode()
    assert "Ihre Änderungen sind nicht gespeichert" in html
    assert "Die Werkstatt ist archiviert; sie kann nur noch gelesen werden." in html
    assert "Weitere Bestimmungen" in html and "Mein langer Text" in html
    assert Draft.objects.get(pk=draft.pk).extra == ""


@pytest.mark.django_db(transaction=True)
def test_parallel_saves_of_different_fields_both_survive_as_two_versions(
    draft_factory, lead, member_factory, add_member
):
    import threading

    from django.db import connection

    from ikz.agreements import services

    if connection.vendor == "sqlite":
        pytest.skip("SQLite sperrt die ganze Datenbank; der Wettlauf wird auf PostgreSQL geprüft")
    draft = draft_factory("satzung")
    colleague = member_factory(email="parallel@lindlar.nrw.example")
    add_member(draft.workshop, colleague)
    base = draft_values(draft)
    barrier = threading.Barrier(2)
    errors = []

    def save(user, change):
        try:
            barrier.wait()
            services.draft_save(draft=draft, user=user, base=base, mine={**base, **change})
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(lead, {"seat": "Lindlar"})),
               threading.Thread(target=save, args=(colleague, {"start": "1. Juli 2028"}))]  # fmt: skip
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    stored = Draft.objects.get(pk=draft.pk)
    assert (stored.seat, stored.start, stored.version) == ("Lindlar", "1. Juli 2028", 3)
    assert sorted(stored.versions.values_list("number", flat=True)) == [1, 2, 3]
    assert stored.versions.get(number=3).snapshot["seat"] == "Lindlar"
    assert stored.versions.get(number=3).snapshot["start"] == "1. Juli 2028"
