"""The portal search finds the programmes (kind "Förderprogramme"), and only published ones."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def _hits(client, query: str) -> list[tuple[str, str]]:
    response = client.get("/suche/", {"q": query})
    assert response.status_code == 200
    doc = BeautifulSoup(response.content, "html.parser")
    return [(a.get_text(" ", strip=True), a["href"]) for a in doc.select(".search-hit a")]


def test_search_finds_the_foerderrichtlinie(client, search_index, ikz_nrw, programme_factory):
    from ikz.search.registry import search_reindex

    hidden = programme_factory("Beispiel Förderrichtlinie Entwurf")
    hidden.unpublish()
    search_reindex(source="funding.fundingprogrammepage")
    search_reindex(source="funding.fundingindexpage")
    hits = _hits(client, "Förderrichtlinie")
    assert any(href == ikz_nrw.url for _, href in hits), hits
    assert not any(href == hidden.url for _, href in hits)
    assert any(href == "/foerderung/" for _, href in _hits(client, "Förderprogramme"))
    from ikz.search.models import SearchDocument

    document = SearchDocument.objects.get(source="funding.fundingprogrammepage", object_id=str(ikz_nrw.pk))
    assert document.kind == "funding" and "175.000 €" in document.body  # the figures are searchable
    assert not SearchDocument.objects.filter(
        source="funding.fundingprogrammepage", object_id=str(hidden.pk)
    ).exists()
