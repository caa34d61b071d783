"""German text the portal writes itself: address slugs, counted nouns, numbers, articles.

- `slugify_de("Bürgerbüro Süd")` → "buergerbuero-sued": every slug the portal generates
  (projects, library entries, laws, municipalities) spells umlauts the German way, ä→ae, ö→oe,
  ü→ue, ß→ss, instead of dropping the dots ("burgerburo") or keeping them ("bürgerbüro").
- `counted(1, "Eintrag", "Einträge")` → "1 Eintrag"; numbers with a thousands point.
- `number_de(12000)` → "12.000", whatever the active locale says.
- `with_article("Gemeinde Marienheide")` → "die Gemeinde Marienheide" (accusative, after "für").
- `letter_parts(text)`: a letter a person wrote, split into greeting, body and sign-off.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.text import slugify

_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "SS", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
)


def slugify_de(text: str, *, max_length: int = 120, default: str = "") -> str:
    """An ASCII address part with German transliteration; `default` when nothing is left."""
    return slugify((text or "").translate(_UMLAUTS))[:max_length].strip("-") or default


def number_de(value, decimals: int | None = None) -> str:
    """12000 → "12.000", 12.5 → "12,5": German grouping and decimal comma."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    if decimals is None:
        decimals = (
            0 if number == number.to_integral_value() else max(0, -number.normalize().as_tuple().exponent)
        )
    text = f"{number:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def counted(count: int, singular: str, plural: str) -> str:
    """ "1 Eintrag", "2 Einträge", "0 Einträge", "1.250 Einträge"."""
    return f"{number_de(count)} {singular if count == 1 else plural}"


# The head noun decides the article: "die Stadt", "den Kreis", "den Rhein-Sieg-Kreis".
_FEMININE = ("Stadt", "Gemeinde", "Städteregion", "Region", "Hansestadt", "Kreisstadt", "Bundesstadt")
_MASCULINE_ENDINGS = ("kreis", "verband", "bezirk")


def with_article(name) -> str:
    """The name of a Körperschaft (or the Körperschaft itself) with its accusative article, as
    after "für" or "an"; names without a known head noun ("Gemeente Vaals") stay as they are."""
    name = str(name or "").strip()
    first = name.split(" ", 1)[0]
    if first in _FEMININE:
        return f"die {name}"
    if first.lower().endswith(_MASCULINE_ENDINGS) or first == "Kreis":
        return f"den {name}"
    return name


_GREETING = re.compile(
    r"^\s*(sehr geehrte|guten (tag|morgen|abend)|hallo|liebe[rs]?\b|moin|grüß gott)", re.IGNORECASE
)
_CLOSING = re.compile(
    r"^\s*(mit (den )?(besten |freundlichen |herzlichen |kollegialen )?grü(ß|ss)en|(viele|beste|freundliche|herzliche|"
    r"kollegiale|schöne) grü(ß|ss)e|mfg|gruß)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class LetterParts:
    greeting: str  # "" when the text has none
    body: str
    closing: str  # the sign-off line and what follows it (the name), "" when none


def letter_parts(text: str) -> LetterParts:
    """Split a letter a person wrote into its greeting, its body and its sign-off.

    Mails that wrap such a text add their own greeting or sign-off only where it has none, so an
    answer is never greeted or signed twice; a FAQ made from it keeps only the body. A sign-off
    counts only within the last five lines.
    """
    lines = (text or "").strip().splitlines()
    greeting = lines[0] if lines and _GREETING.match(lines[0]) else ""
    rest = lines[1:] if greeting else lines
    closing_at = next(
        (i for i in range(len(rest) - 1, max(len(rest) - 6, -1), -1) if _CLOSING.match(rest[i])), None
    )
    closing = "\n".join(rest[closing_at:]).strip() if closing_at is not None else ""
    body = "\n".join(rest[:closing_at] if closing_at is not None else rest).strip()
    return LetterParts(greeting=greeting.strip(), body=body, closing=closing)
