import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def facet(doc: BeautifulSoup, name: str) -> dict[str, int]:
    section = doc.select_one(f"#facet-{name}")
    assert section is not None, name
    out = {}
    for li in section.find_parent("section").select("li"):
        text = li.get_text(" ", strip=True)
        label, _, count = text.rpartition("(")
        out[label.strip()] = int(count.rstrip(")"))
    return out


def test_empty_page_explains_the_search(client):
    doc = soup(client.get("/suche/"))
    assert doc.select_one("form[role=search] input[name=q]") is not None


def test_results_with_facet_counts(client, search_index):
    doc = soup(client.get("/suche/", {"q": "Abwasserbeseitigung Gemeinde"}))
    kinds = facet(doc, "kind")
    assert kinds["Projekte"] == 2
    assert kinds["Gesetze und Paragrafen"] >= 1
    assert facet(doc, "regierungsbezirk") == {"Arnsberg": 1, "Detmold": 1}
    years = facet(doc, "year")
    assert years["2023"] == 1 and years["2021"] == 1
    assert doc.select(".search-hit")


def test_facet_filter_narrows_results(client, search_index):
    doc = soup(client.get("/suche/", {"q": "Abwasserbeseitigung Gemeinde", "regierungsbezirk": "Detmold"}))
    titles = [a.get_text() for a in doc.select(".search-hit__title a")]
    assert titles == ["Interkommunale Kläranlage"]
    assert facet(doc, "kind") == {"Projekte": 1}


def test_snippets_are_escaped_and_highlighted(client, search_index):
    from ikz.search.documents import IndexEntry
    from ikz.search.indexing import index_entry

    index_entry(
        IndexEntry(
            source="test.x",
            object_id="9",
            kind="faq",
            title="Skript",
            body="<script>alert(1)</script> Zweckverband",
        )
    )
    response = client.get("/suche/", {"q": "Zweckverband"})
    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;" in response.content
    assert b"<mark>Zweckverband</mark>" in response.content


def test_did_you_mean(client, search_index):
    doc = soup(client.get("/suche/", {"q": "Inobhutnahmme"}))
    assert "Meinten Sie" in doc.select_one(".search-suggestion").get_text()


def test_paging(client, search_index):
    doc = soup(client.get("/suche/", {"q": "Gemeinde Vertrag Kind Wohnung"}))
    nav = doc.select_one("nav.search-pages")
    assert nav is not None and "Seite 1 von" in nav.get_text()
    second = soup(client.get("/suche/", {"q": "Gemeinde Vertrag Kind Wohnung", "seite": "2"}))
    assert second.select_one("ol.search-list")["start"] == "11"


def test_hostile_page_queries(client, search_index):
    for q in ["x" * 10_000, "...", '"*NEAR(', "'; DROP TABLE x; --"]:
        assert client.get("/suche/", {"q": q, "seite": "abc"}).status_code == 200


def test_autocomplete_suggestions(client, search_index):
    data = client.get("/suche/vorschlaege/", {"q": "GW"}).json()
    assert any(s["label"] == "GWB" and s["category"] == "Gesetz" for s in data["suggestions"])
    data = client.get("/suche/vorschlaege/", {"q": "Inobhut"}).json()
    assert any("Inobhutnahme" in s["label"] for s in data["suggestions"])
    assert client.get("/suche/vorschlaege/", {"q": "x"}).json()["suggestions"] == []


def test_only_the_search_fills_the_search_boxes(client, search_index, home_page):
    """Another page's own `query` (the assistant's answers, the FAQ filter) never lands in the
    header's search box; on the search page both boxes carry the search term."""
    header = "#site-search-q"
    doc = soup(client.get("/suche/", {"q": "Zweckverband"}))
    assert doc.select_one(header)["value"] == "Zweckverband"
    assert doc.select_one("#suche-q")["value"] == "Zweckverband"
    for path, params in [
        ("/assistent/ergebnis/", {"aufgabe": "Bauhof", "zustaendigkeit": "durchfuehrung"}),
        ("/assistent/", {"aufgabe": "Bauhof"}),
        ("/kommunen/", {"q": "Düren"}),
    ]:
        response = client.get(path, params)
        assert response.status_code == 200, path
        assert soup(response).select_one(header).get("value", "") == "", path
