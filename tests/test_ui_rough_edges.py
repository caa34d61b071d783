"""Rough edges a newcomer sees: contrast of the header search, the order of results and filters on a
phone, focus after a failed submit, keyboard scrolling of wide tables, local time in the checklist PDF."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def _rgb(css: str) -> tuple[float, float, float, float]:
    """'rgb(1, 2, 3)' or 'rgba(1, 2, 3, 0.5)' as (r, g, b, alpha)."""
    parts = [float(p) for p in re.findall(r"[\d.]+", css)]
    return (*parts[:3], parts[3] if len(parts) > 3 else 1.0)


def _luminance(rgb) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio of two opaque computed colours."""
    la, lb = sorted((_luminance(_rgb(a)), _luminance(_rgb(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# The colour an element is painted on: its own background or the first opaque one of an ancestor.
EFFECTIVE_BACKGROUND = """el => {
  for (let node = el; node; node = node.parentElement) {
    const bg = getComputedStyle(node).backgroundColor;
    const alpha = bg.startsWith('rgba') ? parseFloat(bg.split(',')[3]) : 1;
    if (alpha > 0) return bg;
  }
  return 'rgb(255, 255, 255)';
}"""


@pytest.fixture
def live_index(transactional_db):
    from ikz.search.corpus import load_corpus
    from ikz.search.fixtures import DATA, extra_entries
    from ikz.search.indexing import index_bulk
    from ikz.search.synonyms import vocabulary_seed

    vocabulary_seed()
    load_corpus(DATA / "sections.jsonl")
    index_bulk(extra_entries())


def test_contrast_ratio_helper():
    assert contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(21.0)
    assert contrast("rgb(255, 255, 255)", "rgba(255, 255, 255, 1)") == pytest.approx(1.0)
    assert contrast("rgb(118, 118, 118)", "rgb(255, 255, 255)") == pytest.approx(4.54, abs=0.01)  # #767676


@pytest.mark.browser
def test_header_autocomplete_and_focus_ring_have_contrast(live_server, page, home_page, live_index):
    page.goto(live_server.url + "/")
    box = page.locator(".site-header").get_by_role("combobox")
    box.focus()
    ring = box.evaluate("el => getComputedStyle(el).outlineColor")
    assert box.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"
    header_bg = page.locator(".site-header").evaluate(EFFECTIVE_BACKGROUND)
    assert contrast(ring, header_bg) >= 3, (ring, header_bg)

    box.fill("Inobhut")
    option = page.locator(".site-header").get_by_role("option").first
    option.wait_for()
    for element in (option, option.locator(".search-option__category")):
        color = element.evaluate("el => getComputedStyle(el).color")
        background = element.evaluate(EFFECTIVE_BACKGROUND)
        assert contrast(color, background) >= 4.5, (color, background)
    box.press("ArrowDown")  # the selected option is drawn inverted; it must stay readable too
    assert option.get_attribute("aria-selected") == "true"
    color = option.evaluate("el => getComputedStyle(el).color")
    assert contrast(color, option.evaluate(EFFECTIVE_BACKGROUND)) >= 4.5


@pytest.fixture
def three_lists(live_index, library_checklist, project_factory, municipality_factory):
    municipality = municipality_factory("05374016")
    for i in range(12):
        project_factory(title=f"Gemeinsamer Bauhof {i}", municipalities=[municipality])
    return {
        "/projekte/": ".proj-cards > li",
        "/wissen/": ".library-layout .card-list > li",
        "/suche/?q=Abwasserbeseitigung+Gemeinde": ".search-hit",
    }


@pytest.mark.browser
def test_results_come_before_the_filters_on_a_phone(live_server, page, axe, three_lists):
    page.set_viewport_size({"width": 360, "height": 740})
    for path, result in three_lists.items():
        page.goto(live_server.url + path)
        first = page.locator(result).first.bounding_box()
        filters = page.locator(".filter-panel")
        assert first["y"] < filters.bounding_box()["y"], path
        assert first["y"] < 1200, (path, first["y"])  # the first hit sits near the top
        # Folded but one tap away, without JavaScript.
        summary = filters.locator("summary")
        expect(summary).to_be_visible()
        assert filters.get_attribute("open") is None
        summary.click()
        assert filters.get_attribute("open") is not None
        expect(filters.locator("h2, h3, legend").first).to_be_visible()
        axe(page)


@pytest.mark.browser
def test_filters_stand_open_beside_the_results_on_a_wide_screen(live_server, page, three_lists):
    page.set_viewport_size({"width": 1280, "height": 900})
    for path, result in three_lists.items():
        page.goto(live_server.url + path)
        filters = page.locator(".filter-panel")
        expect(filters.locator("summary"), path).to_be_hidden()
        expect(filters.locator("h2, h3, legend").first, path).to_be_visible()
        assert filters.bounding_box()["x"] < page.locator(result).first.bounding_box()["x"], path


FOCUSED_SUMMARY = "() => document.activeElement && document.activeElement.id"


@pytest.mark.browser
def test_focus_moves_to_the_error_summary_after_a_failed_submit(
    live_server, page, axe, home_page, user_factory
):
    user_factory(email="fokus@kommune.nrw.example")
    page.goto(live_server.url + "/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill("fokus@kommune.nrw.example")
    page.get_by_label("Passwort").fill("falsch-falsch-falsch")
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state()
    summary = page.locator(".form-errors")
    expect(summary).to_be_visible()
    assert page.evaluate(FOCUSED_SUMMARY) == "fehlerhinweis"  # not the e-mail field Django autofocuses
    axe(page)

    page.goto(live_server.url + "/hotline/")
    page.get_by_role("button", name="Anfrage senden").click()
    page.wait_for_load_state()
    expect(page.locator(".form-errors")).to_be_visible()
    assert page.evaluate(FOCUSED_SUMMARY) == "fehlerhinweis"
    page.keyboard.press("Tab")  # the next Tab goes on into the form, not back to the page top
    assert page.evaluate("() => document.activeElement.closest('form') !== null")


@pytest.mark.browser
def test_memberships_table_scrolls_by_keyboard_on_a_phone(live_server, page, axe, home_page, member_factory):
    from django.test import Client

    user = member_factory(email="schmal@kommune.nrw.example")
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + "/konto/")
    region = page.get_by_role("region", name="Tabelle der Mitgliedschaften (seitlich scrollbar)")
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")  # there is something to scroll
    region.focus()
    assert region.evaluate("el => el === document.activeElement")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("End")
    page.wait_for_function("() => document.querySelector('.table-scroll').scrollLeft > 0")
    axe(page)


def test_checklist_run_pdf_prints_berlin_time(library_checklist, member_factory):
    import datetime
    import io

    from pypdf import PdfReader

    from ikz.library.models import ChecklistRun
    from ikz.library.pdf import checklist_pdf

    owner = member_factory(email="pdf-zeit@kommune.nrw.example")
    run = ChecklistRun.objects.create(checklist=library_checklist, owner=owner, title="Bauhof Nord")
    summer = datetime.datetime(2026, 7, 1, 10, 5, tzinfo=datetime.UTC)  # 12:05 in Berlin (CEST)
    ChecklistRun.objects.filter(pk=run.pk).update(updated_at=summer)
    run.refresh_from_db()
    pdf = checklist_pdf(page=library_checklist, steps=list(library_checklist.steps.all()), run=run)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Stand 01.07.2026 12:05 Uhr" in text
    assert "10:05" not in text


@pytest.mark.browser
def test_save_button_of_a_long_checklist_stays_in_view(
    live_server, page, axe, library_checklist, member_factory
):
    from django.test import Client

    client = Client()
    client.force_login(member_factory(email="lang@kommune.nrw.example"))
    run_url = client.post(library_checklist.url, {"title": "Bauhof Süd"})["Location"]
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.set_viewport_size({"width": 360, "height": 640})
    page.goto(live_server.url + run_url)
    save = page.get_by_role("button", name="Speichern", exact=True)
    document_height = page.evaluate("() => document.documentElement.scrollHeight")
    assert document_height > 2 * 640  # long enough that a button only at the end would be out of sight
    for y in (0, document_height // 3):
        page.evaluate(f"() => window.scrollTo(0, {y})")
        box = save.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= 640, (y, box)
    # A focused field at the bottom of the window is not hidden under the bar.
    last_note = page.locator(".checklist-step textarea").last
    last_note.focus()
    bar = page.locator(".checklist-actions").bounding_box()
    note = last_note.bounding_box()
    assert note["y"] + note["height"] <= bar["y"] or note["y"] >= bar["y"] + bar["height"]
    axe(page)


DEMO_REQUESTS = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
missing = client.get("/gibt-es-nicht/")
css = client.get("/static/core/css/portal.css")
media = client.get("/media/demo-upload.txt")
document = client.get("/media/documents/entwurf.pdf")
print(json.dumps({
    "debug": settings.DEBUG,
    "missing": [missing.status_code, missing.content.decode()],
    "css": [css.status_code, b"".join(css.streaming_content).decode() if css.streaming else css.content.decode()],
    "media": [media.status_code, b"".join(media.streaming_content).decode() if media.status_code == 200 else ""],
    "document": document.status_code,
}))
"""


@pytest.mark.django_db(transaction=False)
def test_demo_settings_show_the_portals_own_404_and_still_serve_static_files(tmp_path):
    """`python3 run.py demo` runs config.settings.dev: no debug page, yet CSS, JS and uploads arrive."""
    import json
    import os
    import subprocess
    import sys

    from django.conf import settings

    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "demo-upload.txt").write_text("hochgeladen", encoding="utf-8")
    (tmp_path / "media" / "documents").mkdir()
    (tmp_path / "media" / "documents" / "entwurf.pdf").write_bytes(b"%PDF-1.4 Entwurf")
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "IKZ_DEBUG", "SECRET_KEY"}}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DATABASE_URL=f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
        IKZ_ENV_FILE="",
    )

    def python(*args):
        result = subprocess.run(  # noqa: S603
            [sys.executable, *args],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    python("manage.py", "migrate", "--no-input", "-v", "0")
    seen = json.loads(python("-c", DEMO_REQUESTS).strip().splitlines()[-1])
    assert seen["debug"] is False
    status, html = seen["missing"]
    assert status == 404
    assert "Seite nicht gefunden" in html and "Startseite" in html  # the portal's page, in German
    assert "URLconf" not in html and "DEBUG = True" not in html  # not Django's debug page
    assert 'href="/static/core/css/portal.css"' in html
    status, css = seen["css"]
    assert status == 200 and "--c-brand" in css
    assert seen["media"] == [200, "hochgeladen"]
    assert seen["document"] == 404  # documents only through the permission-checked view
