"""Ranking behaviours added for the portal tuning set (issue 13, second round), each on a small
fixed corpus: 25 real federal sections (search_index) plus a few portal texts written here."""

import pytest

pytestmark = pytest.mark.django_db

API = "/api/v1/search"


def _ids(client, q: str, limit: int = 10) -> list[str]:
    response = client.get(API, {"q": q, "limit": str(limit)})
    assert response.status_code == 200
    return [r["external_id"] or r["url"] for r in response.json()["results"]]


def _index(*entries) -> None:
    from ikz.search import selectors
    from ikz.search.indexing import index_bulk

    index_bulk(list(entries))
    selectors._stats["at"] = 0.0


def _faq(n: int, title: str, body: str):
    from ikz.search.documents import IndexEntry

    return IndexEntry(
        source="test.faq", object_id=f"r{n}", kind="faq", title=title, url=f"/faq/r{n}/", body=body
    )


@pytest.fixture
def answers_citing_section_108(search_index):
    """Three FAQ answers about a Zweckverband; the best one cites many rules, the two after it
    agree on § 108 GWB, which never says "Zweckverband"."""
    _index(
        _faq(1, "Was bedeutet Vergabe an den eigenen Zweckverband?",
             "Der Zweckverband erhält den Auftrag direkt. Maßgeblich sind § 99 GWB, § 103 GWB, § 108 GWB, "
             "§ 2b UStG, § 54 VwVfG und § 56 VwVfG. Zweckverband und Vergabe gehören zusammen."),
        _faq(2, "Dürfen Private Mitglied im Zweckverband werden?",
             "Ja, aber für die Vergabe an den Zweckverband gilt dann die Grenze des § 108 GWB."),
        _faq(3, "Wie finanziert sich ein Zweckverband bei einer Vergabe?",
             "Über die Umlage; vergibt der Zweckverband selbst, ist er Auftraggeber nach § 108 GWB."),
    )  # fmt: skip


def test_the_rule_several_portal_answers_cite_rises(client, answers_citing_section_108, monkeypatch):
    from ikz.search import selectors

    q = "Zweckverband Vergabe"
    with_all = _ids(client, q, 50)
    assert with_all[0] == "/faq/r1/"
    monkeypatch.setattr(selectors, "PORTAL_REFERENCE_TOP", 1)  # only the best answer lends
    best_only = _ids(client, q, 50)
    assert "bund:gwb:§108" in with_all[:5]
    assert with_all.index("bund:gwb:§108") < best_only.index("bund:gwb:§108")


@pytest.fixture
def supervision_pages(search_index):
    """Six contact pages from one template and the FAQ answer a user asking about supervision wants."""
    from ikz.search.documents import IndexEntry

    districts = ["Kleve", "Mettmann", "Neuss", "Viersen", "Wesel", "Borken"]
    _index(
        *[
            IndexEntry(source="test.contact", object_id=f"c{i}", kind="contact", title=f"Kreis {name} – Kommunalaufsicht",
                       url=f"/ansprechpartner/aufsicht-{i}/",
                       body=f"Die Kommunalaufsicht des Kreises {name} berät die kreisangehörigen Gemeinden.")
            for i, name in enumerate(districts)
        ],
        _faq(9, "Welche Aufsichtsbehörde ist für unsere Kooperation zuständig?",
             "Bei Zweckverbänden kreisangehöriger Gemeinden führt die Landrätin oder der Landrat die Aufsicht "
             "als untere staatliche Verwaltungsbehörde; sonst die Bezirksregierung. Die Kommunalaufsicht "
             "genehmigt Satzung und Vereinbarung, prüft die Haushaltssatzung und berät vor dem Ratsbeschluss."),
    )  # fmt: skip


def test_pages_of_one_template_do_not_flood_the_list():
    from ikz.search.selectors import REGISTER_KEEP, Hit, _register_decay

    # Six supervision pages of one template score alike, just above the FAQ answer.
    hits = [Hit(i, 100.0 - i / 10, kind="contact") for i in range(6)] + [Hit(9, 90.0, kind="faq")]
    ranked = _register_decay(hits)
    assert [h.kind for h in ranked[: REGISTER_KEEP + 1]] == ["contact"] * REGISTER_KEEP + ["faq"]
    assert len(ranked) == 7  # the others stay, further down


def test_register_pages_are_all_still_found(client, supervision_pages):
    ranked = _ids(client, "Kommunalaufsicht kreisangehörige Gemeinden", 20)
    assert "/faq/r9/" in ranked[:3]
    assert sum(1 for i in ranked if i.startswith("/ansprechpartner/")) == 6


def test_everyday_words_for_the_gkg_terms(search_index):
    from ikz.search.synonyms import key_of, synonym_table

    # Shipped in data/synonyms_de.tsv (and seeded into existing databases by migration 0005).
    table = synonym_table()
    for typed, meant in [
        ("Eingemeindung", "Eingliederung"),
        ("Streit", "Schlichtung"),
        ("Austritt", "Ausscheiden"),
    ]:
        assert meant in table[key_of(typed)], (typed, table[key_of(typed)])
