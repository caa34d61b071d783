"""Where a law text comes from, how old it is, and what changed between two of its Fassungen.

A section's `source` is either a web address (shown as a link) or a reference into a snapshot of
a public repository ("bundestag/gesetze@77abca2:g/gwb/index.md"), which becomes a link to that
file at that commit. Texts from the 2022 snapshot say so and point to the current official text.
The comparison of two Fassungen is word by word on the text as a reader sees it (hard line
wraps of the source do not count as changes).
"""

import datetime
import difflib
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .structure import parse_units


@dataclass(frozen=True)
class Snapshot:
    """A dated copy of laws in a public repository that the library imported texts from."""

    prefix: str  # how a source names it: "<owner>/<repo>@<commit>"
    date: datetime.date
    repository_url: str
    commit: str
    current_site: str  # where the current official text is

    def file_url(self, path: str) -> str:
        return f"{self.repository_url}/blob/{self.commit}/{path.lstrip('/')}"

    def current_url(self, path: str, section_slug: str = "") -> str:
        """The law (or the section) on the official site: the repository keeps one folder per
        law named like the site's ("g/gwb/index.md" → gwb); sections are "__108.html" / "art_28.html"."""
        parts = [p for p in path.split("/") if p]
        if len(parts) < 2:
            return self.current_site
        law = parts[-2]
        if re.fullmatch(r"\d{1,4}[a-z]?", section_slug):
            return f"{self.current_site}{law}/__{section_slug}.html"
        if re.fullmatch(r"art-\d{1,4}[a-z]?", section_slug):
            return f"{self.current_site}{law}/art_{section_slug[4:]}.html"
        return f"{self.current_site}{law}/"


# The federal corpus of the demo: bundestag/gesetze at commit 77abca2 of 26 March 2022
# (see ikz/library/data/README.md), generated there from gesetze-im-internet.de.
SNAPSHOT_2022 = Snapshot(
    prefix="bundestag/gesetze@77abca2",
    date=datetime.date(2022, 3, 26),
    repository_url="https://github.com/bundestag/gesetze",
    commit="77abca2",
    current_site="https://www.gesetze-im-internet.de/",
)
SNAPSHOTS = (SNAPSHOT_2022,)


def snapshot_of(source: str) -> tuple[Snapshot, str] | None:
    """(snapshot, path inside it) when `source` names a file of a known snapshot."""
    source = (source or "").strip()
    for snapshot in SNAPSHOTS:
        if source == snapshot.prefix or source.startswith(snapshot.prefix + ":"):
            return snapshot, source[len(snapshot.prefix) + 1 :]
    return None


def snapshot_date(source: str) -> datetime.date | None:
    found = snapshot_of(source)
    return found[0].date if found else None


def source_url(source: str) -> str | None:
    """A working address for `source`: the web address itself, or the snapshot file; else None."""
    source = (source or "").strip()
    parts = urlsplit(source)
    if parts.scheme in ("http", "https") and parts.netloc:
        return source
    found = snapshot_of(source)
    if found:
        snapshot, path = found
        return snapshot.file_url(path) if path else snapshot.repository_url
    return None


def is_bare_scheme(source: str) -> bool:
    """What the importer once stored as a law's source: the scheme of a URL ("https")."""
    return (source or "").strip().lower() in ("http", "https")


# --- Comparing two Fassungen ----------------------------------------------------------------

PARAGRAPH = "\n"  # token between paragraphs; words never contain a line break
MAX_WORDS_EXACT = 20000  # beyond this, difflib's junk heuristic keeps the comparison fast


def _words(body: str) -> list[str]:
    """The text as a reader sees it, as words with a PARAGRAPH token between paragraphs."""
    tokens: list[str] = []
    for unit in parse_units(body):
        if tokens:
            tokens.append(PARAGRAPH)
        text = f"{unit.marker} {unit.text}" if unit.marker else unit.text
        tokens.extend(text.split())
    return tokens


def same_text(a: str, b: str) -> bool:
    """Equal but for whitespace (a re-wrapped text is the same Fassung)."""
    return (a or "").split() == (b or "").split()


@dataclass
class DiffStats:
    inserted: int = 0
    deleted: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.inserted or self.deleted)


def _opcodes(old: list[str], new: list[str]):
    exact = max(len(old), len(new)) <= MAX_WORDS_EXACT
    return difflib.SequenceMatcher(None, old, new, autojunk=not exact).get_opcodes()


_MARK = {
    "del": '<del><span class="visually-hidden">[gestrichen: </span>{}<span class="visually-hidden">]</span></del>',
    "ins": '<ins><span class="visually-hidden">[eingefügt: </span>{}<span class="visually-hidden">]</span></ins>',
}


def _render(pieces: list[tuple[str, str]], *, block: bool = True) -> str:
    """Paragraphs of runs of equal/deleted/inserted words; a marked run never spans a paragraph.
    Without `block`, one line of runs (for a heading)."""
    paragraphs: list[list[tuple[str, list[str]]]] = [[]]
    for op, word in pieces:
        if word == PARAGRAPH:
            paragraphs.append([])
            continue
        runs = paragraphs[-1]
        if runs and runs[-1][0] == op:
            runs[-1][1].append(word)
        else:
            runs.append((op, [word]))
    html = []
    for runs in paragraphs:
        if not runs:
            continue
        parts = []
        for op, words in runs:
            text = escape(" ".join(words))
            parts.append(_MARK[op].format(text) if op in _MARK else text)
        html.append("<p>" + " ".join(parts) + "</p>" if block else " ".join(parts))
    return "".join(html)


def word_diff(old: str, new: str, *, plain: bool = False) -> tuple[SafeString, DiffStats]:
    """HTML of `new` with the words removed since `old` in <del> and the added ones in <ins>,
    each with a hidden "[gestrichen: …]" / "[eingefügt: …]" for screen readers; and counts.
    `plain` compares a one-line text (a heading) word by word without the paragraph structure."""
    a = (old or "").split() if plain else _words(old)
    b = (new or "").split() if plain else _words(new)
    pieces: list[tuple[str, str]] = []
    stats = DiffStats()
    for tag, i1, i2, j1, j2 in _opcodes(a, b):
        if tag == "equal":
            pieces.extend(("equal", w) for w in b[j1:j2])
            continue
        if tag in ("delete", "replace"):
            pieces.extend(("del", w) for w in a[i1:i2])
            stats.deleted += sum(1 for w in a[i1:i2] if w != PARAGRAPH)
        if tag in ("insert", "replace"):
            pieces.extend(("ins", w) for w in b[j1:j2])
            stats.inserted += sum(1 for w in b[j1:j2] if w != PARAGRAPH)
    return mark_safe(_render(pieces, block=not plain)), stats  # noqa: S308 - every word is escaped in _render
