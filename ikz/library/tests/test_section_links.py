"""Every law section the portal links to exists: no 404 behind a § link.

Citations in text ("§ 108 GWB") link only when the section exists (references.py), but links
written by hand into rich text – FAQ answers, checklists, templates, project pages – and links
between sections do not check themselves. The test builds the demo content, reads every public
page as an anonymous reader and every law section's linked text, collects each internal link to
/wissen/gesetze/<law>/ and /wissen/gesetze/<law>/<section>/, requests it, and reports each broken
link with the pages it was found on.
"""

import html
import re
from urllib.parse import urljoin, urlparse

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

HREF = re.compile(r"""href\s*=\s*["']([^"']+)["']""", re.I)
LAW_LINK = re.compile(r"^/wissen/gesetze/[a-z0-9-]+/(?:[a-z0-9-]+/)?$")
LIST_PAGES = ["/", "/wissen/", "/wissen/gesetze/", "/projekte/", "/faq/", "/kommunen/", "/hotline/"]


def _own_hosts() -> set[str]:
    return {"", "testserver", "localhost", "127.0.0.1", urlparse(settings.PORTAL_BASE_URL).netloc}


def law_links(markup: str, found_on: str) -> set[str]:
    """Paths of the internal links to laws and sections in `markup` (relative ones resolved)."""
    hosts = _own_hosts()
    links = set()
    for href in HREF.findall(markup):
        url = urlparse(urljoin(found_on, html.unescape(href.strip())))
        if url.scheme not in ("", "http", "https"):
            continue
        if url.netloc not in hosts and "ikz-portal" not in url.netloc:
            continue
        path = url.path if url.path.endswith("/") else url.path + "/"
        if LAW_LINK.match(path) and not path.endswith("/fassungen/"):
            links.add(path)
    return links


def _public_paths() -> list[str]:
    """Every public page of the site tree except the laws (their section lists come from the rows
    themselves), every published project and every Körperschaft, plus the list pages."""
    from wagtail.models import Page

    from ikz.library.models import LawIndexPage, LawPage
    from ikz.municipalities.models import Municipality
    from ikz.projects.models import Project

    paths = list(LIST_PAGES)
    skip = [LawPage, LawIndexPage]
    for page in Page.objects.live().public().filter(depth__gt=1).not_type(*skip):
        url = page.get_url()
        if url:
            paths.append(urlparse(url).path)
    paths += [project.get_absolute_url() for project in Project.objects.published()]
    paths += [m.get_absolute_url() for m in Municipality.objects.all()]
    return list(dict.fromkeys(paths))


def collect_law_links(client, paths: list[str]) -> dict[str, set[str]]:
    """{linked path: pages it was found on} over the pages in `paths` and every live section's text."""
    from ikz.library.models import LawSection
    from ikz.library.references import ReferenceResolver
    from ikz.library.structure import render_law_body

    found: dict[str, set[str]] = {}
    for path in paths:
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for link in law_links(response.content.decode(), path):
            found.setdefault(link, set()).add(path)
    # Cross references between sections, rendered as the section page renders them (without
    # requesting 3,000 pages; the sections' own lists and paging links come from the rows).
    resolver = ReferenceResolver()
    for section in LawSection.objects.filter(live=True, law__live=True).select_related("law"):
        if "§" not in section.body and "Art" not in section.body:
            continue
        markup = render_law_body(section.body, resolver)
        for link in law_links(markup, "/"):
            found.setdefault(link, set()).add(section.url)
    return found


def broken_links(client, found: dict[str, set[str]]) -> dict[str, tuple[int, list[str]]]:
    """{link: (status, pages it is on)} for every collected link that does not answer 200."""
    broken = {}
    for link, pages in sorted(found.items()):
        status = client.get(link).status_code
        if status != 200:
            broken[link] = (status, sorted(pages))
    return broken


def _report(broken: dict[str, tuple[int, list[str]]]) -> str:
    return "\n".join(
        f"- {link} antwortet {status}; verlinkt auf: {', '.join(pages[:5])}"
        + (f" und {len(pages) - 5} weiteren" if len(pages) > 5 else "")
        for link, (status, pages) in broken.items()
    )


def test_every_law_and_section_link_on_a_public_page_answers(client, register, home_page):
    from ikz.hotline.demo import service_demo_setup
    from ikz.library.demo import library_demo_setup
    from ikz.library.models import LawSectionVersion
    from ikz.projects.demo import projects_demo_setup

    library_demo_setup()
    service_demo_setup(home=home_page)
    projects_demo_setup()
    # The demo's own import keeps no sham "earlier Fassung" (excerpts the corpus holds whole).
    assert not LawSectionVersion.objects.exists()

    found = collect_law_links(client, _public_paths())
    # The collection works: the content does link sections, from several kinds of page.
    assert len(found) >= 10, found
    kinds = {page.split("/")[1] for pages in found.values() for page in pages}
    assert {"wissen", "faq"} <= kinds, kinds

    broken = broken_links(client, found)
    assert not broken, "Links auf Paragrafen, die es nicht gibt:\n" + _report(broken)


def test_a_broken_section_link_is_reported_with_its_page(client, library_index, home_page):
    """The check fails where a hand-written link points to a section the library does not have."""
    from ikz.core.models import StandardPage
    from ikz.library.fixtures import corpus_slice
    from ikz.library.importer import import_entries

    import_entries(list(corpus_slice()))

    page = StandardPage(title="Linkprüfung", slug="linkpruefung")
    home_page.add_child(instance=page)
    page.body = [
        (
            "paragraph",
            '<p>Siehe <a href="/wissen/gesetze/gwb/999/">§ 999 GWB</a>, '
            '<a href="../wissen/gesetze/gwb/108/">§ 108 GWB</a> und '
            '<a href="/wissen/gesetze/kein-gesetz/">ein Gesetz</a>.</p>',
        )
    ]
    page.save_revision().publish()

    path = urlparse(page.url).path
    found = collect_law_links(client, [path])
    assert {
        "/wissen/gesetze/gwb/999/",
        "/wissen/gesetze/gwb/108/",
        "/wissen/gesetze/kein-gesetz/",
    } <= set(found)
    broken = broken_links(client, found)
    assert set(broken) == {"/wissen/gesetze/gwb/999/", "/wissen/gesetze/kein-gesetz/"}
    assert broken["/wissen/gesetze/gwb/999/"] == (404, [path])
    assert path in _report(broken) and "antwortet 404" in _report(broken)
