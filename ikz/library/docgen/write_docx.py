"""DOCX through python-docx: Word's own styles (Title, Heading 1/2, List Bullet, Table Grid), A4,
German as the document language and a footer with page numbers."""

import io

from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from .model import (
    LINK,
    PLACEHOLDER_PART,
    BulletList,
    Document,
    Heading,
    NumberedSection,
    Paragraph,
    Signatures,
    Table,
    Text,
    spans,
)

FONT = "Arial"  # metric-compatible Liberation Sans stands in where Arial is missing
DARK = RGBColor(0x1F, 0x2A, 0x44)
LINK_COLOR = RGBColor(0x0B, 0x4F, 0x9C)
CLAUSE_STYLE = "Absatz nummeriert"
ENUM_STYLE = "Aufzählung nummeriert"
NOTE_STYLE = "Hinweis"
PLACEHOLDER_STYLE = "Platzhalter"


def _set_language(word, language: str) -> None:
    """Default run properties carry the language: spell checking and hyphenation in German."""
    defaults = word.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)


def _styles(word) -> None:
    styles = word.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for name, size in (("Title", 18), ("Subtitle", 11), ("Heading 1", 13), ("Heading 2", 11.5)):
        style = styles[name]
        style.font.name, style.font.size, style.font.color.rgb = FONT, Pt(size), DARK
        style.font.bold = name != "Subtitle"
        style.font.italic = False
        style.paragraph_format.space_before = Pt(0 if name in ("Title", "Subtitle") else 14)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
        # the theme font would win over the name set above in Word
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attribute), None)
    for name, indent in ((CLAUSE_STYLE, Mm(10)), (ENUM_STYLE, Mm(17))):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        fmt = style.paragraph_format
        fmt.left_indent, fmt.first_line_indent = indent, -Mm(7 if name == ENUM_STYLE else 10)
        fmt.tab_stops.add_tab_stop(indent)
    styles["List Bullet"].paragraph_format.left_indent = Mm(17)
    caption = styles["Caption"]
    caption.font.size, caption.font.bold, caption.font.italic = Pt(10), True, False
    caption.font.color.rgb = DARK
    note = styles.add_style(NOTE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = normal
    note.font.size, note.font.italic, note.font.color.rgb = Pt(9), True, RGBColor(0x44, 0x44, 0x44)
    placeholder = styles.add_style(PLACEHOLDER_STYLE, WD_STYLE_TYPE.CHARACTER)
    placeholder.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _page(word) -> None:
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(25), Mm(20)
    section.left_margin, section.right_margin = Mm(25), Mm(20)


def _field(paragraph, instruction: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"  # shown until the program updates the field
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _footer(word, text: str) -> None:
    paragraph = word.sections[0].footer.paragraphs[0]
    paragraph.style = word.styles["Footer"]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(f"{text} – Seite ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" von ")
    _field(paragraph, "NUMPAGES")
    for run in paragraph.runs:
        run.font.size = Pt(8)


def _hyperlink(paragraph, text: str, url: str) -> None:
    """An external link (python-docx has no API for it): a w:hyperlink around one run, blue and
    underlined (python-docx's default template has no "Hyperlink" character style)."""
    relationship = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relationship)
    run = paragraph.add_run(text)
    run.font.color.rgb, run.font.underline = LINK_COLOR, True
    link.append(run._r)  # moves the run from the paragraph into the link
    paragraph._p.append(link)


def _text(paragraph, text: Text) -> None:
    for kind, part, url in spans(text):
        if kind == LINK:
            _hyperlink(paragraph, part, url)
            continue
        run = paragraph.add_run(part, PLACEHOLDER_STYLE if kind == PLACEHOLDER_PART else None)
        if (
            kind == PLACEHOLDER_PART
        ):  # LibreOffice ignores a character style's highlight; set it on the run too
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _table(word, block: Table) -> None:
    if block.caption:
        caption = word.add_paragraph(style="Caption")
        _text(caption, block.caption)
    table = word.add_table(rows=1, cols=len(block.header), style="Table Grid")
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for cell, text in zip(table.rows[0].cells, block.header, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    _repeat_header(table.rows[0])
    for values in block.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            _text(cell.paragraphs[0], text)
    word.add_paragraph()


def _signatures(word, block: Signatures) -> None:
    table = word.add_table(rows=1, cols=2)
    cells = list(table.rows[0].cells)
    for index, party in enumerate(block.parties):
        if index and index % 2 == 0:
            cells.extend(table.add_row().cells)
        cell = cells[index]
        _text(cell.paragraphs[0], "[Ort], den [Datum]")
        cell.add_paragraph().paragraph_format.space_before = Pt(28)
        cell.add_paragraph("______________________________")
        _text(cell.add_paragraph(), party)


def _bullets(word, block: BulletList) -> None:
    for number, item in enumerate(block.items, start=1):
        if block.numbered:
            _text(word.add_paragraph(f"{number}. \t", style=ENUM_STYLE), item)
        else:
            _text(word.add_paragraph(style="List Bullet"), item)


def docx_document(document: Document) -> bytes:
    word = WordDocument()
    _set_language(word, document.language)
    _styles(word)
    _page(word)
    properties = word.core_properties
    properties.title, properties.author = document.title, document.author
    properties.language, properties.subject = document.language, document.subtitle
    _text(word.add_paragraph(style="Title"), document.title)
    if document.subtitle:
        _text(word.add_paragraph(style="Subtitle"), document.subtitle)
    for block in document.numbered():
        if isinstance(block, NumberedSection):
            word.add_heading(block.heading, level=1)
            for label, clause in block.clauses:
                if isinstance(clause, BulletList):
                    _bullets(word, clause)
                elif label:
                    # text extraction drops the tab; the space keeps "(1) Die" apart
                    _text(word.add_paragraph(f"{label} \t", style=CLAUSE_STYLE), clause)
                else:
                    _text(word.add_paragraph(), clause)
        elif isinstance(block, Heading):
            _text(word.add_heading(level=min(block.level, 2)), block.text)
        elif isinstance(block, Paragraph):
            _text(word.add_paragraph(style=NOTE_STYLE if block.note else None), block.text)
        elif isinstance(block, BulletList):
            _bullets(word, block)
        elif isinstance(block, Table):
            _table(word, block)
        elif isinstance(block, Signatures):
            _signatures(word, block)
    _footer(word, document.footer)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
