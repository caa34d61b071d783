"""Every script of the portal runs in a browser test that checks what it does on the network.

The checklist's autosave posted to ``…/lauf/1/[object HTMLInputElement]`` for as long as it
existed, because no test ever ran it. ``SCRIPTS`` below maps each JavaScript file to the browser
tests that exercise it; ``test_every_script_is_registered`` fails for a new file that is not
listed, and for a listed test that does not exist or is not a browser test.
"""

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parent.parent

SCRIPTS: dict[str, list[str]] = {
    "ikz/library/static/library/checklist.js": [
        "test_checklist_autosave_posts_to_the_run",
        "test_checklist_colleagues_edit_one_run_at_the_same_time",
        "test_checklist_note_conflict_is_shown_and_resolved",
        "test_checklist_round_trip_unchanged",
    ],
    "ikz/search/static/search/autocomplete.js": [
        "test_autocomplete_requests_suggestions_and_renders_them",
    ],
    "ikz/core/static/core/js/portal.js": [
        "test_portal_autosubmit_sends_the_filter_form",
        "test_portal_scrolls_the_current_section_into_the_phone_navigation",
    ],
}

# Properties of a <form> that a control of the same name shadows (HTML's [LegacyOverrideBuiltIns]).
# Read on anything called *form* (form, input.form, searchForm …); HTMLFormElement.prototype is fine.
SHADOWED = re.compile(
    r"\b\w*form\w*\.(action|method|enctype|encoding|target|elements|submit|requestSubmit|reset)\b",
    re.IGNORECASE,
)


def _scripts() -> set[str]:
    found = set()
    for pattern in ("ikz/*/static/**/*.js", "ikz/*/static/**/*.mjs", "templates/**/*.js"):
        found |= {str(p.relative_to(ROOT)) for p in ROOT.glob(pattern)}
    return found


def _templates() -> list[Path]:
    return [*ROOT.glob("templates/**/*.html"), *ROOT.glob("ikz/*/templates/**/*.html")]


def test_every_script_is_registered():
    scripts = _scripts()
    assert "ikz/library/static/library/checklist.js" in scripts  # the glob finds them at all
    unregistered = scripts - set(SCRIPTS)
    assert not unregistered, (
        f"Script(s) without a browser test: {sorted(unregistered)}. Add a test to tests/test_scripts.py "
        "that drives the script and checks its network effect, and list it in SCRIPTS."
    )
    assert not set(SCRIPTS) - scripts, f"SCRIPTS lists files that are gone: {sorted(set(SCRIPTS) - scripts)}"
    for script, tests in SCRIPTS.items():
        assert tests, script
        for name in tests:
            test = globals().get(name)
            assert callable(test), f"{script}: test {name} does not exist"
            marks = {m.name for m in getattr(test, "pytestmark", [])}
            assert "browser" in marks, f"{script}: {name} is not a browser test"


def test_no_inline_scripts_in_templates():
    """Inline scripts would escape the registry (and the CSP forbids them)."""
    offenders = []
    for template in _templates():
        for match in re.finditer(r"<script\b[^>]*>", template.read_text(encoding="utf-8")):
            if "src=" not in match.group(0):
                offenders.append(str(template.relative_to(ROOT)))
    assert not offenders, offenders


def test_scripts_never_read_shadowable_form_properties():
    """form.action & co. return a control named "action" when the form has one – read attributes."""
    offenders = []
    for script in sorted(_scripts()):
        for number, line in enumerate((ROOT / script).read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("//", 1)[0]
            if SHADOWED.search(code):
                offenders.append(f"{script}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_shadowing_rule_catches_the_original_bug():
    assert SHADOWED.search("const response = await fetch(form.action, {")
    assert SHADOWED.search("input.form.requestSubmit();")
    assert not SHADOWED.search("HTMLFormElement.prototype.requestSubmit.call(form)")
    assert not SHADOWED.search('element.type = "submit";')
    assert not SHADOWED.search("event.target.matches('textarea')")


# --- Browser tests ------------------------------------------------------------------------


def _login(context, live_server, user) -> None:
    from django.test import Client

    client = Client()
    client.force_login(user)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def _page(browser, live_server, user=None):
    context = browser.new_context(locale="de-DE", timezone_id="Europe/Berlin")
    context.set_default_timeout(15_000)
    if user is not None:
        _login(context, live_server, user)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    return page


@pytest.fixture
def pages(browser):
    opened = []

    def open_page(live_server, user=None):
        page = _page(browser, live_server, user)
        opened.append(page)
        return page

    try:
        yield open_page
        for page in opened:
            assert not page.errors, page.errors  # no script threw
    finally:
        for page in opened:
            page.context.close()


@pytest.fixture
def shared_run(library_checklist, member_factory, municipality_factory):
    from ikz.library.services import checklist_run_create, checklist_run_share

    home = municipality_factory("05374016")
    owner = member_factory(
        municipality=home, email="olga@kommune.nrw.example", first_name="Olga", last_name="Eigen"
    )
    colleague = member_factory(
        municipality=home, email="karla@kommune.nrw.example", first_name="Karla", last_name="Kollegin"
    )
    run = checklist_run_create(checklist=library_checklist, user=owner, title="Bauhof Nord")
    checklist_run_share(run=run, user=owner, municipality_id=home.pk)
    url = library_checklist.url + library_checklist.reverse_subpage("run_view", kwargs={"run_id": run.pk})
    steps = list(library_checklist.steps.all())
    return {"run": run, "url": url, "owner": owner, "colleague": colleague, "steps": steps}


def _state(run, step):
    from ikz.library.models import ChecklistStepState

    return ChecklistStepState.objects.filter(run=run, step=step).first()


def _is_autosave(response) -> bool:
    return response.request.method == "POST" and response.request.header_value("x-requested-with") == "fetch"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_checklist_autosave_posts_to_the_run(live_server, pages, shared_run):
    run, steps = shared_run["run"], shared_run["steps"]
    page = pages(live_server, shared_run["owner"])
    page.goto(live_server.url + shared_run["url"])

    with page.expect_response(_is_autosave) as saved:
        page.get_by_label(f"1. {steps[0].title}").check()
    response = saved.value
    assert response.url == live_server.url + shared_run["url"]  # not …/[object HTMLInputElement]
    assert response.status == 200 and response.json()["saved"] is True
    assert _state(run, steps[0]).done

    with page.expect_response(_is_autosave) as saved:
        page.get_by_label("Notiz zu Schritt 2").fill("Rechtsamt fragen")
    assert saved.value.status == 200
    assert _state(run, steps[1]).note == "Rechtsamt fragen"
    expect(page.locator("[data-save-status]")).to_have_text("Gespeichert.")
    expect(page.locator("[data-done-count]")).to_have_text("1")
    expect(page.locator(f'[data-step="{steps[1].pk}"] [data-step-changed]')).to_contain_text(
        "Zuletzt geändert von Olga Eigen am"
    )

    # Session over: the save is refused, nothing is stored, and the page says why.
    page.context.add_cookies([{"name": "sessionid", "value": "abgelaufen", "url": live_server.url}])
    with page.expect_response(_is_autosave) as saved:
        page.get_by_label(f"3. {steps[2].title}").check()
    assert saved.value.status == 302 and "/anmelden/" in saved.value.headers["location"]
    expect(page.locator("[data-save-status]")).to_contain_text("Ihre Anmeldung ist abgelaufen")
    assert _state(run, steps[2]) is None
    expect(page.get_by_label(f"3. {steps[2].title}")).to_be_checked()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_checklist_colleagues_edit_one_run_at_the_same_time(live_server, pages, shared_run):
    """Two members of one Körperschaft, both pages open: every tick and note survives."""
    run, url, steps = shared_run["run"], shared_run["url"], shared_run["steps"]
    olga = pages(live_server, shared_run["owner"])
    karla = pages(live_server, shared_run["colleague"])
    olga.goto(live_server.url + url)
    karla.goto(live_server.url + url)

    with olga.expect_response(_is_autosave):
        olga.get_by_label(f"1. {steps[0].title}").check()
    with karla.expect_response(_is_autosave) as saved:
        karla.get_by_label("Notiz zu Schritt 3").fill("Entwurf liegt beim Rechtsamt")
    assert saved.value.status == 200

    assert _state(run, steps[0]).done and _state(run, steps[0]).changed_by == shared_run["owner"]
    assert _state(run, steps[2]).note == "Entwurf liegt beim Rechtsamt"
    assert _state(run, steps[2]).changed_by == shared_run["colleague"]
    # Karla's page took Olga's tick from the merged answer …
    expect(karla.get_by_label(f"1. {steps[0].title}")).to_be_checked()
    expect(karla.locator(f'[data-step="{steps[0].pk}"] [data-step-changed]')).to_contain_text("Olga Eigen")
    expect(karla.locator("[data-save-status]")).to_contain_text("Änderungen von Kolleginnen oder Kollegen")
    # … and Olga's page shows Karla's note after its next save.
    with olga.expect_response(_is_autosave):
        olga.get_by_label(f"2. {steps[1].title}").check()
    expect(olga.get_by_label("Notiz zu Schritt 3")).to_have_value("Entwurf liegt beim Rechtsamt")
    assert _state(run, steps[1]).done and _state(run, steps[2]).note == "Entwurf liegt beim Rechtsamt"
    expect(olga.locator("[data-conflict]")).to_have_count(0)
    expect(karla.locator("[data-conflict]")).to_have_count(0)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_checklist_note_conflict_is_shown_and_resolved(live_server, pages, axe, shared_run):
    run, url, steps = shared_run["run"], shared_run["url"], shared_run["steps"]
    olga = pages(live_server, shared_run["owner"])
    karla = pages(live_server, shared_run["colleague"])
    olga.goto(live_server.url + url)
    karla.goto(live_server.url + url)

    with olga.expect_response(_is_autosave):
        olga.get_by_label("Notiz zu Schritt 4").fill("Frist: 30. Juni")
    with karla.expect_response(_is_autosave) as saved:
        karla.get_by_label("Notiz zu Schritt 4").fill("Frist: 15. Juli")
    assert saved.value.json()["conflicts"]
    conflict = karla.get_by_role("group", name="Gleichzeitig geändert")
    expect(conflict).to_contain_text("Olga Eigen hat diese Notiz anders gespeichert")
    expect(conflict.locator("blockquote")).to_have_text("Frist: 30. Juni")
    expect(karla.get_by_label("Notiz zu Schritt 4")).to_have_value("Frist: 15. Juli")
    assert _state(run, steps[3]).note == "Frist: 30. Juni"  # nothing overwritten unseen
    axe(karla)

    # A tick elsewhere is saved, the note still waits for Karla's choice.
    with karla.expect_response(_is_autosave):
        karla.get_by_label(f"5. {steps[4].title}").check()
    assert _state(run, steps[4]).done and _state(run, steps[3]).note == "Frist: 30. Juni"

    with karla.expect_navigation():
        conflict.get_by_role("button", name="Meinen Text speichern").click()
    assert _state(run, steps[3]).note == "Frist: 15. Juli"
    assert _state(run, steps[3]).changed_by == shared_run["colleague"]
    expect(karla.get_by_label("Notiz zu Schritt 4")).to_have_value("Frist: 15. Juli")
    expect(karla.locator("[data-conflict]")).to_have_count(0)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_checklist_round_trip_unchanged(live_server, pages, shared_run):
    """Load the run with ticks and multi-line notes, press "Speichern" unchanged: nothing changes."""
    from ikz.library.models import ChecklistRun
    from ikz.library.services import checklist_run_save, run_snapshot

    run, steps = shared_run["run"], shared_run["steps"]
    checklist_run_save(
        run=run,
        user=shared_run["colleague"],
        base=run_snapshot(run),
        mine={f"done:{steps[0].pk}": True, f"note:{steps[0].pk}": "Zeile eins\nZeile zwei  \n„Zitat“ & <b>"},
    )
    before = list(run.states.order_by("pk").values())
    version = ChecklistRun.objects.get(pk=run.pk).version
    page = pages(live_server, shared_run["owner"])
    page.goto(live_server.url + shared_run["url"])
    with page.expect_navigation():
        page.get_by_role("button", name="Speichern", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Ihr Fortschritt ist gespeichert.")
    assert list(run.states.order_by("pk").values()) == before
    assert ChecklistRun.objects.get(pk=run.pk).version == version


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_autocomplete_requests_suggestions_and_renders_them(live_server, pages, search_index):
    page = pages(live_server)
    page.goto(live_server.url + "/suche/")
    box = page.get_by_role("combobox", name="Suchbegriff")
    with page.expect_response(lambda r: urlsplit(r.url).path == "/suche/vorschlaege/") as answered:
        box.fill("Inobhut")
    response = answered.value
    assert response.status == 200
    assert parse_qs(urlsplit(response.url).query) == {"q": ["Inobhut"]}
    suggestions = response.json()["suggestions"]
    assert suggestions
    options = page.get_by_role("option")
    options.first.wait_for()
    assert options.count() == len(suggestions)
    assert suggestions[0]["label"] in options.first.text_content()
    # Choosing a suggestion goes where it points (or searches for it).
    box.press("ArrowDown")
    with page.expect_navigation():
        box.press("Enter")
    target = suggestions[0].get("url") or "/suche/?q="
    assert urlsplit(page.url).path == urlsplit(target).path


PORTAL_FIXTURE = """<!DOCTYPE html><html lang="de"><head><title>Filter</title>
<script type="module" src="/static/core/js/portal.js"></script></head><body>
<form method="get" action="/suche/" data-autosubmit>
  <input type="hidden" name="action" value="filter"><input type="hidden" name="requestSubmit" value="x">
  <label for="kind">Art</label><select id="kind" name="kind"><option value="">alle</option>
  <option value="law">Gesetze</option></select>
  <button type="submit">Filtern</button>
</form></body></html>"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_portal_autosubmit_sends_the_filter_form(live_server, pages):
    """No template marks a form data-autosubmit today; the script still must do what it says.

    The form carries controls named "action" and "requestSubmit", which shadow the form's own
    properties – the script must submit it anyway, to the action's URL.
    """
    page = pages(live_server)
    fixture_url = live_server.url + "/__script-fixture/portal/"
    page.route(fixture_url, lambda route: route.fulfill(body=PORTAL_FIXTURE, content_type="text/html"))
    with page.expect_response(lambda r: r.url.endswith("/static/core/js/portal.js")) as loaded:
        page.goto(fixture_url)
    assert loaded.value.status == 200  # the real file, served by the portal
    with page.expect_request(lambda r: urlsplit(r.url).path == "/suche/") as sent:
        page.get_by_label("Art").select_option("law")
    query = parse_qs(urlsplit(sent.value.url).query)
    assert query["kind"] == ["law"] and query["action"] == ["filter"]
    assert sent.value.method == "GET"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_portal_scrolls_the_current_section_into_the_phone_navigation(live_server, pages, home_page):
    """On a 360 px screen the navigation is one sideways-scrolling row; on /newsletter/ (the last
    section) the script scrolls the row so that the highlighted item is inside it."""
    from ikz.newsletter.models import NewsletterIndexPage

    home_page.add_child(instance=NewsletterIndexPage(title="Newsletter", slug="newsletter"))
    page = pages(live_server)
    page.set_viewport_size({"width": 360, "height": 640})
    with page.expect_response(lambda r: r.url.endswith("/static/core/js/portal.js")) as loaded:
        page.goto(live_server.url + "/newsletter/")
    assert loaded.value.status == 200
    row = page.locator(".main-nav ul")
    current = page.locator('.main-nav a[aria-current="page"]')
    expect(current).to_have_text("Newsletter")
    assert row.evaluate("ul => ul.scrollWidth > ul.clientWidth")  # the row does scroll on a phone
    page.wait_for_function("() => document.querySelector('.main-nav ul').scrollLeft > 0")
    strip, item = row.bounding_box(), current.bounding_box()
    assert strip["x"] <= item["x"] and item["x"] + item["width"] <= strip["x"] + strip["width"] + 1
