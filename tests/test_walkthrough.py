"""A walk through the portal as its readers see it, with the content of the demo.

From the main navigation, one level into each section and one entry of each kind: every page
answers 200 in German, fits a 360 px phone screen, and passes axe (WCAG 2.1 A/AA) once per page
type. Every internal link on the visited pages resolves (a 404 behind a pagination link was found
this way). One page per type keeps the run short; the type is the shape of the address.
"""

import re
from collections import OrderedDict
from urllib.parse import urljoin, urlparse

import pytest
from playwright.sync_api import expect

# No django_db mark: the demo is built once for the module (`demo_site`) and both tests only
# read it through the live server, so neither empties the database behind it.
pytestmark = [pytest.mark.browser]

SKIP_PREFIXES = ("/admin/", "/static/", "/media/", "/suche/", "/api/", "/konto/abmelden/")
MAX_LINK_CHECKS_PER_PAGE = 40


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The content `manage.py setup_demo` creates – the README's demo, every section of the portal
    as a visitor finds it – committed once for this module, and emptied afterwards as a
    transactional test's teardown does."""
    import io

    from django.core.management import call_command

    from ikz.accounts.demo import demo_accounts_create

    with django_db_blocker.unblock():
        try:
            call_command("setup_demo", stdout=io.StringIO())
            yield {role: (email, password) for role, email, password in demo_accounts_create()}
        finally:
            call_command("flush", verbosity=0, interactive=False)


@pytest.fixture(autouse=True)
def _live_server_helper(request, django_db_blocker, demo_site):
    """pytest-django's helper of the same name, without the transactional database it requests
    (whose flush after each test would throw the module's demo away): the live server reads the
    committed demo content."""
    if "live_server" not in request.fixturenames:
        yield
        return
    live_server = request.getfixturevalue("live_server")
    live_server._live_server_modified_settings.enable()
    with django_db_blocker.unblock():
        yield
    live_server._live_server_modified_settings.disable()


def page_type(path: str) -> str:
    """The shape of an address: /wissen/urteile/<slug>/ and /projekte/<id>/<slug>/ are one type each."""
    segments = [s for s in path.split("/") if s]
    if not segments:
        return "start"
    head, depth = segments[0], len(segments)
    if depth == 1:
        return head
    if head == "wissen":
        return f"wissen/{segments[1]}/{depth}"
    if head == "kommunen":
        return f"kommunen/{'kreis' if len(segments[1]) == 5 else 'gemeinde'}"
    if head == "projekte" and not segments[1].isdigit():
        return f"projekte/{segments[1]}"  # meine/, neu/ …: pages of their own
    if head == "newsletter" and segments[1] == "archiv":
        return "newsletter/archiv"
    if head == "partner":
        return f"partner/{'/'.join(s if not s.isdigit() else '<n>' for s in segments[1:])}"
    return f"{head}/{depth}"


def _internal_links(page, base: str, selector: str) -> list[str]:
    hrefs = page.eval_on_selector_all(selector, "els => els.map(e => e.getAttribute('href'))")
    links = []
    for href in hrefs:
        if not href or href.startswith(("#", "mailto:", "tel:")):
            continue
        url = urlparse(urljoin(page.url, href))
        if f"{url.scheme}://{url.netloc}" != base or url.path.startswith(SKIP_PREFIXES):
            continue
        links.append(url.path + (f"?{url.query}" if url.query else ""))
    return list(OrderedDict.fromkeys(links))


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def test_walk_through_every_section(live_server, page, axe, demo_site):
    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base + "/")
    nav = _internal_links(page, base, "nav.main-nav a, .site-footer a")
    assert {
        "/wissen/", "/projekte/", "/partner/", "/kommunen/", "/faq/", "/hotline/", "/newsletter/",
        "/foerderung/", "/veranstaltungen/", "/fragen/", "/ansprechpartner/",
    } <= set(nav)  # fmt: skip

    # The nav pages themselves, then one entry of each type reachable from them (two steps deep
    # under /wissen/: kind → entry → law section), in the order the pages list them.
    queue = [(path, 0) for path in ["/", *nav]]
    visited: dict[str, str] = {}  # type -> first address of that type
    checked: set[str] = set()
    overflowing, broken = [], []
    while queue:
        path, depth = queue.pop(0)
        kind = page_type(path.split("?")[0])
        if "?" in path or kind in visited:
            continue
        response = page.request.get(base + path)
        assert response.status == 200, f"{path}: {response.status}"
        if "text/html" not in response.headers.get("content-type", ""):
            visited[kind] = path  # a download (PDF, template, CSV): 200 is all we ask
            continue
        visited[kind] = path

        page.set_viewport_size({"width": 360, "height": 740})
        assert page.goto(base + path).status == 200, path
        assert page.locator("html").get_attribute("lang") == "de", path
        if _overflow(page) > 0:
            overflowing.append(f"{path} ({_overflow(page)} px)")
        page.set_viewport_size({"width": 1280, "height": 900})
        axe(page)

        links = _internal_links(page, base, "main a")
        for link in [link for link in links if link not in checked][:MAX_LINK_CHECKS_PER_PAGE]:
            checked.add(link)
            status = page.request.get(base + link, max_redirects=3).status
            if status >= 400:
                broken.append(f"{link} (auf {path}): {status}")
        limit = 3 if path.startswith("/wissen/") else 1
        if depth < limit:
            queue.extend((link, depth + 1) for link in links)

    assert not broken, "Kaputte Links:\n" + "\n".join(broken)
    assert not overflowing, "Breiter als 360 px:\n" + "\n".join(overflowing)
    expected = {
        "start", "wissen", "wissen/gesetze/2", "wissen/gesetze/3", "wissen/gesetze/4", "wissen/urteile/3",
        "wissen/literatur/3", "wissen/checklisten/3", "wissen/muster/3", "projekte", "projekte/3",
        "partner", "kommunen", "kommunen/gemeinde", "kommunen/kreis", "faq", "faq/2", "hotline",
        "newsletter", "newsletter/archiv", "newsletter/2", "impressum", "datenschutz", "barrierefreiheit",
        "foerderung", "foerderung/2", "veranstaltungen", "veranstaltungen/2", "fragen", "fragen/2",
        "ansprechpartner", "ansprechpartner/2",
    }  # fmt: skip
    assert expected <= set(visited), f"nicht erreicht: {sorted(expected - set(visited))}"
    assert any(re.search(r"/pdf/$|\.(pdf|docx|odt)$", p) for p in visited.values()), "kein Download geprüft"


def test_member_pages(live_server, page, axe, demo_site):
    """What a Mitglied sees after logging in: account, own projects, the forms to contribute."""
    email, password = next(v for k, v in demo_site.items() if k == "Mitglied")
    page.goto(live_server.url + "/konto/anmelden/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/konto/$"))
    for path in ["/konto/", "/projekte/meine/", "/projekte/neu/", "/partner/", "/partner/suche/neu/"]:
        page.set_viewport_size({"width": 360, "height": 740})
        assert page.goto(live_server.url + path).status == 200, path
        assert _overflow(page) <= 0, f"{path} ist breiter als 360 px"
        page.set_viewport_size({"width": 1280, "height": 900})
        axe(page)
    # The forms' error state is a page of its own for screen readers.
    page.goto(live_server.url + "/projekte/neu/")
    page.click("main form button[type=submit]")
    expect(page.locator(".errorlist").first).to_be_visible()
    axe(page)
