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
