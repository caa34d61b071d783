"""The best hit lends a share of its score to the sections of its own law that it cites."""

import pytest

from ikz.search import selectors
from ikz.search.documents import IndexEntry
from ikz.search.indexing import index_bulk
from ikz.search.links import section_references
from ikz.search.results import search_results


def test_citations_in_the_own_law_are_found_in_order_without_repeats():
    text = (
        "Öffentliche Auftraggeber im Sinne des § 99 Nummer 1 bis 3 und des § 103 Absatz 1; "
        "nach § 99 Nummer 4 und § 5 dieses Gesetzes; § 7 GWB gilt entsprechend."
    )
    assert section_references(text, "GWB") == ["99", "103", "5", "7"]


@pytest.mark.parametrize(
    "text",
    [
        "Die Umsatzsteuer nach § 2 UStG bleibt unberührt.",
        "§ 14 des Vierten Buches Sozialgesetzbuch gilt.",
        "Soweit § 12 Abs. 2 Satz 1 SGB X nichts anderes bestimmt.",
        "Nach § 3 Absatz 2 der Vergabeverordnung.",
    ],
)
def test_citations_of_other_laws_are_left_out(text):
    assert section_references(text, "GWB") == []


def test_a_section_range_counts_with_its_first_section_and_the_number_is_bounded():
    assert section_references("Die §§ 54 bis 62 sind anzuwenden.", "VwVfG") == ["54"]
    many = " ".join(f"§ {n}," for n in range(1, 30))
    assert len(section_references(many, "X")) == 6


def _law(number: str, heading: str, body: str) -> IndexEntry:
    return IndexEntry(
        source="test.law",
        object_id=number,
        kind="law",
        title=f"§ {number} {heading} (BspG)",
        body=body,
        external_id=f"test:bspg:§{number}",
        law="BspG",
    )


@pytest.fixture
def small_law(db):
    index_bulk(
        [
            _law("1", "Begriffe", "Ein Verbund im Sinne dieses Gesetzes ist jede Vereinigung zweier Träger."),
            _law(
                "2",
                "Freistellung",
                "Die Sonderfreistellung gilt für Verbünde nach § 1 Absatz 2. "
                "§ 3 des Musterverwaltungsgesetzes bleibt unberührt.",
            ),
            _law("3", "Anzeige", "Die Träger zeigen die Vereinigung der Aufsicht an."),
        ]
    )
    selectors._stats["at"] = 0.0


def test_the_definition_the_best_hit_cites_follows_it(small_law, monkeypatch):
    found = [item.external_id for item in search_results("Sonderfreistellung", limit=10).items]
    # § 1 does not contain the word but defines what § 2 depends on; § 3 shares the number of
    # a section of another law and is not meant.
    assert found == ["test:bspg:§2", "test:bspg:§1"]
    monkeypatch.setattr(selectors, "REFERENCE_SHARE", 0.0)
    assert [item.external_id for item in search_results("Sonderfreistellung", limit=10).items] == [
        "test:bspg:§2"
    ]
