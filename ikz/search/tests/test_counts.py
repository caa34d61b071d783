"""Honest counts (issue 13, item 3): "N Treffer" counts the hits that answer the query, not every
text that shares one word with it; where the ranked candidates run out first, it says "mehr als"."""

import pytest
from bs4 import BeautifulSoup

from ikz.search.documents import IndexEntry

pytestmark = pytest.mark.django_db

QUERY = "Winterdienst Quarzwiesental"


def _entries(both: int, one: int) -> list[IndexEntry]:
    entries = [
        IndexEntry(
            source="test.count", object_id=f"both-{i}", kind="project", title=f"Winterdienst im Quarzwiesental {i}",
            body="Zwei Gemeinden räumen im Quarzwiesental gemeinsam Schnee.",
        )
        for i in range(both)
    ]  # fmt: skip
    entries += [
        IndexEntry(
            source="test.count", object_id=f"one-{i}", kind="law", title=f"§ {i} Straßenreinigung (StrReinG)",
            body="Der Winterdienst umfasst das Räumen und Streuen der Gehwege.", law="StrReinG",
        )
        for i in range(one)
    ]  # fmt: skip
    return entries


def _summary(response) -> str:
    assert response.status_code == 200
    return (
        BeautifulSoup(response.content, "html.parser").select_one(".search-summary").get_text(" ", strip=True)
    )


def test_only_hits_that_answer_are_counted_and_listed(client, search_index):
    from ikz.search.indexing import index_bulk

    index_bulk(_entries(both=2, one=17))
    response = client.get("/suche/", {"q": QUERY})
    assert _summary(response) == f"2 Treffer für „{QUERY}“"
    doc = BeautifulSoup(response.content, "html.parser")
    assert len(doc.select(".search-hit")) == 2
    kinds = doc.select_one("#facet-kind").find_parent("section").get_text(" ", strip=True)
    assert "Projekte (2)" in kinds and "Gesetze" not in kinds  # the facets count the same hits
    link = doc.select_one(".search-weaker a")
    assert link is not None and "alle=1" in link["href"]

    everything = client.get("/suche/" + link["href"])
    count, rest = _summary(everything).split(" ", 1)
    assert int(count) >= 19 and rest == f"Treffer für „{QUERY}“, auch weniger passende"
    assert BeautifulSoup(everything.content, "html.parser").select_one(".search-weaker") is None

    data = client.get("/api/v1/search", {"q": QUERY}).json()
    assert (data["total"], data["total_is_lower_bound"]) == (2, False)
    assert data["count"] == 10  # the list itself is still the best ten


def test_more_than_the_ranked_candidates(client, search_index, monkeypatch):
    from ikz.search import results
    from ikz.search.indexing import index_bulk

    index_bulk(_entries(both=60, one=0))
    data = client.get("/api/v1/search", {"q": QUERY, "limit": "5"}).json()
    assert data["total_is_lower_bound"] is True
    assert data["total"] >= 50
    monkeypatch.setattr(results, "CANDIDATES", 50)
    assert _summary(client.get("/suche/", {"q": QUERY})) == f"Mehr als 50 Treffer für „{QUERY}“"


def test_no_hits(client, search_index):
    assert _summary(client.get("/suche/", {"q": "Xyzzyquux"})) == "Keine Treffer für „Xyzzyquux“."
    data = client.get("/api/v1/search", {"q": "Xyzzyquux"}).json()
    assert (data["count"], data["total"], data["total_is_lower_bound"]) == (0, 0, False)


def test_findable_register_and_service_pages(client, search_index, hueckeswagen):
    """Körperschaften and the service pages are in the index (item 2)."""
    from ikz.search.registry import search_reindex

    search_reindex(source="municipalities.municipality")
    search_reindex(source="service.page")
    data = client.get("/api/v1/search", {"q": "Hückeswagen"}).json()
    assert data["results"][0]["title"] == "Stadt Hückeswagen"
    assert data["results"][0]["url"] == hueckeswagen.get_absolute_url()
    assert data["results"][0]["kind"] == "municipality"
    for query, url in [
        ("Hotline", "/hotline/"),
        ("Partnersuche", "/partner/"),
        ("Kooperationsassistent", "/assistent/"),
    ]:
        found = client.get("/api/v1/search", {"q": query}).json()["results"]
        assert found and found[0]["url"] == url, (query, found[:2])


def test_register_import_puts_the_koerperschaften_into_the_search(client):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("import_municipalities", stdout=out)
    assert "Suchindex: 427 Körperschaften." in out.getvalue()
    found = client.get("/api/v1/search", {"q": "Hückeswagen"}).json()["results"]
    assert found[0]["title"] == "Stadt Hückeswagen"
    again = StringIO()
    call_command("import_municipalities", stdout=again)  # nothing changed: nothing to re-index
    assert "Suchindex" not in again.getvalue()
