"""References inside a law ("nach § 99 Nummer 2", "im Sinne des § 103 Absatz 1").

The section that answers a question often depends on a definition or a procedural rule it
cites; search lets the best hit lend a share of its score to the sections of the same law that
its text names (see selectors._reference_boost). Citations of other laws ("§ 2 UStG", "§ 99
des Gesetzes gegen Wettbewerbsbeschränkungen") are left out: their numbers mean something else.
"""

import re

_NUM = r"\d{1,4}[a-z]?"
_QUALIFIER = (
    r"(?:\s*(?:,|und|oder|bis)?\s*(?:Abs\.|Absatz|Absätze|Satz|Sätze|S\.|Nr\.|Nummer|Nummern|"
    r"Buchstabe|Buchst\.|Halbsatz|Alternative)?\s*\d{1,3}[a-z]?(?!\d))*"
)
CITATION_RE = re.compile(rf"§§?\s*(?P<number>{_NUM})(?![\d]){_QUALIFIER}(?=(?P<tail>[^\n]{{0,40}}))")
_OTHER_LAW_RE = re.compile(
    r"\s*(?:(?:des|der)\s+(?!dieses\b|dieser\b)[A-ZÄÖÜ]|(?:[A-ZÄÖÜ][A-Za-zäöü]*[A-Z][A-Za-z]*\b))"
)
_SAME_LAW_RE = re.compile(r"\s*(?:dieses|dieser)\b")
MAX_REFERENCES = 6


def section_references(text: str, law: str, *, limit: int = MAX_REFERENCES) -> list[str]:
    """Section numbers ("99", "103a") that `text`, a section of `law`, cites in its own law,
    in order of first mention."""
    numbers: list[str] = []
    for match in CITATION_RE.finditer(text):
        tail = match.group("tail")
        if not _SAME_LAW_RE.match(tail):
            other = _OTHER_LAW_RE.match(tail)
            if other and other.group(0).strip() != law:
                continue
        number = match.group("number")
        if number not in numbers:
            numbers.append(number)
            if len(numbers) >= limit:
                break
    return numbers


def cited_sections(text: str, laws: tuple[str, ...], *, limit: int = MAX_REFERENCES) -> list[tuple[str, str]]:
    """(law, number) of the sections `text` – a portal text, not a law – cites with the law's
    abbreviation ("§ 2b UStG", "§ 23 Abs. 5 GkG NRW"); `laws` are the known abbreviations,
    longest first, so "GkG NRW" wins over a shorter one. In order of first mention."""
    found: list[tuple[str, str]] = []
    for match in CITATION_RE.finditer(text):
        tail = match.group("tail").lstrip()
        abbr = next(
            (law for law in laws if tail.startswith(law) and not tail[len(law) : len(law) + 1].isalnum()),
            None,
        )
        if abbr and (abbr, match.group("number")) not in found:
            found.append((abbr, match.group("number")))
            if len(found) >= limit:
                break
    return found
