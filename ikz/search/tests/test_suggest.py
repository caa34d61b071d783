"""Autocomplete suggests what people mean: titles, Körperschaften, laws and known terms – never the
inflected forms or stems of the index's words (issue 13, item 5)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def _suggest(client, q: str) -> list[dict]:
    response = client.get("/suche/vorschlaege/", {"q": q})
    assert response.status_code == 200
    return response.json()["suggestions"]


def _labels(client, q: str) -> list[str]:
    return [s["label"] for s in _suggest(client, q)]


def test_a_prefix_offers_the_titles_it_begins(client, search_index):
    found = _suggest(client, "Bauh")
    first = found[0]
    assert first == {
        "label": "Gemeinsamer Bauhof der Gemeinden Adorf und Bedorf",
        "category": "Projekt",
        "url": "/projekte/bauhof/",
    }
    # The title's word begins with what was typed – no paragraph that merely ranks for "bau…".
    assert all("bauh" in s["label"].lower() for s in found), found


def test_portal_content_comes_before_law_sections(client, search_index):
    from ikz.search.documents import IndexEntry
    from ikz.search.indexing import index_entry

    index_entry(
        IndexEntry(
            source="test.project", object_id="9", kind="project", title="Öffentliche Toiletten gemeinsam"
        )
    )
    found = _suggest(client, "Öffentl")
    categories = [s["category"] for s in found]
    assert found[0]["label"] == "Öffentliche Toiletten gemeinsam", found
    sections = [s["label"] for s in found if s["category"] == "Paragraf"]
    assert "§ 99 Öffentliche Auftraggeber (GWB)" in sections
    assert categories.index("Paragraf") > categories.index("Projekt")
    zwe = _suggest(client, "Zwe")
    assert "Zweckverband" in [s["label"] for s in zwe if s["category"] == "Suchbegriff"]


def test_no_inflected_forms_or_stems(client, search_index):
    from ikz.search.models import SearchWord

    # The index holds inflected forms of "Umsatz"; none of them is offered, and no bare stem.
    SearchWord.objects.update_or_create(
        word="umsatzes", defaults={"display": "umsatzes", "first": "u", "length": 8, "df": 50}
    )
    labels = _labels(client, "Umsatz")
    assert labels, "nothing offered"
    assert "Umsatzsteuer" in labels
    assert not [label for label in labels if label.lower() in ("umsatzes", "umsatz", "umsatzsteu")]
    for q in ("Umsatz", "Inobhut", "Zwe", "Bauh"):
        assert not [label for label in _labels(client, q) if label == label.lower() and " " not in label], q


def test_a_full_abbreviation_offers_its_meaning(client, search_index):
    assert "Anstalt des öffentlichen Rechts" in _labels(client, "AöR")


def test_law_abbreviation_and_section_title_with_its_law(client, search_index):
    found = _suggest(client, "GW")
    assert {"label": "GWB", "category": "Gesetz", "url": "/suche/?law=GWB&q=GWB"} in found
    sections = [s for s in _suggest(client, "Inobhut") if s["category"] == "Paragraf"]
    assert sections and all(s["label"].endswith("(SGB VIII)") for s in sections)


def test_koerperschaft_by_name(client, search_index, hueckeswagen):
    found = _suggest(client, "Hückes")
    assert found[0] == {
        "label": "Stadt Hückeswagen",
        "category": "Körperschaft",
        "url": hueckeswagen.get_absolute_url(),
    }
    assert _suggest(client, "Hueckes")[0]["label"] == "Stadt Hückeswagen"


def test_earlier_words_narrow_the_titles(client, search_index):
    labels = _labels(client, "Kita Vert")
    assert labels[0] == "Wann brauchen wir für die Kita-Kooperation einen Vertrag?"
    assert "Gemeinsamer Bauhof der Gemeinden Adorf und Bedorf" not in _labels(client, "Kläranlage Bauh")


def test_short_or_hostile_input(client, search_index):
    assert _suggest(client, "x") == []
    for q in ("%%%", "'; DROP TABLE x; --", "\\", "ä" * 200, "^zwe", "_a_"):
        assert isinstance(_suggest(client, q), list)


def test_suggestion_query_count(client, search_index, register):
    """A fixed number of statements whatever the index holds: no query per title or per word."""

    def count(q: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            _suggest(client, q)
        return len(captured.captured_queries)

    few = count("Zwe")
    from ikz.search.fixtures import extra_entries
    from ikz.search.indexing import index_bulk

    more = []
    for i in range(4):
        for entry in extra_entries():
            entry.object_id = f"{entry.object_id}-{i}"
            entry.title = f"Zweckverband {i} {entry.title}"
            more.append(entry)
    index_bulk(more)
    assert count("Zwe") <= few
    assert count("Zwe") <= 12
