"""The NRW Landesrecht beside the GkG NRW: GO NRW, KrO NRW and VwVfG NRW excerpts (data/law/*.md).

Each data file names in its header what it holds ("Enthalten") and what not; every section carries the
URL of the copy read and the Stand that copy names. These tests keep the header, the sections, the
import (the demo's excerpt step) and the public pages in step.
"""

import datetime
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from ikz.library.demo import DATA
from ikz.library.markdown_laws import (
    COMMENT_RE,
    _header,
    entries_from_markdown,
    law_excerpt_entries,
    section_blocks,
)
from ikz.library.models import LawPage, LawSection
from ikz.library.models.law import Jurisdiction, section_slug

LAW_DIR = DATA / "law"
# file, abbreviation, law key, URL slug, sections the portal's FAQ and checklists rely on
NRW_LAWS = [
    ("go_nrw_auszug.md", "GO NRW", "nrw:go_nrw", "go-nrw", {"107", "107a", "108", "114a"}),
    ("kro_nrw_auszug.md", "KrO NRW", "nrw:kro_nrw", "kro-nrw", {"1", "2"}),
    (
        "vwvfg_nrw_54-62.md",
        "VwVfG NRW",
        "nrw:vwvfg_nrw",
        "vwvfg-nrw",
        {str(n) for n in range(54, 63)},
    ),
]
IDS = [law[1] for law in NRW_LAWS]


def _numbers(listing: str) -> set[str]:
    """ "§§ 1, 2 Abs. 1–3, 107a – remark" -> {"1", "2", "107a"}; qualifiers and remark dropped."""
    listing = re.sub(r"Abs\.\s*\d+(?:\s*(?:–|-|und)\s*\d+)?", "", listing.split(" – ", 1)[0])
    return set(re.findall(r"\b\d{1,3}[a-z]?\b", listing))


def _comments_by_section(path) -> dict[str, list[str]]:
    """The HTML comments of each section of a data file, by label ("§ 107a")."""
    return {
        label: [c.strip() for c in COMMENT_RE.findall(text)] for label, text in section_blocks(path).items()
    }


@pytest.mark.parametrize(("filename", "abbreviation", "key", "slug", "cited"), NRW_LAWS, ids=IDS)
def test_header_lists_exactly_the_sections_of_the_file(filename, abbreviation, key, slug, cited):
    path = LAW_DIR / filename
    fields = _header(path.read_text(encoding="utf-8"))
    entries = list(entries_from_markdown(path))
    held = {entry["section"].removeprefix("§ ") for entry in entries}
    assert _numbers(fields["Enthalten"]) == held
    assert cited <= held, "a section the portal cites is missing from the data file"
    assert fields["Nicht enthalten"].strip(), "the header says what is left out and why"
    assert len({entry["external_id"] for entry in entries}) == len(entries)


@pytest.mark.parametrize(("filename", "abbreviation", "key", "slug", "cited"), NRW_LAWS, ids=IDS)
def test_sections_are_nrw_law_with_source_url_and_the_stand_the_source_names(
    filename, abbreviation, key, slug, cited
):
    path = LAW_DIR / filename
    comments = _comments_by_section(path)
    for entry in entries_from_markdown(path):
        label = entry["section"]
        assert entry["law"] == abbreviation and entry["law_key"] == key, label
        assert Jurisdiction.from_text(entry["jurisdiction"]) == Jurisdiction.NRW, label
        parts = urlsplit(entry["source"])
        assert parts.scheme in ("http", "https") and parts.netloc, label
        assert entry["body"].strip() and "<!--" not in entry["body"], label
        stand = next(c for c in comments[label] if c.startswith("Stand:"))
        if "nicht angegeben" in stand:
            assert "version_date" not in entry, label
            continue
        date = datetime.date.fromisoformat(entry["version_date"])
        assert datetime.date(1994, 1, 1) <= date <= datetime.date.today(), label
        assert stand.startswith(f"Stand: {entry['version_date']} ("), (
            "the Stand says where the date comes from"
        )


@pytest.fixture
def nrw_laws_imported(library_index):
    """The demo's excerpt step: every data/law/*.md through the importer, as library_demo_setup does."""
    import json

    from ikz.library.importer import import_entries

    summary = import_entries(json.dumps(e, ensure_ascii=False) for e in law_excerpt_entries(LAW_DIR))
    assert not summary.errors, summary.errors
    return summary


@pytest.mark.django_db
@pytest.mark.parametrize(("filename", "abbreviation", "key", "slug", "cited"), NRW_LAWS, ids=IDS)
def test_every_listed_section_is_a_page_with_source_link_and_stand(
    client, nrw_laws_imported, filename, abbreviation, key, slug, cited
):
    law = LawPage.objects.get(external_id=key)
    assert law.abbreviation == abbreviation and law.slug == slug
    assert law.jurisdiction == Jurisdiction.NRW
    header_source = re.search(
        r"https?://\S+", _header((LAW_DIR / filename).read_text(encoding="utf-8"))["Quelle"]
    )
    assert law.source == header_source.group(0), "the law links its own source, not a section's"

    entries = list(entries_from_markdown(LAW_DIR / filename))
    assert law.sections.filter(live=True).count() == len(entries)
    index_html = client.get(f"/wissen/gesetze/{slug}/").content.decode()
    for entry in entries:
        section = LawSection.objects.get(external_id=entry["external_id"])
        assert section.source.startswith("http") and section.source == entry["source"]
        url = f"/wissen/gesetze/{slug}/{section_slug(entry['section'])}/"
        assert f'href="{url}"' in index_html, entry["section"]
        response = client.get(url)
        assert response.status_code == 200, entry["section"]
        html = response.content.decode()
        assert entry["heading"] in html
        assert f'href="{entry["source"].replace("&", "&amp;")}"' in html, entry["section"]
        if entry.get("version_date"):
            assert section.version_date == datetime.date.fromisoformat(entry["version_date"])
            assert section.version_date.strftime("%d.%m.%Y") in html, entry["section"]
        else:
            assert section.version_date is None
            assert "nicht angegeben" in html, entry["section"]
        for remark in ("Redaktion:", "gelesen in der Archivkopie", "Fußnotenverweis"):
            assert remark not in html, f"file comments stay out of the page: {remark}"


@pytest.mark.django_db
def test_law_pages_and_cited_sections_render(client, nrw_laws_imported):
    index = client.get("/wissen/gesetze/").content.decode()
    for _filename, abbreviation, _key, slug, cited in NRW_LAWS:
        assert f'href="/wissen/gesetze/{slug}/"' in index, abbreviation
        page = client.get(f"/wissen/gesetze/{slug}/")
        assert page.status_code == 200 and abbreviation in page.content.decode()
        for number in cited:
            assert client.get(f"/wissen/gesetze/{slug}/{number}/").status_code == 200, (abbreviation, number)
    # The GkG NRW comes from the same import and keeps its pages.
    assert client.get("/wissen/gesetze/gkg-nrw/").status_code == 200
    assert client.get("/wissen/gesetze/gkg-nrw/23/").status_code == 200
    # A section the files do not hold is a 404, not an empty page.
    assert client.get("/wissen/gesetze/go-nrw/999/").status_code == 404


@pytest.mark.django_db
def test_citations_of_the_new_laws_link_to_their_sections(nrw_laws_imported):
    from ikz.library.references import link_references

    html = link_references("Nach § 108 Abs. 1 GO NRW und § 54 VwVfG NRW sowie § 2 KrO NRW.")
    assert 'href="/wissen/gesetze/go-nrw/108/"' in html
    assert 'href="/wissen/gesetze/vwvfg-nrw/54/"' in html
    assert 'href="/wissen/gesetze/kro-nrw/2/"' in html
    # The federal VwVfG stays apart from the Land law.
    assert 'href="/wissen/gesetze/vwvfg-nrw/54/"' not in link_references("§ 54 VwVfG")


def test_go_nrw_keeps_the_structure_of_its_source():
    """Nummern and Buchstaben of § 108 Abs. 1 come out as lists, the paragraph text is complete."""
    from ikz.library.structure import parse_units

    entry = next(e for e in entries_from_markdown(LAW_DIR / "go_nrw_auszug.md") if e["section"] == "§ 108")
    units = parse_units(entry["body"])
    numbers = [u.marker for u in units if u.kind == "number"]
    assert numbers[:10] == [f"{n}." for n in range(1, 11)]
    assert [u.marker for u in units if u.kind == "absatz"] == [f"({n})" for n in range(1, 8)]
    assert entry["body"].rstrip().endswith("auf einen bestimmten Betrag beschränkt ist.")


def _cited_nrw_sections(text: str) -> dict[str, set[str]]:
    """First section of every "§ N … GO NRW/KrO NRW/VwVfG NRW" citation and every link to such a
    section (/wissen/gesetze/go-nrw/108/), by URL slug of the law."""
    from ikz.library.references import REFERENCE_RE

    by_abbreviation = {abbreviation: slug for _f, abbreviation, _k, slug, _c in NRW_LAWS}
    text = text.replace("\\xa0", " ").replace("\u00a0", " ")
    cited: dict[str, set[str]] = {}
    for match in REFERENCE_RE.finditer(text):
        slug = by_abbreviation.get(match.group("law"))
        if slug and match.group("prefix").startswith("§"):
            cited.setdefault(slug, set()).add(match.group("first"))
    for slug, number in re.findall(r"/wissen/gesetze/(go-nrw|kro-nrw|vwvfg-nrw)/([0-9a-z]+)/", text):
        cited.setdefault(slug, set()).add(number)
    return cited


def test_the_citation_scan_finds_citations_and_links():
    cited = _cited_nrw_sections(
        "nach § 108 Abs. 1 Nr. 6 GO NRW, [§ 54](/wissen/gesetze/vwvfg-nrw/54/) und § 54 VwVfG"
    )
    assert cited == {"go-nrw": {"108"}, "vwvfg-nrw": {"54"}}


def test_every_go_kro_vwvfg_nrw_section_the_portal_cites_is_in_the_library():
    """FAQ answers, checklists and templates may only cite or link sections the data files hold."""
    from ikz.faq import demo as faq_demo
    from ikz.library.demo_content import CHECKLISTS, TEMPLATES

    faq_file = Path(faq_demo.__file__).resolve().parent / "data" / "faq.md"
    texts = {"checklists": repr(CHECKLISTS), "templates": repr(TEMPLATES)}
    if faq_file.exists():
        texts["faq"] = faq_file.read_text(encoding="utf-8")
    held = {
        slug: {e["section"].removeprefix("§ ") for e in entries_from_markdown(LAW_DIR / filename)}
        for filename, _a, _k, slug, _c in NRW_LAWS
    }
    missing = {
        (name, slug): sorted(numbers - held[slug])
        for name, text in texts.items()
        for slug, numbers in _cited_nrw_sections(text).items()
        if numbers - held[slug]
    }
    assert not missing, f"cited but not in data/law: {missing}"
