"""Atom feeds (RFC 4287): parsed back and checked for the elements the RFC requires, per task area,
public only, and kept by the page cache until something is published."""

import xml.etree.ElementTree as ET
from datetime import datetime

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def _parse(response) -> ET.Element:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    assert root.tag == f"{ATOM}feed"
    return root


def _check_rfc4287(root: ET.Element, self_url: str) -> list[ET.Element]:
    """The feed-level and entry-level elements RFC 4287 § 4.1.1/4.1.2 requires."""
    assert root.findtext(f"{ATOM}id").strip()
    assert root.findtext(f"{ATOM}title").strip()
    datetime.fromisoformat(root.findtext(f"{ATOM}updated"))
    links = {link.get("rel", "alternate"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links["self"].endswith(self_url), links
    assert "alternate" in links
    feed_author = root.find(f"{ATOM}author")
    entries = root.findall(f"{ATOM}entry")
    ids = []
    for entry in entries:
        ids.append(entry.findtext(f"{ATOM}id"))
        assert entry.findtext(f"{ATOM}title").strip()
        datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
        assert any(link.get("rel", "alternate") == "alternate" for link in entry.findall(f"{ATOM}link"))
        # an author on every entry, or one for the whole feed
        assert feed_author is not None or entry.find(f"{ATOM}author") is not None
    if feed_author is not None:
        assert feed_author.findtext(f"{ATOM}name").strip()
    assert len(ids) == len(set(ids)) and all(ids)
    return entries


def _titles(entries) -> list[str]:
    return [e.findtext(f"{ATOM}title") for e in entries]


@pytest.fixture
def content(project_factory, faq_page_factory, register):
    project_factory(title="Gemeinsamer Bauhof Beispielstadt", task_areas=("bauhof",))
    project_factory(title="Gemeinsame IT Beispielkreis", task_areas=("it-digitalisierung",))
    project_factory(title="Entwurf ohne Freigabe", live=False)
    faq_page_factory(title="Wann braucht eine Vereinbarung eine Genehmigung?")


def test_all_feed_is_valid_atom_with_every_kind(content):
    entries = _check_rfc4287(_parse(Client().get("/feeds/alle.atom")), "/feeds/alle.atom")
    titles = _titles(entries)
    assert "Projekt: Gemeinsamer Bauhof Beispielstadt" in titles
    assert any(t.startswith("Häufige Frage:") for t in titles)
    assert not any("Entwurf ohne Freigabe" in t for t in titles)


@pytest.mark.parametrize("key", ["projekte", "wissen", "faq"])
def test_every_source_feed_is_valid_atom(content, key):
    _check_rfc4287(_parse(Client().get(f"/feeds/{key}.atom")), f"/feeds/{key}.atom")


def test_feeds_of_funding_and_events_when_installed(content):
    from django.apps import apps

    for key, app in (("foerderung", "ikz.funding"), ("veranstaltungen", "ikz.events")):
        if apps.is_installed(app):
            _check_rfc4287(_parse(Client().get(f"/feeds/{key}.atom")), f"/feeds/{key}.atom")


def test_per_task_area(content):
    root = _parse(Client().get("/feeds/projekte.atom?thema=it-digitalisierung"))
    entries = _check_rfc4287(root, "/feeds/projekte.atom?thema=it-digitalisierung")
    assert _titles(entries) == ["Projekt: Gemeinsame IT Beispielkreis"]
    assert "IT und Digitalisierung" in root.findtext(f"{ATOM}title")


def test_unknown_feed_or_task_area_is_404(content):
    assert Client().get("/feeds/gibt-es-nicht.atom").status_code == 404
    assert Client().get("/feeds/alle.atom?thema=gibt-es-nicht").status_code == 404


def test_entry_ids_stay_the_same(content):
    first = [
        e.findtext(f"{ATOM}id") for e in _parse(Client().get("/feeds/projekte.atom")).findall(f"{ATOM}entry")
    ]
    again = [
        e.findtext(f"{ATOM}id") for e in _parse(Client().get("/feeds/projekte.atom")).findall(f"{ATOM}entry")
    ]
    assert first == again and all(i.startswith("tag:") for i in first)


def test_pages_link_their_feed(content, library_index):
    for url, feed in (("/", "/feeds/alle.atom"), ("/projekte/", "/feeds/projekte.atom"), ("/faq/", "/feeds/faq.atom"),
                      (library_index.url, "/feeds/wissen.atom")):  # fmt: skip
        html = Client().get(url).content.decode()
        assert '<link rel="alternate" type="application/atom+xml"' in html and f'href="{feed}"' in html, url


def test_feed_is_cached_and_fresh_after_a_publish(
    content, page_cache, project_factory, django_capture_on_commit_callbacks
):
    client = Client()
    assert client.get("/feeds/projekte.atom")["X-Page-Cache"] == "miss"
    assert client.get("/feeds/projekte.atom")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        project_factory(title="Neu veröffentlichtes Projekt")
    response = client.get("/feeds/projekte.atom")
    assert response["X-Page-Cache"] == "miss"
    assert "Projekt: Neu veröffentlichtes Projekt" in _titles(_parse(response).findall(f"{ATOM}entry"))


def test_a_filtered_list_links_the_feed_of_its_task_area(content, library_index):
    html = Client().get("/projekte/?task_area=it-digitalisierung").content.decode()
    assert 'href="/feeds/projekte.atom?thema=it-digitalisierung"' in html
    html = Client().get(library_index.url + "?bereich=it-digitalisierung").content.decode()
    assert 'href="/feeds/wissen.atom?thema=it-digitalisierung"' in html


def test_pages_that_never_went_through_publishing_come_last_with_a_date(content, faq_index):
    """Laws written by the importer and pages set up by a migration are live without any publishing
    date. They must neither break the feed (Atom needs a date; PostgreSQL sorts NULL first) nor push
    newer content out: they come last, dated 2000-01-01."""
    from ikz.faq.models import FAQPage

    for n in range(3):
        faq_index.add_child(instance=FAQPage(title=f"Ohne Datum {n}", answer="<p>Alt.</p>", live=True))
    assert FAQPage.objects.filter(title__startswith="Ohne Datum", last_published_at__isnull=True).count() == 3
    for url in ("/feeds/alle.atom", "/feeds/faq.atom"):
        titles = _titles(_check_rfc4287(_parse(Client().get(url)), url))
        undated = [i for i, t in enumerate(titles) if "Ohne Datum" in t]
        dated = [i for i, t in enumerate(titles) if "Genehmigung" in t]
        assert undated and dated and max(dated) < min(undated), (url, titles)
    root = _parse(Client().get("/feeds/faq.atom"))
    last = root.findall(f"{ATOM}entry")[-1]
    assert last.findtext(f"{ATOM}updated").startswith("2000-01-01")
