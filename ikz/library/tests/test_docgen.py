"""The template documents: real styles in DOCX and ODT, a readable PDF, and a page that offers
each format once and shows one Volltext."""

import datetime
import io
import re
import zipfile

import pytest
from defusedxml import ElementTree
from docx import Document as WordDocument
from docx.shared import Mm
from pypdf import PdfReader

from ikz.library.demo_content import TEMPLATES
from ikz.library.docgen import (
    BulletList,
    Document,
    Heading,
    Paragraph,
    Section,
    Signatures,
    Table,
    docx_bytes,
    odt_bytes,
    pdf_bytes,
    placeholders,
)
from ikz.library.docgen.model import NumberedSection
from ikz.library.extraction import extract_text

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCUMENTS = {spec["slug"]: spec["document"] for spec in TEMPLATES}

AGREEMENT = Document(
    title="Öffentlich-rechtliche Vereinbarung über [Aufgabe]",
    subtitle="Beispiel – keine Rechtsberatung",
    blocks=[
        Table(header=["Beteiligte", "vertreten durch"], rows=[["[Name der Gemeinde]", "[Bürgermeisterin]"]]),
        Heading("Präambel"),
        Paragraph("Die Beteiligten wollen gemeinsam handeln."),
        Section(
            "Gegenstand",
            ["Erster Absatz über Straßenunterhaltung.", "Zweiter Absatz.", BulletList(["a", "b"])],
        ),
        Section("Kündigung", ["Nur ein Absatz, daher ohne Nummer."]),
        Section(
            "Kosten", ["Erstens.", "Zweitens:", BulletList(["eins", "zwei"], numbered=True), "Drittens."]
        ),
        Signatures(["[Gemeinde A]", "[Gemeinde B]"]),
    ],
)


def _sections(document: Document) -> list[NumberedSection]:
    return [block for block in document.numbered() if isinstance(block, NumberedSection)]


def _expected_clauses(document: Document) -> list[str]:
    return [
        f"{label} {text}"
        for section in _sections(document)
        for label, text in section.clauses
        if label and isinstance(text, str)
    ]


# --- the model ----------------------------------------------------------------------------------


def test_sections_are_numbered_in_order_and_clauses_restart_in_each():
    sections = _sections(AGREEMENT)
    assert [s.heading for s in sections] == ["§ 1 Gegenstand", "§ 2 Kündigung", "§ 3 Kosten"]
    assert [label for label, _ in sections[0].clauses] == ["(1)", "(2)", ""]  # the list belongs to (2)
    assert [label for label, _ in sections[1].clauses] == [""]  # a single clause has no number
    assert [label for label, _ in sections[2].clauses] == ["(1)", "(2)", "", "(3)"]


def test_placeholders_are_found_in_square_brackets_only():
    assert placeholders("„[Name der Gemeinde]“ nach § 23 Abs. 1 und [Datum]") == [
        "[Name der Gemeinde]",
        "[Datum]",
    ]
    assert placeholders("keine Stelle zum Ausfüllen") == []


# --- DOCX ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", DOCUMENTS)
def test_docx_uses_word_styles_numbering_and_tables(slug):
    document = DOCUMENTS[slug]
    word = WordDocument(io.BytesIO(docx_bytes(document)))
    paragraphs = word.paragraphs
    assert paragraphs[0].style.name == "Title" and paragraphs[0].text == document.title
    headings = [p.text for p in paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    expected_headings = [
        block.heading if isinstance(block, NumberedSection) else block.text
        for block in document.numbered()
        if isinstance(block, NumberedSection | Heading)
    ]
    assert headings == expected_headings and headings
    clauses = [p.text.replace(" \t", " ") for p in paragraphs if p.style.name == "Absatz nummeriert"]
    assert clauses == _expected_clauses(document)
    tables = [block for block in document.blocks if isinstance(block, Table)]
    grids = [t for t in word.tables if t.style is not None and t.style.name == "Table Grid"]
    assert len(grids) == len(tables) >= 1
    for grid, table in zip(grids, tables, strict=True):
        header = grid.rows[0]
        assert [c.text for c in header.cells] == list(table.header)
        assert all(run.bold for cell in header.cells for run in cell.paragraphs[0].runs)
        assert header._tr.trPr.find(f"{W}tblHeader") is not None  # repeated on every page
        assert len(grid.rows) == len(table.rows) + 1
    highlighted = [r.text for p in paragraphs for r in p.runs if r.style.name == "Platzhalter"]
    assert highlighted and all(t.startswith("[") and t.endswith("]") for t in highlighted)


def test_docx_page_language_footer_and_properties():
    word = WordDocument(io.BytesIO(docx_bytes(AGREEMENT)))
    section = word.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    assert word.core_properties.title == AGREEMENT.title
    assert word.core_properties.language == "de-DE"
    lang = word.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}val") == "de-DE"
    footer_xml = section.footer._element.xml
    assert 'w:instr="PAGE"' in footer_xml and 'w:instr="NUMPAGES"' in footer_xml
    bullets = [p.text for p in word.paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["a", "b"]
    enumerated = [p.text for p in word.paragraphs if p.style.name == "Aufzählung nummeriert"]
    assert enumerated == ["1. \teins", "2. \tzwei"]


# --- ODT ----------------------------------------------------------------------------------------


def _odt_parts(data: bytes) -> dict:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist()[0] == "mimetype"
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        return {
            name: ElementTree.fromstring(archive.read(f"{name}.xml"))
            for name in ("content", "styles", "meta")
        }


@pytest.mark.parametrize("slug", DOCUMENTS)
def test_odt_headings_have_named_styles_and_outline_levels(slug):
    document = DOCUMENTS[slug]
    parts = _odt_parts(odt_bytes(document))
    content, styles = parts["content"], parts["styles"]
    named = {s.get(f"{{{NS['style']}}}name"): s for s in styles.iterfind(".//office:styles/style:style", NS)}
    for level in (1, 2):
        heading_style = named[f"Heading_20_{level}"]
        assert heading_style.get(f"{{{NS['style']}}}display-name") == f"Heading {level}"
        assert heading_style.get(f"{{{NS['style']}}}default-outline-level") == str(level)
    headings = content.findall(".//text:h", NS)
    assert headings
    for heading in headings:
        level = heading.get(f"{{{NS['text']}}}outline-level")
        assert heading.get(f"{{{NS['text']}}}style-name") == f"Heading_20_{level}"
    texts = ["".join(h.itertext()) for h in headings]
    assert [t for t in texts if t.startswith("§")] == [s.heading for s in _sections(document)]
    title = content.find(".//office:text/text:p", NS)
    assert title.get(f"{{{NS['text']}}}style-name") == "Title" and "".join(title.itertext()) == document.title
    tables = content.findall(".//table:table", NS)
    expected = sum(isinstance(b, Table | Signatures) for b in document.blocks)
    assert len(tables) == expected >= 1
    clauses = content.findall(".//text:p[@text:style-name='Absatz_20_nummeriert']", NS)
    assert ["".join(p.itertext()) for p in clauses] == _expected_clauses(document)
    spans = content.findall(".//text:span[@text:style-name='Platzhalter']", NS)
    assert spans and all("".join(s.itertext()).startswith("[") for s in spans)


def test_odt_page_language_and_footer():
    parts = _odt_parts(odt_bytes(AGREEMENT))
    styles, meta = parts["styles"], parts["meta"]
    layout = styles.find(".//style:page-layout-properties", NS)
    assert (
        layout.get(f"{{{NS['fo']}}}page-width") == "21cm"
        and layout.get(f"{{{NS['fo']}}}page-height") == "29.7cm"
    )
    default = styles.find(".//style:default-style[@style:family='paragraph']/style:text-properties", NS)
    assert default.get(f"{{{NS['fo']}}}language") == "de" and default.get(f"{{{NS['fo']}}}country") == "DE"
    footer = styles.find(".//style:master-page/style:footer", NS)
    assert (
        footer.find(".//text:page-number", NS) is not None
        and footer.find(".//text:page-count", NS) is not None
    )
    assert meta.find(".//dc:language", NS).text == "de-DE"
    assert meta.find(".//dc:title", NS).text == AGREEMENT.title
    content = parts["content"]
    bullets = content.findall(".//text:list[@text:style-name='Aufzählung']/text:list-item", NS)
    assert ["".join(item.itertext()) for item in bullets] == ["a", "b"]


# --- PDF ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", DOCUMENTS)
def test_pdf_keeps_umlauts_numbers_and_counts_its_pages(slug):
    document = DOCUMENTS[slug]
    reader = PdfReader(io.BytesIO(pdf_bytes(document)))
    pages = [page.extract_text() for page in reader.pages]
    total = len(pages)
    for number, text in enumerate(pages, start=1):
        assert f"Seite {number} von {total}" in text
    text = re.sub(r"\s+", " ", " ".join(pages))
    for line in document.plain_text().splitlines():
        # every word of every paragraph arrives intact (lines may wrap anywhere in between)
        for word in re.findall(r"\w+", line):
            assert word in text, (word, line)
    assert "ä" in text or "ü" in text or "ö" in text
    assert reader.metadata.title == document.title
    assert reader.trailer["/Root"]["/Lang"] == "de-DE"
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("DejaVu" in name for name in fonts)  # embedded, not a Latin-1 core font
    outline = [item["/Title"] for item in reader.outline[1]] if len(reader.outline) > 1 else []
    assert [t for t in outline if t.startswith("§")] == [s.heading for s in _sections(document)]


def test_pdf_prints_typographic_characters_and_page_breaks():
    long = Document(
        title="Verbandssatzung „Wasser & Abwasser“ – Übersicht",
        blocks=[
            Section(f"Abschnitt {n}", ["Größere Straßenschäden …" * 20, "Zweiter Absatz"]) for n in range(12)
        ],
    )
    reader = PdfReader(io.BytesIO(pdf_bytes(long)))
    assert len(reader.pages) >= 3
    text = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert "„Wasser & Abwasser“ – Übersicht" in text and "Größere Straßenschäden …" in text
    assert f"Seite 1 von {len(reader.pages)}" in text


# --- the older (style, text) form and the Volltext ----------------------------------------------


def test_older_block_lists_still_make_styled_documents():
    blocks = [("title", "Mustervereinbarung Bauhof"), ("h", "Gegenstand"), ("p", "Die Gemeinde übernimmt.")]
    word = WordDocument(io.BytesIO(docx_bytes(blocks)))
    assert [(p.style.name, p.text) for p in word.paragraphs] == [
        ("Title", "Mustervereinbarung Bauhof"),
        ("Heading 1", "Gegenstand"),
        ("Normal", "Die Gemeinde übernimmt."),
    ]
    content = _odt_parts(odt_bytes(blocks))["content"]
    assert ["".join(h.itertext()) for h in content.findall(".//text:h", NS)] == ["Gegenstand"]
    assert "Die Gemeinde übernimmt." in PdfReader(io.BytesIO(pdf_bytes(blocks))).pages[0].extract_text()


@pytest.mark.parametrize("writer", [docx_bytes, odt_bytes])
def test_extracted_text_keeps_clause_numbers_apart_from_the_text(writer):
    text = extract_text(writer(AGREEMENT))
    assert "(1) Erster Absatz über Straßenunterhaltung." in text
    assert "§ 3 Kosten" in text and "(3) Drittens." in text


# --- the template page --------------------------------------------------------------------------


@pytest.mark.django_db
def test_template_page_offers_each_format_once_and_one_volltext(
    client, library_index, django_capture_on_commit_callbacks
):
    from ikz.library.demo import _templates
    from ikz.library.models import PublicRelationsPage, TemplatePage

    with django_capture_on_commit_callbacks(execute=True):  # runs the text extraction
        assert _templates(datetime.date.today()) == len(TEMPLATES)
    pages = [*TemplatePage.objects.all(), *PublicRelationsPage.objects.all()]
    assert len(pages) == len(TEMPLATES)
    for page in pages:
        html = client.get(page.url).content.decode()
        downloads = html.split('id="downloads"', 1)[1].split("</section>", 1)[0]
        links = re.findall(r"<a [^>]*download>([^<]+)</a>", downloads)
        assert len(links) == 3
        assert re.fullmatch(r"Word \(DOCX, [\d,.]+\s(KB|Bytes)\)", links[0].replace("\xa0", " ")), links
        assert re.fullmatch(r"OpenDocument-Text \(ODT, [\d,.]+\s(KB|Bytes)\)", links[1].replace("\xa0", " "))
        assert re.fullmatch(r"PDF \([\d,.]+\s(KB|Bytes)\)", links[2].replace("\xa0", " "))
        assert html.count("DOCX") == 1 and html.count("(ODT") == 1
        assert html.count(">Volltext</h2>") == 1 and "Volltext:" not in html
        fulltext = html.split('id="volltext"', 1)[1].split("</section>", 1)[0]
        spec = next(s for s in TEMPLATES if s["slug"] == page.slug)
        assert f"<p>{spec['document'].title}</p>" in fulltext
        for section in _sections(spec["document"]):
            assert f"<h3>{section.heading}</h3>" in fulltext
        for clause in _expected_clauses(spec["document"])[:3]:
            assert f"<p>{clause}</p>" in fulltext


@pytest.mark.django_db
def test_download_label_names_the_format_and_keeps_an_editors_own_label(library_index):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from ikz.library.models.documents import EntryDocument
    from ikz.library.templatetags.library_documents import download_label

    document = get_document_model().objects.create(
        title="Vereinbarung (DOCX)", file=ContentFile(docx_bytes(AGREEMENT), name="v.docx"), file_size=2048
    )
    assert download_label(EntryDocument(document=document, label="DOCX")) == "Word (DOCX, 2,0\xa0KB)"
    assert download_label(EntryDocument(document=document, label="")) == "Word (DOCX, 2,0\xa0KB)"
    assert (
        download_label(EntryDocument(document=document, label="Anlage 1: Kosten"))
        == "Anlage 1: Kosten – Word (DOCX, 2,0\xa0KB)"
    )


def test_fulltext_blocks_make_section_lines_headings():
    from ikz.library.templatetags.library_documents import fulltext_blocks

    text = (
        "Vereinbarung\n§ 1 Gegenstand\n(1) Die Gemeinde übernimmt nach § 23 GkG NRW.\n\n§ 12a Inkrafttreten"
    )
    assert fulltext_blocks(text) == [
        ("p", "Vereinbarung"),
        ("h", "§ 1 Gegenstand"),
        ("p", "(1) Die Gemeinde übernimmt nach § 23 GkG NRW."),
        ("h", "§ 12a Inkrafttreten"),
    ]
