"""Render a law section's plain text with its structure: Absätze "(1)", Nummern "1.", Buchstaben "a)".

The corpus keeps the structure as text (hard-wrapped lines, blank lines between units,
indented continuation lines); this turns it into paragraphs and nested ordered lists.
"""

import re
from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

from .references import ReferenceResolver, link_references

ABSATZ_RE = re.compile(r"^\((\d{1,3}[a-z]?)\)\s*(.*)$", re.S)
NUMBER_RE = re.compile(r"^(\d{1,3}[a-z]?\.)\s+(.*)$", re.S)
LETTER_RE = re.compile(r"^([a-z]{1,2}\))\s+(.*)$", re.S)
_MARKER_LINE = re.compile(r"^\s*(?:\d{1,3}[a-z]?\.|[a-z]{1,2}\))\s+\S")


@dataclass
class Unit:
    kind: str  # "absatz", "number", "letter", "text"
    marker: str
    text: str


def _join_lines(lines: list[str]) -> str:
    text = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not text:
            text = line
        elif re.search(r"[a-zäöüß]-$", text) and line[:1].islower():
            text += line  # hyphenated word broken at the line end ("öffentlich-\nrechtlicher")
        else:
            text += " " + line
    return text


def _split_block(block: str) -> list[list[str]]:
    """A block is split at item lines only after a line ending in "," ":" ";" or "und"/"oder"."""
    parts: list[list[str]] = [[]]
    for line in block.splitlines():
        previous = parts[-1][-1].rstrip() if parts[-1] else ""
        if parts[-1] and _MARKER_LINE.match(line) and re.search(r"([,:;]|\bund|\boder)$", previous):
            parts.append([])
        parts[-1].append(line)
    return [p for p in parts if any(x.strip() for x in p)]


def parse_units(body: str) -> list[Unit]:
    units: list[Unit] = []
    for block in re.split(r"\n\s*\n", (body or "").replace("\r\n", "\n")):
        for lines in _split_block(block):
            text = _join_lines(lines)
            if not text:
                continue
            for kind, regex in (("absatz", ABSATZ_RE), ("number", NUMBER_RE), ("letter", LETTER_RE)):
                match = regex.match(text)
                if match:
                    marker = f"({match.group(1)})" if kind == "absatz" else match.group(1)
                    units.append(Unit(kind, marker, match.group(2)))
                    break
            else:
                units.append(Unit("text", "", text))
    return units


def render_law_body(body: str, resolver: ReferenceResolver | None = None) -> SafeString:
    """HTML for a section body: <p> per Absatz/sentence block, <ol> for Nummern with nested Buchstaben."""
    resolver = resolver or ReferenceResolver()
    html: list[str] = []
    open_lists: list[str] = []  # stack of "number"/"letter"

    def close_to(level: int) -> None:
        while len(open_lists) > level:
            open_lists.pop()
            html.append("</li></ol>")

    for unit in parse_units(body):
        text = link_references(unit.text, resolver)
        if unit.kind == "absatz":
            close_to(0)
            html.append(f'<p class="law-absatz"><span class="law-marker">{unit.marker}</span> {text}</p>')
        elif unit.kind == "text":
            close_to(0)
            html.append(f"<p>{text}</p>")
        else:
            level = 1 if unit.kind == "number" or not open_lists else 2
            if unit.kind == "letter" and open_lists == ["letter"]:
                level = 1
            if len(open_lists) >= level and open_lists[level - 1] == unit.kind:
                close_to(level)
                html.append("</li>")
            else:
                close_to(level - 1)
                css = "law-list law-list--num" if unit.kind == "number" else "law-list law-list--alpha"
                html.append(f'<ol class="{css}">')
                open_lists.append(unit.kind)
            html.append(f'<li><span class="law-marker">{unit.marker}</span> {text}')
    close_to(0)
    return mark_safe("".join(html))  # noqa: S308 - texts escaped by link_references, markers are [0-9a-z]
