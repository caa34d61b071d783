"""No curation remark of the Redaktion reaches a public page.

The packaged rulings and literature were collected with remarks on gaps and source quality
("ECLI … (daher null)", "nicht verifiziert", "Inhalt nicht eingesehen …"). They belong in the
editors-only field `editorial_note`; the public fields carry only what a reader should read.
The scan builds the demo content, visits every public page as an anonymous reader and fails on
any marker of an internal note. The markers are checked against the remarks as they were once
shown, so the list cannot quietly be tuned until the scan passes.
"""

import html
import re
from collections import deque
from urllib.parse import urljoin, urlparse

import pytest

pytestmark = pytest.mark.django_db

# Phrases of internal notes: curation remarks, developer markers, placeholder text.
MARKERS = [
    re.compile(pattern, flags)
    for pattern, flags in [
        (r"daher\s+(?:url\s+)?null", re.I),
        (r"nicht\s+verifiziert", re.I),
        (r"nicht\s+eingesehen", re.I),
        (r"beschreibende\s+Bezeichnung", re.I),
        (r"in\s+keiner\s+gelesenen\s+Quelle", re.I),
        (r"nur\s+als\s+(?:Literaturangabe|Fußnotenzitat)\s+belegt", re.I),
        (r"Drittanbieter-(?:Kopie|Archiv)", re.I),
        (r"vor\s+Veröffentlichung", re.I),
        (r"Vermutung\s+aus\s+Thema", re.I),
        (r"\bKurator(?:in|en|innen)?\b", re.I),
        (r"\bcuration\b", re.I),
        (r"editorial_note", re.I),
        (r"lorem\s+ipsum", re.I),
        (r"\bTODO\b", 0),
        (r"\bFIXME\b", 0),
        (r"\bXXX\b", 0),
    ]
]

# The remarks as the library pages showed them before they moved to `editorial_note`.
FORMERLY_SHOWN = [
    "Der gebräuchliche Name 'Stadtreinigung Hamburg' und die ECLI wurden in keiner gelesenen "
    "Quelle bestätigt (daher null).",
    "Aktenzeichen des OLG-Vorlagebeschlusses nicht verifiziert.",
    "ECLI des Urteils in keiner gelesenen Quelle gesehen (daher null).",
    "Entscheidungsdatum und -art nicht verifiziert; Bericht juve.de vom 03.03.2021 nennt 'Az. VII Verg 25/18'.",
    "Aktenzeichen in keiner gelesenen Quelle gesehen (daher null).",
    "Amtlicher Betreff und Geschäftszeichen nicht eingesehen; 'title' ist daher eine beschreibende "
    "Bezeichnung, kein amtlicher Titel.",
    "Inhalt nicht eingesehen – nur als Literaturangabe belegt.",
    "Gelesene Seiten sind Drittanbieter-Kopien; daher url null – vor Veröffentlichung Verlagslink ergänzen.",
    "Verlag nicht verifiziert.",
    "Heft 2/2017 nur aus dem URL-Pfad abgeleitet; Name der Zeitschrift und Seitenzahlen nicht verifiziert.",
]

SKIP_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/static/",
    "/media/",
    "/api/",
    "/documents/",
    "/konto/abmelden/",
)
LIST_PAGES = ["/", "/wissen/", "/projekte/", "/faq/", "/kommunen/", "/hotline/", "/newsletter/", "/partner/"]
HREF = re.compile(r"""href\s*=\s*["']([^"'#]+)""", re.I)
LAW_SECTION = re.compile(r"^/wissen/gesetze/[^/]+/[^/]+/$")


def visible_text(markup: str) -> str:
    """What a reader sees or hears: text, titles and alt/aria labels, without scripts and styles."""
    markup = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", markup)
    attributes = " ".join(
        m.group(2)
        for m in re.finditer(r"""(?i)\b(title|alt|aria-label|content|placeholder)="([^"]*)\"""", markup)
    )
    text = re.sub(r"(?s)<[^>]+>", " ", markup)
    return html.unescape(f"{text} {attributes}")


def markers_in(text: str) -> list[str]:
    return [m.group(0) for pattern in MARKERS for m in pattern.finditer(text)]


def test_markers_catch_every_remark_that_was_once_shown():
    for remark in FORMERLY_SHOWN:
        assert markers_in(remark), remark
    assert markers_in(
        visible_text("<p>Hinweis: &#x27;title&#x27; ist daher eine beschreibende Bezeichnung</p>")
    )
    assert markers_in(visible_text('<img alt="TODO: Karte beschriften" src="x.png">'))
    assert not markers_in(visible_text("<script>// TODO</script><p>Beistandsleistungen nach § 2b UStG</p>"))


def test_packaged_remarks_sit_in_the_editorial_field_only():
    """Every formerly shown remark is kept for the Redaktion, and no public field of the data has one."""
    from ikz.library.demo import packaged_entries

    entries = packaged_entries("ruling") + packaged_entries("literature")
    notes = " ".join(entry.get("editorial_note") or "" for entry in entries)
    for remark in FORMERLY_SHOWN:
        assert remark in notes, remark
    for entry in entries:
        public = {k: v for k, v in entry.items() if k not in ("editorial_note", "sources", "verified_from")}
        assert not markers_in(str(public)), (entry["id"], markers_in(str(public)))


def _public_paths(start: list[str]) -> list[str]:
    """Every page of the site tree, every project and every Körperschaft, plus the list pages."""
    from wagtail.models import Page

    from ikz.municipalities.models import Municipality
    from ikz.projects.models import Project

    paths = list(start)
    for page in Page.objects.live().public().filter(depth__gt=1).specific():
        url = page.get_url()
        if url:
            paths.append(urlparse(url).path)
    paths += [project.get_absolute_url() for project in Project.objects.published()]
    paths += [m.get_absolute_url() for m in Municipality.objects.all()]
    return paths


def crawl(client, start: list[str], limit: int = 2500) -> tuple[set[str], dict[str, list[str]]]:
    """Fetch start and every internal page linked from a fetched page: (pages read, {path: markers})."""
    seen, read, found = set(), set(), {}
    queue = deque(start)
    while queue and len(seen) < limit:
        path = queue.popleft()
        if path in seen or path.startswith(SKIP_PREFIXES):
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        read.add(path)
        markup = response.content.decode()
        hits = markers_in(visible_text(markup))
        if hits:
            found[path] = hits
        for href in HREF.findall(markup):
            url = urlparse(urljoin(path, html.unescape(href.strip())))
            if url.netloc and url.netloc != "testserver" or not url.path.startswith("/"):
                continue
            # Query variants only for paging; law sections are read from the tree, not all 10,000.
            if url.query and not re.fullmatch(r"(?:seite|page)=\d+", url.query):
                continue
            if LAW_SECTION.match(url.path) and url.path not in start:
                continue
            queue.append(url.path + (f"?{url.query}" if url.query else ""))
    return read, found


def test_no_public_page_shows_an_internal_note(client, register, home_page):
    from ikz.hotline.demo import service_demo_setup
    from ikz.library.demo import library_demo_setup
    from ikz.library.models import LiteraturePage, RulingPage
    from ikz.projects.demo import projects_demo_setup

    library_demo_setup()
    service_demo_setup(home=home_page)
    projects_demo_setup()

    # The remarks were carried over by the importer, not dropped.
    stadtreinigung = RulingPage.objects.get(external_id="eugh-c-480-06")
    assert "daher null" in stadtreinigung.editorial_note
    assert "daher null" not in stadtreinigung.notes
    assert LiteraturePage.objects.exclude(editorial_note="").count() >= 15

    read, found = crawl(client, _public_paths(LIST_PAGES))
    assert found == {}
    entries = {e.url for m in (RulingPage, LiteraturePage) for e in m.objects.live()}
    assert len(entries) >= 35 and entries <= read
    assert any("seite=2" in path for path in read), "pagination of a list page was not followed"
    assert any(path.startswith("/projekte/") and path.count("/") >= 4 for path in read)
    assert any(path.startswith("/faq/") and path.count("/") >= 3 for path in read)

    # The public pages of the entries with a note: none shows it, verbatim or by marker.
    for model in (RulingPage, LiteraturePage):
        for entry in model.objects.live().exclude(editorial_note=""):
            text = visible_text(client.get(entry.url).content.decode())
            assert entry.editorial_note not in text, entry.url

    # The scan fails where a remark is shown: put one back into the public field.
    stadtreinigung.notes = stadtreinigung.editorial_note
    stadtreinigung.save_revision().publish()
    assert crawl(client, [stadtreinigung.url], limit=1)[1] != {}


def test_importer_keeps_the_note_for_editors_only(client, library_index, editor):
    """A JSON Lines import carries `editorial_note`; the admin shows it, the public page does not."""
    import json

    from ikz.library.importer import import_entries
    from ikz.library.models import LiteraturePage, RulingPage

    note_ruling = "ECLI in keiner gelesenen Quelle gesehen (daher null)."
    note_literature = "Inhalt nicht eingesehen – nur als Literaturangabe belegt."
    lines = [
        {
            "kind": "ruling",
            "external_id": "r-note",
            "court": "EuGH",
            "file_number": "C-1/99",
            "notes": "Öffentlich.",
            "editorial_note": note_ruling,
        },
        {
            "kind": "literature",
            "external_id": "l-note",
            "title": "Ein Aufsatz",
            "note": "Öffentlich.",
            "editorial_note": note_literature,
        },
    ]
    summary = import_entries(json.dumps(line, ensure_ascii=False) for line in lines)
    assert summary.errors == [] and summary.created == 2
    for model, note in ((RulingPage, note_ruling), (LiteraturePage, note_literature)):
        entry = model.objects.get()
        assert entry.editorial_note == note
        public = client.get(entry.url).content.decode()
        assert "Öffentlich." in public and note not in html.unescape(public)
        client.force_login(editor)
        admin = html.unescape(client.get(f"/admin/pages/{entry.pk}/edit/").content.decode())
        assert "Redaktionelle Notiz (intern)" in admin and note in admin
        client.logout()
