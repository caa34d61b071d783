"""Every changing save is a new version (author, time, activity entry); versions compare clause by clause."""

import pytest
from django.urls import reverse

from ikz.agreements import services
from ikz.agreements.drafting import draft_values
from ikz.agreements.models import DraftVersion
from ikz.agreements.views import compare_clauses

pytestmark = pytest.mark.django_db


def test_create_and_save_write_versions_with_author_and_an_activity_entry(
    draft_factory, lead, add_member, member_factory, municipality_factory
):
    draft = draft_factory("satzung", seat="")
    first = draft.versions.get()
    assert (first.number, first.author, first.missing) == (1, lead, ["Sitz des Verbandes"])
    colleague = member_factory(
        municipality=municipality_factory("05374020"), first_name="Karla", last_name="Kollegin"
    )
    add_member(draft.workshop, colleague)
    base = draft_values(draft)
    outcome = services.draft_save(draft=draft, user=colleague, base=base, mine={**base, "seat": "Lindlar"})
    assert outcome.saved and outcome.version.number == 2
    second = DraftVersion.objects.get(draft=draft, number=2)
    assert second.author == colleague and second.missing == []
    assert second.snapshot["seat"] == "Lindlar" and first.snapshot["seat"] == ""
    summaries = list(draft.workshop.activities.values_list("summary", flat=True))
    assert (
        "Karla Kollegin hat den Entwurf „Verbandssatzung eines Zweckverbandes (§ 9 GkG NRW)“ geändert (Sitz) – Version 2."
        in summaries
    )
    assert any("hat einen Entwurf angelegt" in s for s in summaries)


def test_saving_unchanged_writes_no_version(draft_factory, lead):
    draft = draft_factory("vertrag")
    base = draft_values(draft)
    outcome = services.draft_save(draft=draft, user=lead, base=base, mine=dict(base))
    assert not outcome.saved
    assert draft.versions.count() == 1


def test_the_werkstatt_page_shows_the_activity_and_links_the_drafts(client, draft_factory, lead):
    draft = draft_factory("satzung")
    client.force_login(lead)
    html = client.get(reverse("workshop:detail", args=[draft.workshop.key])).content.decode()
    assert reverse("workshop:agreements:detail", args=[draft.workshop.key, draft.pk]) in html
    assert "hat einen Entwurf angelegt: Verbandssatzung" in html


def test_compare_clauses_marks_changed_added_and_removed():
    old = [
        {"key": "a", "heading": "Name", "paragraphs": ["Sitz in Hückeswagen."]},
        {"key": "b", "heading": "Weg", "paragraphs": ["Alt <x>."]},
    ]
    new = [{"key": "a", "heading": "Name", "paragraphs": ["Sitz in Lindlar."]},
           {"key": "c", "heading": "Neu", "paragraphs": ["Neu."]}]  # fmt: skip
    rows = compare_clauses(old, new)
    assert [(r["heading"], r["status"]) for r in rows] == [
        ("Name", "geändert"),
        ("Neu", "neu"),
        ("Weg", "entfallen"),
    ]
    changed = rows[0]["paragraphs"][0]
    assert '<del><span class="visually-hidden">[gestrichen: </span>Hückeswagen.<span' in changed
    assert '<ins><span class="visually-hidden">[eingefügt: </span>Lindlar.<span' in changed
    assert "&lt;x&gt;" in rows[2]["paragraphs"][0]  # escaped


def test_the_comparison_page(client, draft_factory, lead):
    draft = draft_factory("satzung")
    base = draft_values(draft)
    services.draft_save(
        draft=draft,
        user=lead,
        base=base,
        mine={**base, "seat": "Lindlar", "extra": "Die Verbandsversammlung tagt zweimal im Jahr."},
    )
    client.force_login(lead)
    url = reverse("workshop:agreements:versions", args=[draft.workshop.key, draft.pk])
    html = client.get(url).content.decode()
    assert 'option value="1" selected' in html and 'option value="2" selected' in html
    response = client.get(url, {"a": "1", "b": "2"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Version 1 und Version 2" in html
    assert "[eingefügt: </span>Lindlar." in html and "[gestrichen: </span>Hückeswagen." in html
    assert 'Weitere Bestimmungen <span class="meta">(neu)</span>' in html
    assert "2 Paragrafen geändert, hinzugekommen oder entfallen" in html
    assert client.get(url, {"a": "1", "b": "7"}).status_code == 400
    assert "zwei vorhandene Versionen" in client.get(url, {"a": "x", "b": "2"}).content.decode()
