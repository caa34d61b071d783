"""Bulk import of library entries from JSON Lines (plain or gzip), idempotent by external_id.

Streaming: one line at a time, law sections written in batches with one upsert per batch
(INSERT … ON CONFLICT (external_id) DO UPDATE), each batch in its own transaction. A bad line
is reported with its number and skipped; the good ones around it are kept.

A section whose text (heading or body) differs from the stored one keeps the stored text as a
LawSectionVersion (a "frühere Fassung") before it is overwritten; a re-import of the same text
keeps nothing and changes no date (docs/decisions/0013-law-versions.md).
"""

import datetime
import gzip
import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from ikz.core.files import ArchiveTooLarge
from ikz.core.text import slugify_de

from .law_versions import is_bare_scheme, same_text, snapshot_date
from .models import LawIndexPage, LawPage, LawSection, LawSectionVersion
from .models.law import Jurisdiction, section_slug
from .pages_import import literature_upsert, ruling_upsert

KINDS = ("law", "ruling", "literature")
SECTION_UPDATE_FIELDS = [
    "law",
    "label",
    "slug",
    "heading",
    "body",
    "text_note",
    "source",
    "license",
    "version_date",
    "imported_at",
    "import_label",
    "sort_order",
]


class BadLine(ValueError):
    pass


@dataclass
class ImportSummary:
    lines: int = 0
    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    laws_created: int = 0
    versions_kept: int = 0
    seconds: float = 0.0

    @property
    def imported(self) -> int:
        return self.created + self.updated

    def text(self) -> str:
        rate = self.imported / self.seconds if self.seconds else 0
        return (
            f"{self.lines} Zeilen gelesen: {self.created} neu, {self.updated} aktualisiert, "
            f"{len(self.errors)} fehlerhaft übersprungen; {self.laws_created} Gesetze neu angelegt; "
            f"{self.versions_kept} frühere Fassungen aufbewahrt; "
            f"{self.seconds:.1f} s ({rate:.0f} Einträge/s)."
        )


MAX_LINE_BYTES = 16 * 1024 * 1024  # one entry; the longest law section has ~300 KB


def open_lines(path_or_file) -> Iterator[str]:
    """Lines of a plain or gzip file (recognised by its first bytes, not its name)."""
    is_path = isinstance(path_or_file, str | bytes) or hasattr(path_or_file, "__fspath__")
    raw = open(path_or_file, "rb") if is_path else path_or_file  # noqa: SIM115 - closed in finally
    if hasattr(raw, "peek"):
        head = raw.peek(2)[:2]
    elif hasattr(raw, "seekable") and raw.seekable():  # an upload held in memory (BytesIO)
        head = raw.read(2)
        raw.seek(0)
    else:
        head = b""
    stream = gzip.GzipFile(fileobj=raw) if head == b"\x1f\x8b" else raw
    try:
        # bounded per line: a gzip of gigabytes without a line break is never held in memory
        while line := stream.readline(MAX_LINE_BYTES + 1):
            if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
                raise ArchiveTooLarge(
                    f"Eine Zeile ist länger als {MAX_LINE_BYTES // (1024 * 1024)} MB; die Datei wird nicht weiter gelesen."
                )
            yield line.decode("utf-8")
    finally:
        raw.close()


def _text(entry: dict, key: str, *, required: bool = False, max_length: int | None = None) -> str:
    value = entry.get(key)
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise BadLine(f"Feld „{key}“ muss Text sein")
    value = value.strip() if key != "body" else value.strip("\n")
    if required and not value.strip():
        raise BadLine(f"Pflichtfeld „{key}“ fehlt")
    if max_length and len(value) > max_length:
        raise BadLine(f"Feld „{key}“ ist länger als {max_length} Zeichen")
    return value


def parse_date(value, key: str) -> datetime.date | None:
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise BadLine(f"Feld „{key}“ ist kein Datum (JJJJ-MM-TT): {value!r}") from None


class LawCache:
    """LawPages by key ("bund:gwb"), and the slugs taken in the law being filled."""

    def __init__(self, summary: ImportSummary):
        self.summary = summary
        self.index = LawIndexPage.objects.first()
        if self.index is None:
            raise RuntimeError(
                "Keine Gesetzesübersicht (/wissen/gesetze/) – zuerst setup_library_demo ausführen."
            )
        self.laws: dict[str, int] = {}
        self.current_law: int | None = None
        self.slugs: dict[str, str] = {}  # slug -> external_id, for current_law only

    def law_id(self, key: str, entry: dict) -> int:
        if key in self.laws:
            return self.laws[key]
        law = LawPage.objects.filter(external_id=key).only("id", "title", "source").first()
        if law is None:
            law = self._create(key, entry)
            self.summary.laws_created += 1
        else:
            _title_complete(law, _text(entry, "law_title"))
            _source_repair(law, _law_source(entry))
        self.laws[key] = law.pk
        if len(self.laws) > 20000:  # keep memory flat on huge files
            self.laws.clear()
        return law.pk

    def _create(self, key: str, entry: dict) -> LawPage:
        abbreviation = _text(entry, "law", required=True, max_length=60)
        base = slugify_de(abbreviation) or slugify_de(key.replace(":", "-"))
        slug, n = base, 1
        while LawPage.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        source = _law_source(entry)
        law = LawPage(
            title=_text(entry, "law_title") or abbreviation,
            slug=slug,
            abbreviation=abbreviation,
            jurisdiction=Jurisdiction.from_text(entry.get("jurisdiction") or "Bund"),
            source=source,
            license=_text(entry, "license")[:200],
            version=_text(entry, "version")[:500],
            version_date=parse_date(entry.get("version_date"), "version_date") or _known_date(source),
            external_id=key,
        )
        self.index.add_child(instance=law)
        return law

    def unique_slug(self, law_id: int, slug: str, external_id: str) -> str:
        if law_id != self.current_law:
            self.current_law = law_id
            self.slugs = dict(LawSection.objects.filter(law_id=law_id).values_list("slug", "external_id"))
        candidate, n = slug, 1
        while self.slugs.get(candidate, external_id) != external_id:
            n += 1
            candidate = f"{slug}-{n}"
        self.slugs[candidate] = external_id
        return candidate


def _title_complete(law: LawPage, title: str) -> None:
    """Give a law the full title when an import brings one that contains the stored title: the
    2022 corpus cut folded titles to one line ("… Sicherung der umweltverträglichen"). A title
    an editor changed to something else is left alone."""
    if title and title != law.title and law.title in title:
        LawPage.objects.filter(pk=law.pk).update(title=title, draft_title=title)


def _law_source(entry: dict) -> str:
    """A new law's source: `law_source` if the line names one, else the source of its first
    section, whole (an address or a snapshot file; once only the scheme "https" was kept)."""
    return _text(entry, "law_source", max_length=500) or _text(entry, "source", max_length=500)


def _source_repair(law: LawPage, source: str) -> None:
    """A law whose source is only the scheme of an address (stored by the importer before the fix)
    gets the whole source; anything an editor entered is left alone."""
    if source and is_bare_scheme(law.source):
        LawPage.objects.filter(pk=law.pk).update(source=source)


def _known_date(source: str) -> datetime.date | None:
    """Texts from a known snapshot (bundestag/gesetze of 2022) carry its date as version date."""
    return snapshot_date(source)


def law_section_from(entry: dict, lineno: int, laws: LawCache) -> LawSection:
    external_id = _text(entry, "external_id", required=True, max_length=200)
    label = _text(entry, "section", required=True, max_length=80)
    text_note = _text(entry, "text_note", max_length=2000)
    # A section known only by its heading has no text, and its note must say so.
    body = _text(entry, "body", required=not text_note)
    try:
        Jurisdiction.from_text(entry.get("jurisdiction") or "Bund")
    except ValueError as exc:
        raise BadLine(str(exc)) from None
    key = _text(entry, "law_key") or (external_id.rsplit(":", 1)[0] if ":" in external_id else "")
    key = key or f"law:{slugify(_text(entry, 'law', required=True))}"
    _text(entry, "law", required=True, max_length=60)
    law_id = laws.law_id(key, entry)
    source = _text(entry, "source", max_length=500)
    return LawSection(
        law_id=law_id,
        label=label,
        slug=laws.unique_slug(law_id, section_slug(label), external_id),
        heading=_text(entry, "heading", max_length=500),
        body=body,
        text_note=text_note,
        external_id=external_id,
        source=source,
        license=_text(entry, "license", max_length=200),
        version_date=parse_date(entry.get("version_date"), "version_date") or _known_date(source),
        sort_order=int(entry.get("sort_order") or lineno),
    )


VERSION_FIELDS = ("heading", "body", "version_date", "source", "license", "imported_at", "import_label")


def _keep_versions(unique: list[LawSection], label: str) -> tuple[set[str], list[LawSectionVersion]]:
    """Stored external_ids of the batch, and the earlier texts to keep: a stored text that an
    incoming one replaces, unless the section already keeps that text as a version (an import of
    an older file and then the newer one again adds nothing)."""
    now = timezone.now()
    stored = {
        row["external_id"]: row
        for row in LawSection.objects.filter(external_id__in=[s.external_id for s in unique]).values(
            "id", "external_id", *VERSION_FIELDS
        )
    }
    replaced = []
    for section in unique:
        old = stored.get(section.external_id)
        if (
            old is not None
            and same_text(old["heading"], section.heading)
            and same_text(old["body"], section.body)
        ):
            # the same Fassung again: it keeps the time and label of the import that brought it
            section.imported_at, section.import_label = old["imported_at"], old["import_label"]
            continue
        section.imported_at, section.import_label = now, label
        if old is not None and old["body"].strip():  # a section that had no text has no earlier Fassung
            replaced.append(old)
    if not replaced:
        return set(stored), []
    kept: dict[int, list[tuple[str, str]]] = {}
    for section_id, heading, body in LawSectionVersion.objects.filter(
        section_id__in=[old["id"] for old in replaced]
    ).values_list("section_id", "heading", "body"):
        kept.setdefault(section_id, []).append((heading, body))
    versions = []
    for old in replaced:
        if any(
            same_text(h, old["heading"]) and same_text(b, old["body"]) for h, b in kept.get(old["id"], [])
        ):
            continue
        versions.append(
            LawSectionVersion(
                section_id=old["id"],
                **{name: old[name] for name in VERSION_FIELDS},
                superseded_at=now,
                superseded_by=label,
            )
        )
    return set(stored), versions


def _flush(batch: list[LawSection], summary: ImportSummary, label: str = "") -> None:
    if not batch:
        return
    # One row per external_id per statement (PostgreSQL refuses to update a row twice).
    unique = list({section.external_id: section for section in batch}.values())
    with transaction.atomic():
        existing, versions = _keep_versions(unique, label)
        LawSectionVersion.objects.bulk_create(versions)
        LawSection.objects.bulk_create(
            unique, update_conflicts=True, unique_fields=["external_id"], update_fields=SECTION_UPDATE_FIELDS
        )
    summary.versions_kept += len(versions)
    summary.created += len(unique) - len(existing)
    summary.updated += len(existing) + (len(batch) - len(unique))
    batch.clear()


def import_entries(
    lines: Iterable[str],
    *,
    batch_size: int = 2000,
    progress: Callable[[str], None] | None = None,
    progress_every: int = 10000,
    label: str = "",
) -> ImportSummary:
    """Import JSON Lines; returns what happened. Never raises for a bad line. `label` names the
    import (e.g. "GkG NRW, Stand 05.03.2024") in the sections it brings a text to and in the
    earlier Fassungen it replaces."""
    label = (label or "").strip()[:200]
    summary = ImportSummary()
    started = time.monotonic()
    laws = LawCache(summary)
    batch: list[LawSection] = []
    for lineno, line in enumerate(lines, start=1):
        summary.lines = lineno
        if not line.strip():
            continue
        try:
            try:
                entry = json.loads(line)
            except json.JSONDecodeError as exc:
                raise BadLine(f"kein gültiges JSON ({exc.msg}, Spalte {exc.colno})") from None
            if not isinstance(entry, dict):
                raise BadLine("Zeile ist kein JSON-Objekt")
            kind = entry.get("kind")
            if kind == "law":
                batch.append(law_section_from(entry, lineno, laws))
                if len(batch) >= batch_size:
                    _flush(batch, summary, label)
            elif kind in ("ruling", "literature"):
                upsert = ruling_upsert if kind == "ruling" else literature_upsert
                with transaction.atomic():
                    created = upsert(entry)
                summary.created += int(created)
                summary.updated += int(not created)
            else:
                raise BadLine(f"unbekannte Art „{kind}“ (erlaubt: {', '.join(KINDS)})")
        except (BadLine, ValidationError, ValueError) as exc:
            message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            summary.errors.append((lineno, message))
        if progress and lineno % progress_every == 0:
            _flush(batch, summary, label)
            rate = summary.imported / (time.monotonic() - started)
            progress(
                f"… {lineno} Zeilen, {summary.imported} übernommen, {len(summary.errors)} Fehler ({rate:.0f}/s)"
            )
    _flush(batch, summary, label)
    summary.seconds = time.monotonic() - started
    if summary.imported:
        # bulk_create sends no signals: bring the search index up to date in the background.
        from ikz.search.tasks import search_reindex_source

        transaction.on_commit(lambda: search_reindex_source.enqueue(source="library.lawsection"))
    return summary


def import_file(path, **kwargs) -> ImportSummary:
    return import_entries(open_lines(path), **kwargs)
