"""Read the law excerpts (data/law/*.md) into import entries (the JSON Lines format of the importer).

Each file starts with a table (Gesetz, Abkürzung, Textstand, Quelle, Lizenz); each section
starts with a heading "### § 23 Inhalt der Vereinbarung". HTML comments carry the per-section
provenance (GkG NRW): "Quelle:" with the URL of the copy read, "Stand:" with the date that copy names
(JJJJ-MM-TT, or "nicht angegeben") and "Redaktion:" with differences between copies (editors only, never
shown); source URL and date become the section's source and version_date. Shown to readers as the
section's text note: "Hinweis:" (what a reader must know about this copy – other copies differ,
paragraphs missing) and "Fehlt:" (the section is known only by its heading; it gets no text).
"""

import re
from collections.abc import Iterator
from pathlib import Path

HEADING_RE = re.compile(r"^#{2,6}\s+(§\s*\d+[a-z]?)\s*(.*)$")
ANY_HEADING_RE = re.compile(r"^#{1,6}\s")
COMMENT_RE = re.compile(r"<!--(.*?)-->", re.S)
ROW_RE = re.compile(r"^\|\s*([^|]+?)\s*\|\s*(.*?)\s*\|$")
URL_RE = re.compile(r"https?://[^\s<>\"]+")
ISO_DATE_RE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")


def _header(text: str) -> dict[str, str]:
    fields = {}
    for line in text.split("\n---", 1)[0].splitlines():
        match = ROW_RE.match(line)
        if match and match.group(1) not in ("Feld", "---"):
            fields[match.group(1)] = match.group(2)
    return fields


def _comment(comments: list[str], key: str) -> str | None:
    """The text after "key:" in the first comment that starts with it."""
    for comment in comments:
        text = comment.strip()
        if text.startswith(f"{key}:"):
            return text[len(key) + 1 :].strip()
    return None


def _section_source(quelle: str | None, default: str) -> str:
    """The URL of the copy read; a comment without a URL (bundestag/gesetze path) is kept as written."""
    if quelle is None:
        return default
    match = URL_RE.search(quelle)
    return match.group(0).rstrip(".,;)") if match else quelle


def section_blocks(path: Path) -> dict[str, str]:
    """The raw text (comments included) of every section of a data file, by label ("§ 23")."""
    blocks: dict[str, list[str]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").split("\n---", 1)[1].splitlines():
        match = HEADING_RE.match(line)
        if match:
            current = re.sub(r"§\s*", "§ ", match.group(1))
            blocks[current] = []
        elif line.startswith("#"):
            current = None
        elif current:
            blocks[current].append(line)
    return {label: "\n".join(lines) for label, lines in blocks.items()}


def law_metadata(path: Path) -> dict[str, str]:
    """The law-level provenance from a file's header: source URL, the date it names, Fassung/Textstand."""
    fields = _header(path.read_text(encoding="utf-8"))
    url = URL_RE.search(fields.get("Quelle", ""))
    date = ISO_DATE_RE.search(fields.get("Stand der Quelle", ""))
    parts = (fields.get("Fassung", "").rstrip("."), fields.get("Textstand (laut Quelle)", ""))
    version = ". ".join(part for part in parts if part)
    return {
        "source": url.group(0) if url else "",
        "version_date": date.group(1) if date else "",
        "version": version[:500],
    }


def _law_key(fields: dict[str, str], abbreviation: str) -> tuple[str, str]:
    """("bund:gwb", "Bund") from the source path of bundestag/gesetze, else ("nrw:gkg_nrw", "Land NRW")."""
    match = re.search(r"`[a-z]/([a-z0-9_]+)/index\.md`", fields.get("Quelle", ""))
    if match:
        return f"bund:{match.group(1)}", "Bund"
    key = re.sub(r"[^a-z0-9]+", "_", abbreviation.lower()).strip("_")
    return f"nrw:{key}", "Land NRW"


def entries_from_markdown(path: Path) -> Iterator[dict]:
    text = path.read_text(encoding="utf-8")
    fields = _header(text)
    abbreviation = re.sub(r"\s*\(.*\)$", "", fields.get("Abkürzung", "")).strip()
    key, jurisdiction = _law_key(fields, abbreviation)
    commit = re.search(r"Commit ([0-9a-f]{7})", fields.get("Quelle", ""))
    file_source = re.search(r"`([^`]+)`", fields.get("Quelle", ""))
    default_source = (
        f"bundestag/gesetze@{commit.group(1)}:{file_source.group(1)}"
        if commit and file_source
        else "siehe Paragraf"
    )
    version = fields.get("Textstand (laut Quelle)", "")
    if fields.get("Fassung"):
        version = f"{fields['Fassung']}. {version}".strip()
    license_text = "amtliches Werk, § 5 Abs. 1 UrhG (gemeinfrei)"
    # The law's own source (header "Quelle"), so a new LawPage links the law and not its first section.
    law_source = URL_RE.search(fields.get("Quelle", ""))

    current: dict | None = None
    lines: list[str] = []

    def finish():
        if current is None:
            return None
        raw = "\n".join(lines)
        comments = COMMENT_RE.findall(raw)
        source = _section_source(_comment(comments, "Quelle"), default_source)
        stand = ISO_DATE_RE.match(_comment(comments, "Stand") or "")
        body = COMMENT_RE.sub("", raw).strip("\n")
        body = re.sub(r"\n{3,}", "\n\n", body)
        # Public remarks on this text: "Hinweis:" (copies differ, paragraphs missing) and "Fehlt:" (only the
        # heading is known – the page then says so and links the official text instead of a 404).
        missing, note = _comment(comments, "Fehlt"), _comment(comments, "Hinweis")
        entry = {
            **current,
            "body": "" if missing else body,
            "source": source[:500],
            "text_note": " ".join(part for part in (missing, note) if part),
        }
        if stand:
            entry["version_date"] = stand.group(1)
        return entry

    body_part = text.split("\n---", 1)[1] if "\n---" in text else text
    for line in body_part.splitlines():
        match = HEADING_RE.match(line)
        if match or ANY_HEADING_RE.match(line):
            entry = finish()
            if entry:
                yield entry
            current, lines = None, []
            if match:
                label = re.sub(r"§\s*", "§ ", match.group(1))
                heading = match.group(2).strip()
                current = {
                    "external_id": f"{key}:{label.replace(' ', '')}",
                    "kind": "law",
                    "title": f"{label} {heading} ({abbreviation})".replace("  ", " "),
                    "law": abbreviation,
                    "law_key": key,
                    "law_title": fields.get("Gesetz", abbreviation),
                    "section": label,
                    "heading": heading,
                    "jurisdiction": jurisdiction,
                    "license": license_text,
                    "version": version[:500],
                }
                if law_source:
                    current["law_source"] = law_source.group(0)[:500]
            continue
        if current is not None:
            lines.append(line)
    entry = finish()
    if entry:
        yield entry


def law_excerpt_entries(directory: Path) -> Iterator[dict]:
    for path in sorted(directory.glob("*.md")):
        yield from entries_from_markdown(path)
