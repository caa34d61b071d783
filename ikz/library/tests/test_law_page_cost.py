"""A law page with hundreds of sections (issue 12): its section list comes 100 at a time, read once
per content version, with no query per section – and shows a changed section at once."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ikz.core import versioned_cache
from ikz.core.pagecache import invalidation
from ikz.library.importer import import_entries
from ikz.library.models import LawPage, LawSection
from ikz.library.models.law import SECTIONS_PER_PAGE

pytestmark = pytest.mark.django_db

LAW_URL = "/wissen/gesetze/testg-nrw/"
LINK = re.compile(r'<li id="s-([a-z0-9-]+)"><a href="/wissen/gesetze/testg-nrw/([a-z0-9-]+)/">([^<]+)</a>')


@pytest.fixture
def law(library_index) -> LawPage:
    line = {
        "kind": "law", "external_id": "nrw:testg:§1", "law": "TestG NRW", "jurisdiction": "Land NRW",
        "section": "§ 1", "heading": "Zweck", "body": "(1) Ein Satz.", "source": "https://example.org/testg",
        "version_date": "2024-01-02",
    }  # fmt: skip
    assert not import_entries([json.dumps(line)]).errors
    return LawPage.objects.get(external_id="nrw:testg")


def add_sections(law: LawPage, numbers: range) -> None:
    LawSection.objects.bulk_create(
        LawSection(
            law=law, label=f"§ {n}", slug=str(n), heading=f"Überschrift {n}", body="" if n % 7 == 0 else "(1) Text.",
            text_note="Fehlt." if n % 7 == 0 else "", external_id=f"nrw:testg:§{n}", sort_order=n, live=True,
        )
        for n in numbers
    )  # fmt: skip


def get(client, path: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured), response.content.decode()


def commit_pending_writes() -> None:
    """The content version renewed as the commit of the test's writes would renew it."""
    invalidation.fire_pending_writes(connection.alias)


def test_law_page_queries_do_not_grow_with_its_sections(client, law):
    add_sections(law, range(2, 6))
    client.get(LAW_URL)
    before, html = get(client, LAW_URL)
    assert len(LINK.findall(html)) == 5
    add_sections(law, range(6, 400))
    after, html = get(client, LAW_URL)
    assert len(LINK.findall(html)) == SECTIONS_PER_PAGE
    assert after == before
    last, html = get(client, f"{LAW_URL}?seite=4")
    assert len(LINK.findall(html)) == 399 - 3 * SECTIONS_PER_PAGE
    assert last == before


def test_every_section_is_listed_once_across_the_pages_with_its_anchor(client, law):
    add_sections(law, range(2, 251))
    listed = []
    for number in (1, 2, 3):
        _n, html = get(client, f"{LAW_URL}?seite={number}")
        for anchor, slug, label in LINK.findall(html):
            assert anchor == slug and label == f"§ {slug}"
            listed.append(slug)
        assert f"Seite {number} von 3" in html
    assert listed == [str(n) for n in range(1, 251)]
    # The pages are named by their first and last section; the current one is marked.
    _n, html = get(client, f"{LAW_URL}?seite=2")
    assert '<span aria-current="page">§ 101 bis § 200</span>' in html
    assert '<a href="?seite=1">§ 1 bis § 100</a>' in html and '<a href="?seite=3">§ 201 bis § 250</a>' in html
    assert '<a href="?seite=3" rel="next">Weiter</a>' in html
    # Every listed section answers; an empty text says so in the list.
    assert html.count("(Wortlaut noch nicht im Portal)") == len([n for n in range(101, 201) if n % 7 == 0])
    for slug in ("101", "154", "200"):
        assert client.get(f"{LAW_URL}{slug}/").status_code == 200
    # A page number out of range or not a number shows the last or first page, never an error.
    assert "§ 250" in get(client, f"{LAW_URL}?seite=99")[1]
    assert LINK.findall(get(client, f"{LAW_URL}?seite=zwei")[1])[0][1] == "1"


def test_a_short_law_has_no_page_navigation(client, law):
    add_sections(law, range(2, 20))
    _n, html = get(client, LAW_URL)
    assert len(LINK.findall(html)) == 19
    assert "Seite 1 von" not in html and "?seite=" not in html


def test_section_list_is_cached_until_a_section_changes(client, law):
    add_sections(law, range(2, 150))
    commit_pending_writes()
    client.get(LAW_URL)
    first, html = get(client, LAW_URL)
    again, cached = get(client, LAW_URL)
    assert cached == html and again == first
    versioned_cache.clear()
    rebuilt, _html = get(client, LAW_URL)
    assert rebuilt > again  # the sections and their Stand were read from memory
    assert "Überschrift 7" in html and "Neue Überschrift" not in html

    LawSection.objects.filter(law=law, slug="7").update(heading="Neue Überschrift", body="(1) Jetzt da.")
    commit_pending_writes()
    _n, html = get(client, LAW_URL)
    assert "Neue Überschrift" in html and "Überschrift 7<" not in html
    assert html.count("(Wortlaut noch nicht im Portal)") == len([n for n in range(2, 101) if n % 7 == 0]) - 1

    # Unpublished (live=False) sections leave the list; the page ranges follow.
    LawSection.objects.filter(law=law, sort_order__lte=60).update(live=False)
    commit_pending_writes()
    _n, html = get(client, LAW_URL)
    assert LINK.findall(html)[0][2] == "§ 61"
    assert "Seite 1 von" not in html  # 89 sections left: one page


def test_a_preview_shows_the_draft_while_the_live_page_is_cached(client, law):
    add_sections(law, range(2, 5))
    commit_pending_writes()
    _n, live = get(client, LAW_URL)
    assert "Entwurf eines Titels" not in live

    law.title = "Entwurf eines Titels"
    preview = law.make_preview_request().content.decode()
    assert "Entwurf eines Titels" in preview and len(LINK.findall(preview)) == 4
    _n, again = get(client, LAW_URL)
    assert again == live
