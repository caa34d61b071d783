"""The GkG NRW in the library: every section the data file holds is a page with its source and Stand.

The data file (data/law/gkg_nrw_auszug.md) is the single list of what the portal has; its header
names what it holds and what is still missing. These tests keep the file, the pages and the
portal's own citations in step.
"""

import datetime
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from ikz.library.demo import GKG_FILE, law_provenance_sync
from ikz.library.markdown_laws import COMMENT_RE, _header, entries_from_markdown, section_blocks
from ikz.library.models import LawPage
from ikz.library.models.law import section_slug
from ikz.library.references import REFERENCE_RE

ENTRIES = list(entries_from_markdown(GKG_FILE))
LAW_URL = "/wissen/gesetze/gkg-nrw/"


def _numbers(listing: str) -> set[str]:
    """ "§§ 1, 10 Abs. 1–2, 15a – remark" -> {"1", "10", "15a"} (qualifiers and remark dropped)."""
    listing = re.sub(r"Abs\.\s*\d+(?:\s*(?:–|-|und)\s*\d+)?", "", listing.split(" – ", 1)[0])
    return set(re.findall(r"\b\d{1,2}[a-z]?\b", listing))


def test_the_header_lists_exactly_the_sections_of_the_file():
    fields = _header(GKG_FILE.read_text(encoding="utf-8"))
    held = {entry["section"].removeprefix("§ ") for entry in ENTRIES if entry["body"]}
    heading_only = {entry["section"].removeprefix("§ ") for entry in ENTRIES if not entry["body"]}
    assert _numbers(fields["Enthalten"]) == held
    assert _numbers(fields["Nicht enthalten"]) == heading_only, "a section without text is listed as missing"
    assert all(entry["text_note"] for entry in ENTRIES if not entry["body"]), "a missing text says so"
    # Every section of the law has its page (§§ 1–34 with 15a, 15b, 19a, 22a; Gliederung of the Justizportal).
    whole = {str(n) for n in range(1, 35)} | {"15a", "15b", "19a", "22a"}
    assert held | heading_only == whole and not held & heading_only


def test_every_section_names_a_web_source_and_the_stand_that_source_names():
    blocks = section_blocks(GKG_FILE)
    assert set(blocks) == {entry["section"] for entry in ENTRIES}
    for entry in ENTRIES:
        parts = urlsplit(entry["source"])
        assert parts.scheme in ("http", "https") and parts.netloc, entry["section"]
        comments = [c.strip() for c in COMMENT_RE.findall(blocks[entry["section"]])]
        stand = next(c for c in comments if c.startswith("Stand:"))
        if "nicht angegeben" in stand:
            assert "version_date" not in entry, entry["section"]
            continue
        date = datetime.date.fromisoformat(entry["version_date"])
        assert datetime.date(1979, 10, 1) <= date <= datetime.date.today(), entry["section"]
        assert stand.startswith(f"Stand: {entry['version_date']} ("), (
            "the Stand says where the date comes from"
        )


@pytest.mark.django_db
def test_every_section_of_the_file_is_a_page_with_source_link_and_stand(client, library_laws):
    law = LawPage.objects.get(external_id="nrw:gkg_nrw")
    assert law.sections.filter(live=True).count() == len(ENTRIES)
    for entry in ENTRIES:
        slug = section_slug(entry["section"])
        response = client.get(f"{LAW_URL}{slug}/")
        assert response.status_code == 200, entry["section"]
        html = response.content.decode()
        assert f'href="{entry["source"].replace("&", "&amp;")}"' in html, entry["section"]
        if entry.get("version_date"):
            shown = datetime.date.fromisoformat(entry["version_date"]).strftime("%d.%m.%Y")
            assert f"{shown} (Datum, das die Quelle nennt)" in html, entry["section"]
        else:
            assert "von der Quelle nicht angegeben" in html, entry["section"]
        assert "Redaktion:" not in html, "editors' notes of the data file stay out of the page"
        if not entry["body"]:  # known only by its heading: says so and sends to the official text
            assert "Wortlaut fehlt:" in html and 'class="prose law-body"' not in html, entry["section"]
        elif entry["text_note"]:  # copies differ or paragraphs are missing: the reader is told
            assert "Hinweis zur Textfassung:" in html and entry["text_note"][:40] in html, entry["section"]
    index = client.get(LAW_URL).content.decode()
    for entry in ENTRIES:
        assert f'{LAW_URL}{section_slug(entry["section"])}/"' in index
    assert index.count("(Wortlaut noch nicht im Portal)") == sum(1 for entry in ENTRIES if not entry["body"])


@pytest.mark.django_db
def test_law_page_links_its_source_and_shows_its_stand(client, library_laws):
    law_provenance_sync()
    law = LawPage.objects.get(external_id="nrw:gkg_nrw")
    assert urlsplit(law.source).netloc == "justiz-nrw.wolterskluwer-online.de"
    assert law.version_date == datetime.date(2024, 3, 5)
    html = client.get(LAW_URL).content.decode()
    assert f'<a href="{law.source}"' in html, "the law's source is a working link"
    assert "05.03.2024" in html
    assert "von der Quelle nicht angegeben" not in html
    assert "Quelle: https<" not in html and "Quelle: https " not in html and ">https</" not in html


def _faq_text() -> str:
    """The FAQ answers as the portal ships them: the Markdown data file, or the older Python examples."""
    from ikz.faq import demo as faq_demo

    data_file = Path(faq_demo.__file__).resolve().parent / "data" / "faq.md"
    if data_file.exists():
        return data_file.read_text(encoding="utf-8")
    return repr(faq_demo.EXAMPLES)


def _cited_gkg_sections() -> dict[str, set[str]]:
    """First section of every "§ N … GkG NRW" citation and every /wissen/gesetze/gkg-nrw/N/ link in
    the portal's own demo texts, by text."""
    from ikz.library.demo_content import CHECKLISTS, TEMPLATES

    texts = {"checklists": repr(CHECKLISTS), "templates": repr(TEMPLATES), "faq": _faq_text()}
    cited: dict[str, set[str]] = {}
    for name, text in texts.items():
        text = text.replace("\\xa0", " ")
        for match in REFERENCE_RE.finditer(text):
            if match.group("law").replace("\u00a0", " ") == "GkG NRW":
                cited.setdefault(name, set()).add(match.group("first"))
        cited.setdefault(name, set()).update(re.findall(r"/wissen/gesetze/gkg-nrw/([0-9a-z]+)/", text))
    return cited


def test_every_gkg_citation_in_demo_content_and_faq_names_a_section_the_library_has():
    held = {entry["section"].removeprefix("§ ") for entry in ENTRIES}
    cited = _cited_gkg_sections()
    assert cited.get("checklists"), "the checklists cite the GkG NRW; the scan must find them"
    missing = {name: sorted(numbers - held) for name, numbers in cited.items() if numbers - held}
    assert not missing, f"cited but not in data/law/gkg_nrw_auszug.md: {missing}"
