"""ODT through odfpy: named paragraph styles ("Title", "Heading 1/2" with outline levels, so the
headings appear in LibreOffice's navigator), a bullet list style, tables, A4 and a page footer."""

import io

from odf import dc, meta
from odf.opendocument import OpenDocumentText
from odf.style import (
    DefaultStyle,
    FontFace,
    Footer,
    FooterStyle,
    HeaderFooterProperties,
    ListLevelProperties,
    MasterPage,
    PageLayout,
    PageLayoutProperties,
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TabStop,
    TabStops,
    TextProperties,
)
from odf.table import Table as OdfTable
from odf.table import TableCell, TableColumn, TableHeaderRows, TableRow
from odf.text import (
    A,
    H,
    List,
    ListItem,
    ListLevelStyleBullet,
    ListStyle,
    OutlineLevelStyle,
    OutlineStyle,
    P,
    PageCount,
    PageNumber,
    Span,
    Tab,
)

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

FONT = "Liberation Sans"
TEXT_WIDTH_CM = 16.5  # A4 less 2.5 cm left and 2 cm right


class _Styles:
    """The document's named styles, created once per document."""

    def __init__(self, odt: OpenDocumentText, language: str):
        lang, _, country = language.partition("-")
        odt.fontfacedecls.addElement(
            FontFace(name=FONT, fontfamily=f"'{FONT}'", fontfamilygeneric="swiss", fontpitch="variable")
        )
        default = DefaultStyle(family="paragraph")
        default.addElement(
            TextProperties(fontname=FONT, fontsize="11pt", language=lang, country=country or "DE")
        )
        default.addElement(ParagraphProperties(marginbottom="0.2cm", lineheight="115%"))
        odt.styles.addElement(default)
        self.odt = odt
        self.standard = self._paragraph("Standard", "Standard")
        self.heading = self._paragraph(
            "Heading",
            "Heading",
            parent="Standard",
            keep=True,
            text={"fontweight": "bold", "color": "#1f2a44"},
        )
        self.title = self._paragraph(
            "Title", "Title", parent="Heading", text={"fontsize": "18pt"}, para={"marginbottom": "0.3cm"}
        )
        self.subtitle = self._paragraph(
            "Subtitle", "Subtitle", parent="Standard", text={"fontsize": "11pt", "color": "#1f2a44"}
        )
        self.h = {
            level: self._paragraph(
                f"Heading_20_{level}",
                f"Heading {level}",
                parent="Heading",
                outline=level,
                text={"fontsize": size},
                para={"margintop": "0.45cm", "marginbottom": "0.2cm"},
            )
            for level, size in ((1, "13pt"), (2, "11.5pt"))
        }
        self.clause = self._paragraph(
            "Absatz_20_nummeriert", "Absatz nummeriert", parent="Standard", hanging="1cm"
        )
        self.enumeration = self._paragraph(
            "Aufzählung_20_nummeriert",
            "Aufzählung nummeriert",
            parent="Standard",
            hanging="0.7cm",
            left="1.7cm",
        )
        self.note = self._paragraph(
            "Hinweis",
            "Hinweis",
            parent="Standard",
            text={"fontsize": "9pt", "fontstyle": "italic", "color": "#444444"},
        )
        self.caption = self._paragraph("Caption", "Caption", parent="Standard", text={"fontweight": "bold"})
        self.table_heading = self._paragraph(
            "Table_20_Heading", "Table Heading", parent="Standard", text={"fontweight": "bold"}
        )
        self.table_contents = self._paragraph("Table_20_Contents", "Table Contents", parent="Standard")
        self.footer = self._paragraph(
            "Footer", "Footer", parent="Standard", text={"fontsize": "8pt"}, center=True
        )
        self.placeholder = Style(name="Platzhalter", displayname="Platzhalter", family="text")
        self.placeholder.addElement(TextProperties(backgroundcolor="#ffff00"))
        odt.styles.addElement(self.placeholder)
        self.bullets = self._bullet_list()
        self._outline()
        self._page()
        self.cell = Style(name="Tabellenzelle", family="table-cell")
        self.cell.addElement(TableCellProperties(border="0.5pt solid #000000", padding="0.1cm"))
        self.plain_cell = Style(name="Unterschriftenzelle", family="table-cell")
        self.plain_cell.addElement(TableCellProperties(border="none", padding="0.1cm"))
        for automatic in (self.cell, self.plain_cell):
            odt.automaticstyles.addElement(automatic)
        self._tables = 0

    def _paragraph(self, name, display, *, parent=None, outline=None, keep=False, text=None, para=None,
                   hanging=None, left=None, center=False):  # fmt: skip
        style = Style(name=name, displayname=display, family="paragraph")
        if parent:
            style.setAttribute("parentstylename", parent)
        if outline:
            style.setAttribute("defaultoutlinelevel", str(outline))
        properties = dict(para or {})
        if keep:
            properties["keepwithnext"] = "always"
        if center:
            properties["textalign"] = "center"
        if hanging:
            properties["marginleft"], properties["textindent"] = left or hanging, f"-{hanging}"
        paragraph = ParagraphProperties(**properties)
        if hanging:
            stops = TabStops()
            stops.addElement(TabStop(position="0cm"))
            paragraph.addElement(stops)
        style.addElement(paragraph)
        if text:
            style.addElement(TextProperties(**text))
        self.odt.styles.addElement(style)
        return style

    def _bullet_list(self):
        bullets = ListStyle(name="Aufzählung", displayname="Aufzählung")
        level = ListLevelStyleBullet(level=1, bulletchar="•")
        level.addElement(ListLevelProperties(spacebefore="1cm", minlabelwidth="0.7cm"))
        bullets.addElement(level)
        self.odt.styles.addElement(bullets)
        return bullets

    def _outline(self):
        outline = OutlineStyle(name="Outline")
        for level in range(1, 11):
            outline.addElement(OutlineLevelStyle(level=level, numformat=""))
        self.odt.styles.addElement(outline)

    def _page(self):
        layout = PageLayout(name="A4")
        layout.addElement(
            PageLayoutProperties(
                pagewidth="21cm",
                pageheight="29.7cm",
                printorientation="portrait",
                margintop="2cm",
                marginbottom="1.5cm",
                marginleft="2.5cm",
                marginright="2cm",
            )
        )
        footer_style = FooterStyle()
        footer_style.addElement(HeaderFooterProperties(minheight="0.6cm", margintop="0.4cm"))
        layout.addElement(footer_style)
        self.odt.automaticstyles.addElement(layout)
        self.master = MasterPage(name="Standard", pagelayoutname=layout)
        self.odt.masterstyles.addElement(self.master)

    def table(self, columns: int, *, borders: bool):
        self._tables += 1
        name = f"Tabelle{self._tables}"
        table_style = Style(name=name, family="table")
        table_style.addElement(TableProperties(width=f"{TEXT_WIDTH_CM}cm", align="left"))
        self.odt.automaticstyles.addElement(table_style)
        column_style = Style(name=f"{name}.Spalte", family="table-column")
        column_style.addElement(TableColumnProperties(columnwidth=f"{TEXT_WIDTH_CM / columns:.2f}cm"))
        self.odt.automaticstyles.addElement(column_style)
        table = OdfTable(name=name, stylename=table_style)
        table.addElement(TableColumn(numbercolumnsrepeated=columns, stylename=column_style))
        return table, (self.cell if borders else self.plain_cell)


def _fill(element, text: Text, styles: _Styles):
    for kind, part, url in spans(text):
        if kind == PLACEHOLDER_PART:
            element.addElement(Span(stylename=styles.placeholder, text=part))
        elif kind == LINK:
            element.addElement(A(type="simple", href=url, text=part))
        else:
            element.addText(part)
    return element


def _labelled(style, label: str, text: Text, styles: _Styles) -> P:
    paragraph = P(stylename=style)
    paragraph.addText(label + " ")  # text extraction drops the tab; the space keeps "(1) Die" apart
    paragraph.addElement(Tab())
    return _fill(paragraph, text, styles)


def _bullets(body, block: BulletList, styles: _Styles) -> None:
    if block.numbered:
        for number, item in enumerate(block.items, start=1):
            body.addElement(_labelled(styles.enumeration, f"{number}.", item, styles))
        return
    listing = List(stylename=styles.bullets)
    for item in block.items:
        entry = ListItem()
        entry.addElement(_fill(P(stylename=styles.standard), item, styles))
        listing.addElement(entry)
    body.addElement(listing)


def _row(values, cell_style, paragraph_style, styles: _Styles) -> TableRow:
    row = TableRow()
    for value in values:
        cell = TableCell(stylename=cell_style, valuetype="string")
        cell.addElement(_fill(P(stylename=paragraph_style), value, styles))
        row.addElement(cell)
    return row


def _table(body, block: Table, styles: _Styles) -> None:
    if block.caption:
        body.addElement(_fill(P(stylename=styles.caption), block.caption, styles))
    table, cell_style = styles.table(len(block.header), borders=True)
    header = TableHeaderRows()
    header.addElement(_row(block.header, cell_style, styles.table_heading, styles))
    table.addElement(header)
    for values in block.rows:
        table.addElement(_row(values, cell_style, styles.table_contents, styles))
    body.addElement(table)
    body.addElement(P(stylename=styles.standard))


def _signatures(body, block: Signatures, styles: _Styles) -> None:
    table, cell_style = styles.table(2, borders=False)
    parties = list(block.parties)
    for start in range(0, len(parties), 2):
        pair = parties[start : start + 2]
        row = TableRow()
        for party in [*pair, *([""] * (2 - len(pair)))]:
            cell = TableCell(stylename=cell_style, valuetype="string")
            if party:
                cell.addElement(_fill(P(stylename=styles.standard), "[Ort], den [Datum]", styles))
                cell.addElement(P(stylename=styles.standard))
                cell.addElement(P(stylename=styles.standard, text="______________________________"))
                cell.addElement(_fill(P(stylename=styles.standard), party, styles))
            else:
                cell.addElement(P(stylename=styles.standard))
            row.addElement(cell)
        table.addElement(row)
    body.addElement(table)


def odt_document(document: Document) -> bytes:
    odt = OpenDocumentText()
    styles = _Styles(odt, document.language)
    odt.meta.addElement(dc.Title(text=document.title))
    odt.meta.addElement(dc.Language(text=document.language))
    odt.meta.addElement(meta.InitialCreator(text=document.author))
    if document.subtitle:
        odt.meta.addElement(dc.Subject(text=document.subtitle))
    footer = Footer()
    line = P(stylename=styles.footer, text=f"{document.footer} – Seite ")
    line.addElement(PageNumber(selectpage="current", text="1"))
    line.addText(" von ")
    line.addElement(PageCount(text="1"))
    footer.addElement(line)
    styles.master.addElement(footer)

    body = odt.text
    body.addElement(_fill(P(stylename=styles.title), document.title, styles))
    if document.subtitle:
        body.addElement(_fill(P(stylename=styles.subtitle), document.subtitle, styles))
    for block in document.numbered():
        if isinstance(block, NumberedSection):
            body.addElement(_fill(H(outlinelevel=1, stylename=styles.h[1]), block.heading, styles))
            for label, clause in block.clauses:
                if isinstance(clause, BulletList):
                    _bullets(body, clause, styles)
                elif label:
                    body.addElement(_labelled(styles.clause, label, clause, styles))
                else:
                    body.addElement(_fill(P(stylename=styles.standard), clause, styles))
        elif isinstance(block, Heading):
            level = min(block.level, 2)
            body.addElement(_fill(H(outlinelevel=level, stylename=styles.h[level]), block.text, styles))
        elif isinstance(block, Paragraph):
            style = styles.note if block.note else styles.standard
            body.addElement(_fill(P(stylename=style), block.text, styles))
        elif isinstance(block, BulletList):
            _bullets(body, block, styles)
        elif isinstance(block, Table):
            _table(body, block, styles)
        elif isinstance(block, Signatures):
            _signatures(body, block, styles)
    buffer = io.BytesIO()
    odt.write(buffer)
    return buffer.getvalue()
