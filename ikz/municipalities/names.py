"""German name handling: folding for umlaut-tolerant search and address slugs."""

import unicodedata

from ikz.core.text import slugify_de

_GERMAN_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ß", "ss")


def fold(text: str) -> str:
    """Lower-case ASCII with German transliteration: "Köln" and "Koeln" both become "koeln"."""
    return strip_accents(text.translate(_GERMAN_FOLD)).casefold()


def search_variants(text: str) -> set[str]:
    """The forms a user may type: "Köln" → {"koeln", "koln"}; so "Koln" finds Köln as well."""
    return {fold(text), strip_accents(text).casefold()} - {""}


def search_text(*parts: str) -> str:
    """What the register's name search matches against (stored on the model)."""
    return " ".join(sorted({v for part in parts if part for v in search_variants(part)}))


def make_slug(text: str) -> str:
    return slugify_de(text, default="kommune")
