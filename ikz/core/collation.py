"""German sort order for names and titles, the same on PostgreSQL, SQLite and in Python.

Byte order puts "BMF" before "Baugesetzbuch" and "Öffentliche …" after "Zweckverbände". Lists
sorted by a title or name use `collated("title")` in `order_by(...)`, Python sorts use
`sort_key` – both follow DIN 5007-1 (dictionary order: case is ignored, ä/ö/ü sort as a/o/u,
ß as ss; ties fall back to the text itself, so the order is stable).

- PostgreSQL: the ICU collation "de-x-icu" that PostgreSQL creates with ICU support (it exists in
  every cluster built with ICU, Debian's included).
- SQLite: a collation of the same name, registered on every new connection (`register`, wired up
  in `CoreConfig.ready`), whose comparison uses `sort_key`.
"""

from django.db.models import F
from django.db.models.functions import Collate

COLLATION = "de-x-icu"

_DIN_5007_1 = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "ẞ": "ss"})


def sort_key(text: str) -> tuple[str, str]:
    """The German dictionary key of `text` (DIN 5007-1), then the text itself as tie-breaker."""
    text = text or ""
    return (text.casefold().translate(_DIN_5007_1), text)


def collated(field: str, *, descending: bool = False):
    """An order_by expression that sorts `field` in German order on either database."""
    expression = Collate(F(field), COLLATION)
    return expression.desc() if descending else expression.asc()


def _compare(a: str, b: str) -> int:
    ka, kb = sort_key(a), sort_key(b)
    return (ka > kb) - (ka < kb)


def register(sender, connection, **kwargs) -> None:
    """connection_created receiver: give SQLite the collation PostgreSQL has built in."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(COLLATION, _compare)
