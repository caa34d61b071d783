"""Law sections straight from a corpus file (JSON Lines, optionally gzipped) into the index.

For development and the benchmark; in the portal, sections come from the library's import
and reach the index through the library adapter (adapters.py).
"""

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path

from .documents import IndexEntry
from .indexing import index_bulk

SOURCE = "corpus.section"


def _slug(text: str) -> str:
    text = text.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    return re.sub(r"[^0-9a-z]+", "-", text.replace("§", "")).strip("-")


def read_corpus(path: str | Path) -> Iterator[dict]:
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def corpus_entry(row: dict) -> IndexEntry:
    law = row.get("law", "")
    return IndexEntry(
        source=SOURCE,
        object_id=row["external_id"][:64],
        external_id=row["external_id"],
        kind=row.get("kind") or "law",
        title=row.get("title") or f"{row.get('section', '')} {row.get('heading', '')}".strip(),
        url=f"/wissen/gesetze/{_slug(law)}/{_slug(row.get('section', ''))}/",
        body=row.get("body", ""),
        context=f"{law} {row.get('law_title', '')}",
        law=law,
    )


def load_corpus(path: str | Path, *, limit: int | None = None, progress=None) -> int:
    rows = read_corpus(path)
    entries = (corpus_entry(r) for i, r in enumerate(rows) if limit is None or i < limit)
    return index_bulk(entries, replace_source=SOURCE, progress=progress)
