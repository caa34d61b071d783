"""A small document model for agreements, statutes and other templates.

One model, three writers (DOCX, ODT, PDF): a template is written once and reads the same in every
format. Numbering is explicit and computed here – "§ 3" and "(2)" are part of the text – so the
numbers are identical in Word, LibreOffice, the PDF and the extracted Volltext, and a cross
reference such as "§ 3 Abs. 2" in the text stays right whichever program opens the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

# Placeholders are written in square brackets: „[Name der Gemeinde]“. The writers mark them.
PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,120}\]")


def runs(text: str) -> Iterator[tuple[bool, str]]:
    """Split `text` into (is_placeholder, part) pieces, in order, none of them empty."""
    position = 0
    for match in PLACEHOLDER.finditer(text):
        if match.start() > position:
            yield False, text[position : match.start()]
        yield True, match.group(0)
        position = match.end()
    if position < len(text):
        yield False, text[position:]


def placeholders(text: str) -> list[str]:
    return PLACEHOLDER.findall(text)


@dataclass(frozen=True)
class Link:
    """A hyperlink inside a paragraph or list item: `Paragraph(("Siehe ", Link("§ 20 GkG NRW", url), "."))`."""

    text: str
    url: str


# The text of a paragraph or list item: plain (placeholders marked as above) or a sequence of
# plain parts and links.
Text = str | Sequence[str | Link]

TEXT, PLACEHOLDER_PART, LINK = "text", "placeholder", "link"


def spans(text: Text) -> Iterator[tuple[str, str, str]]:
    """(kind, part, url) pieces of `text` in order: kind TEXT, PLACEHOLDER_PART or LINK (url only for links)."""
    if isinstance(text, str):
        for is_placeholder, part in runs(text):
            yield (PLACEHOLDER_PART if is_placeholder else TEXT), part, ""
        return
    for piece in text:
        if isinstance(piece, Link):
            if piece.text:
                yield LINK, piece.text, piece.url
        else:
            yield from spans(piece)


def plain(text: Text) -> str:
    """What the reader sees of `text`, without the link targets."""
    return text if isinstance(text, str) else "".join(part for _kind, part, _url in spans(text))


@dataclass(frozen=True)
class Heading:
    """An unnumbered heading ("Präambel", "Anlage 1"); level 1 or 2."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Section:
    """A numbered section: "§ 1 Gegenstand". Its clauses are numbered (1), (2) …; a section with a
    single clause prints it without a number, as statutes do."""

    title: str
    clauses: Sequence[str | BulletList] = ()


@dataclass(frozen=True)
class Paragraph:
    text: Text
    note: bool = False  # a remark of the editors (smaller, italic), e.g. "Beispiel – keine Rechtsberatung"


@dataclass(frozen=True)
class BulletList:
    items: Sequence[Text]
    numbered: bool = False  # "1.", "2." … instead of bullets (enumerations inside a clause)


@dataclass(frozen=True)
class Table:
    header: Sequence[str]
    rows: Sequence[Sequence[str]]
    caption: str = ""


@dataclass(frozen=True)
class Signatures:
    """Place, date and signature lines for each party, side by side in two columns."""

    parties: Sequence[str]


Block = Heading | Section | Paragraph | BulletList | Table | Signatures


@dataclass(frozen=True)
class NumberedSection:
    number: int
    heading: str
    clauses: list[tuple[str, str | BulletList]]  # (label, clause); label "(1)" or "" for a single clause


@dataclass
class Document:
    title: str
    blocks: list[Block] = field(default_factory=list)
    subtitle: str = ""
    language: str = "de-DE"
    author: str = "IKZ-Portal NRW"
    footer: str = "IKZ-Portal NRW"

    def numbered(self) -> Iterator[Block | NumberedSection]:
        """The blocks with sections replaced by their numbered form (§ 1, § 2 … in order)."""
        number = 0
        for block in self.blocks:
            if isinstance(block, Section):
                number += 1
                yield number_section(block, number)
            else:
                yield block

    def plain_text(self) -> str:
        """Everything the reader sees, one paragraph a line (what the Volltext extraction finds)."""
        lines = [self.title]
        if self.subtitle:
            lines.append(self.subtitle)
        for block in self.numbered():
            if isinstance(block, NumberedSection):
                lines.append(block.heading)
                for label, clause in block.clauses:
                    if isinstance(clause, BulletList):
                        lines.extend(plain(item) for item in clause.items)
                    else:
                        lines.append(f"{label} {clause}".strip())
            elif isinstance(block, Heading | Paragraph):
                lines.append(plain(block.text))
            elif isinstance(block, BulletList):
                lines.extend(plain(item) for item in block.items)
            elif isinstance(block, Table):
                lines.extend(" ".join(row) for row in [block.header, *block.rows])
        return "\n".join(lines)

    @classmethod
    def from_blocks(cls, blocks: Sequence[tuple[str, str]]) -> Document:
        """The older (style, text) form: "title", "h" (heading) or "p" (paragraph)."""
        title = next((text for style, text in blocks if style == "title"), "Dokument")
        converted: list[Block] = []
        for style, text in blocks:
            if style == "h":
                converted.append(Heading(text))
            elif style != "title":
                converted.append(Paragraph(text))
        return cls(title=title, blocks=converted)


def number_section(section: Section, number: int) -> NumberedSection:
    texts = [clause for clause in section.clauses if not isinstance(clause, BulletList)]
    counter = 0
    clauses: list[tuple[str, str | BulletList]] = []
    for clause in section.clauses:
        if isinstance(clause, BulletList):
            clauses.append(("", clause))  # belongs to the clause before it
            continue
        counter += 1
        clauses.append((f"({counter})" if len(texts) > 1 else "", clause))
    return NumberedSection(number=number, heading=f"§ {number} {section.title}", clauses=clauses)


def as_document(value: Document | Sequence[tuple[str, str]]) -> Document:
    return value if isinstance(value, Document) else Document.from_blocks(value)
