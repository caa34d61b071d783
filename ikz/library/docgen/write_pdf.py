"""PDF through fpdf2 (ikz/library/pdf.py): embedded Unicode font, headings as PDF bookmarks,
hanging indents for numbered clauses, tables, page numbers, title and language in the metadata."""

from fpdf.fonts import FontFace

from ..pdf import FONT, PortalPDF, new_pdf
from .model import (
    LINK,
    PLACEHOLDER_PART,
    TEXT,
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

DARK = (0x1F, 0x2A, 0x44)
PLACEHOLDER = (0x8A, 0x4B, 0x00)  # dark amber, underlined: stands out on screen and in grey print
LINK_COLOR = (0x0B, 0x4F, 0x9C)  # link blue, underlined
BODY_SIZE = 10.5
LINE = BODY_SIZE * 0.5
CLAUSE_INDENT = 10.0
LIST_LABEL, LIST_TEXT = 10.0, 16.0


def _write(pdf: PortalPDF, text: Text, *, size: float = BODY_SIZE, style: str = "", color=(0, 0, 0)) -> None:
    """Flowing text from the current position; placeholders underlined in their own colour, links
    underlined in link colour and clickable."""
    height = size * 0.5
    for kind, part, url in spans(text):
        marked = kind != TEXT
        pdf.set_font(FONT, style + ("U" if marked else ""), size)
        pdf.set_text_color(*({PLACEHOLDER_PART: PLACEHOLDER, LINK: LINK_COLOR}.get(kind, color)))
        # write() may break a run's first word anywhere when it starts near the line's end;
        # move that word to the next line instead
        first_word = part.split(" ", 1)[0]
        line_started = pdf.get_x() > pdf.l_margin + 0.01
        end = pdf.get_x() + pdf.get_string_width(first_word) + 2 * pdf.c_margin
        if first_word and line_started and end > pdf.w - pdf.r_margin:
            pdf.ln(height)
        pdf.write(height, part, link=url)
    pdf.set_text_color(0)


def _block(pdf: PortalPDF, text: Text, *, label: str = "", label_at: float = 0.0, text_at: float = 0.0,
           size: float = BODY_SIZE, style: str = "", color=(0, 0, 0), after: float = 2.0) -> None:  # fmt: skip
    """One paragraph: an optional label ("(1)", "1.", "•") in the margin and the text indented beside it."""
    left = pdf.l_margin
    if label:
        pdf.set_font(FONT, "", size)
        pdf.set_x(left + label_at)
        pdf.cell(text_at - label_at, size * 0.5, label)
    pdf.set_left_margin(left + text_at)
    pdf.set_x(left + text_at)
    _write(pdf, text, size=size, style=style, color=color)
    pdf.ln(size * 0.5)
    pdf.set_left_margin(left)
    pdf.ln(after)


def _heading(pdf: PortalPDF, text: str, level: int) -> None:
    """Level 1 (§ headings too) or 2; the title is level 0 of the bookmarks."""
    size = 12.5 if level == 1 else 11
    if pdf.will_page_break(30):  # never leave a heading alone at the foot of a page
        pdf.add_page()
    pdf.ln(3)
    pdf.start_section(text, level=level, strict=False)
    _block(pdf, text, size=size, style="B", color=DARK, after=1.5)


def _bullets(pdf: PortalPDF, block: BulletList) -> None:
    for number, item in enumerate(block.items, start=1):
        label = f"{number}." if block.numbered else "•"
        _block(pdf, item, label=label, label_at=LIST_LABEL, text_at=LIST_TEXT, after=1.0)
    pdf.ln(1)


def _table(pdf: PortalPDF, block: Table) -> None:
    if block.caption:
        _block(pdf, block.caption, style="B", after=1.0)
    pdf.set_font(FONT, "", 9.5)
    with pdf.table(
        headings_style=FontFace(emphasis="BOLD", fill_color=(0xE8, 0xEC, 0xF2)),
        line_height=5,
        text_align="LEFT",
        padding=1.5,
        first_row_as_headings=True,
    ) as table:
        for values in [block.header, *block.rows]:
            row = table.row()
            for value in values:
                row.cell(value)
    pdf.ln(4)


def _signatures(pdf: PortalPDF, block: Signatures) -> None:
    width = pdf.epw / 2
    parties = list(block.parties)
    pdf.ln(4)
    for start in range(0, len(parties), 2):
        if pdf.will_page_break(40):
            pdf.add_page()
        top = pdf.get_y()
        left, right = pdf.l_margin, pdf.r_margin
        for column, party in enumerate(parties[start : start + 2]):
            x = left + column * width
            # the column's own margins, so that write() wraps inside the column
            pdf.set_margins(x, pdf.t_margin, pdf.w - x - width + 10)
            pdf.set_xy(x, top)
            _write(pdf, "[Ort], den [Datum]")
            pdf.set_xy(x, top + 18)
            pdf.cell(width - 10, 0.1, "", border="B")
            pdf.set_xy(x, top + 20)
            _write(pdf, party, size=9.5)
        pdf.set_margins(left, pdf.t_margin, right)
        pdf.set_xy(left, top + 34)


def pdf_document(document: Document) -> bytes:
    pdf = new_pdf(document.title, footer=document.footer, author=document.author)
    if document.subtitle:
        pdf.set_subject(document.subtitle)
    pdf.start_section(document.title, level=0)
    _block(pdf, document.title, size=17, style="B", color=DARK, after=2.0)
    if document.subtitle:
        _block(pdf, document.subtitle, size=10.5, color=DARK, after=3.0)
    for block in document.numbered():
        if isinstance(block, NumberedSection):
            _heading(pdf, block.heading, 1)
            for label, clause in block.clauses:
                if isinstance(clause, BulletList):
                    _bullets(pdf, clause)
                else:
                    _block(pdf, clause, label=label, text_at=CLAUSE_INDENT if label else 0.0)
        elif isinstance(block, Heading):
            _heading(pdf, block.text, min(block.level, 2))
        elif isinstance(block, Paragraph):
            if block.note:
                _block(pdf, block.text, size=8.5, style="I", color=(0x44, 0x44, 0x44))
            else:
                _block(pdf, block.text)
        elif isinstance(block, BulletList):
            _bullets(pdf, block)
        elif isinstance(block, Table):
            _table(pdf, block)
        elif isinstance(block, Signatures):
            _signatures(pdf, block)
    return bytes(pdf.output())
