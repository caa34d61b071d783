"""The whole Werkstatt as one ZIP file, streamed while it is written.

Contents (decision: every version of every document – the archive is the Werkstatt's record, and
an older version is what a council decided on):

- `werkstatt.pdf`: data, members, notes and decisions, plan, documents, activity (library docgen);
- `aktivitaet.csv`, `notizen.csv`, `dokumente.csv`, `mitglieder.csv`, and `plan.csv` when the
  Werkstatt has a plan (ikz.core.exports.csv_writer: plain text, no spreadsheet formulas);
- `dokumente/<Nr>_<Bezeichnung>/Fassung-<n>_<Dateiname>`: the files;
- `entwuerfe/…`: the agreement drafts, when the agreements app provides them.

The ZIP is written into a small buffer that the response drains after each piece, so a Werkstatt
with many large files never sits in memory as a whole.
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterator

from django.apps import apps
from django.utils import timezone

from ikz.core.exports import csv_writer

from .models import Workshop
from .models_files import ACTIVITY_LABELS, WorkshopDocumentVersion

CHUNK = 256 * 1024


class _Sink(io.RawIOBase):
    """A write-only stream for zipfile that hands out what was written so far."""

    def __init__(self):
        self._buffer = bytearray()
        self._position = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._buffer.extend(data)
        self._position += len(data)
        return len(data)

    def tell(self) -> int:
        return self._position

    def drain(self) -> bytes:
        data = bytes(self._buffer)
        self._buffer.clear()
        return data


def safe_name(text: str, limit: int = 60) -> str:
    """A file or folder name that every system accepts (no separators, no control characters)."""
    name = re.sub(r"[^\w.\- äöüÄÖÜß]+", "_", text).strip(" ._")
    return (name or "Dokument")[:limit]


def _who(user) -> str:
    return (user.get_full_name() or user.email) if user else "–"


def _when(value) -> str:
    return timezone.localtime(value).strftime("%d.%m.%Y %H:%M") if value else ""


def _csv(header: list[str], rows) -> bytes:
    buffer = io.StringIO()
    writer = csv_writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel reads the umlauts right


def _activity_label(entry) -> str:
    return ACTIVITY_LABELS.get(entry.kind) or entry.get_kind_display()


def _milestones(workshop: Workshop) -> list:
    plan = getattr(workshop, "plan", None)  # the plan's models, when the Werkstatt has one
    if plan is None or not hasattr(plan, "milestones"):
        return []
    return list(plan.milestones.select_related("owner").order_by("position", "pk"))


def _versions(workshop: Workshop) -> list[WorkshopDocumentVersion]:
    return list(
        WorkshopDocumentVersion.objects.filter(document__workshop=workshop)
        .select_related("document", "uploaded_by")
        .order_by("document__title", "document_id", "number")
    )


def _agreement_files(workshop: Workshop, base_url: str) -> Iterator[tuple[str, bytes]]:
    """The agreement drafts (ikz.agreements, when installed): the current state of each draft as
    DOCX, ODT and PDF, and every saved version as PDF – written by that app's own generator."""
    if not apps.is_installed("ikz.agreements"):
        return
    try:
        from ikz.agreements.drafting import document, generate, snapshot
        from ikz.agreements.models import Draft
        from ikz.assistant.citations import CitationLinker
        from ikz.library.docgen import WRITERS
    except ImportError:  # the app changed its layout: the export goes on without the drafts
        return
    linker = CitationLinker()
    for index, draft in enumerate(Draft.objects.filter(workshop=workshop).order_by("pk"), start=1):
        generated = generate(snapshot(draft))
        stem = f"{index:02d}_{safe_name(generated.title)}"
        label = f"Stand {timezone.localtime(draft.updated_at):%d.%m.%Y}, Version {draft.version}"
        current = document(generated, linker=linker, base_url=base_url, version_label=label)
        for fmt in ("docx", "odt", "pdf"):
            yield f"{stem}/aktueller_Stand.{fmt}", WRITERS[fmt](current)
        for version in draft.versions.order_by("number"):
            label = f"Version {version.number} vom {timezone.localtime(version.created_at):%d.%m.%Y}"
            old = document(generate(version.snapshot), linker=linker, base_url=base_url, version_label=label)
            yield f"{stem}/Version-{version.number}.pdf", WRITERS["pdf"](old)


def overview_pdf(workshop: Workshop, *, versions, milestones) -> bytes:
    from ikz.library.docgen import BulletList, Document, Heading, Paragraph, Table, pdf_bytes

    members = workshop.members.select_related("user").order_by("role", "user__last_name")
    blocks = [
        Paragraph(
            f"Stand: {_when(timezone.now())} Uhr."
            + (f" Archiviert am {_when(workshop.archived_at)} Uhr." if workshop.archived_at else ""),
            note=True,
        ),
        Heading("Angaben"),
        Table(
            header=["Angabe", "Wert"],
            rows=[
                ["Aufgabenbereich", workshop.task_area.name if workshop.task_area_id else "noch offen"],
                ["Aufgabe", workshop.task or "–"],
                [
                    "Partner",
                    ", ".join(m.display_name for m in workshop.partners.order_by("short_name")) or "–",
                ],
                ["Eröffnet", f"{_when(workshop.created_at)} von {_who(workshop.created_by)}"],
            ],
        ),
        Heading("Mitglieder"),
        BulletList([f"{_who(m.user)} – {m.get_role_display()}" for m in members] or ["–"]),
        Heading("Notizen und Beschlüsse"),
    ]
    for note in workshop.notes.select_related("created_by", "updated_by").order_by("created_at", "pk"):
        blocks.append(Heading(f"{note.get_kind_display()}: {note.title}", level=2))
        blocks.append(
            Paragraph(
                f"Angelegt von {_who(note.created_by)} am {_when(note.created_at)} Uhr; "
                f"zuletzt geändert von {_who(note.updated_by)} am {_when(note.updated_at)} Uhr.",
                note=True,
            )
        )
        blocks.extend(Paragraph(part) for part in (note.text or "–").split("\n\n") if part.strip())
    if milestones:
        blocks.append(Heading("Plan"))
        blocks.append(
            Table(
                header=["Meilenstein", "Termin", "Verantwortlich", "Stand"],
                rows=[
                    [
                        m.title,
                        m.due_date.strftime("%d.%m.%Y") if m.due_date else "–",
                        _who(m.owner) if m.owner_id else "–",
                        m.get_status_display(),
                    ]
                    for m in milestones
                ],
            )  # fmt: skip
        )
    blocks.append(Heading("Dokumente"))
    blocks.append(
        Table(
            header=["Dokument", "Fassung", "Datei", "Hochgeladen"],
            rows=[
                [
                    v.document.title,
                    str(v.number),
                    v.filename,
                    f"{_when(v.uploaded_at)}, {_who(v.uploaded_by)}",
                ]
                for v in versions
            ]
            or [["–", "", "", ""]],
        )  # fmt: skip
    )
    blocks.append(Heading("Aktivität"))
    blocks.append(
        Table(
            header=["Wann", "Wer", "Was"],
            rows=[
                [_when(a.at), _who(a.actor), a.summary]
                for a in workshop.activities.select_related("actor").order_by("at", "pk")
            ],
        )  # fmt: skip
    )
    return pdf_bytes(Document(title=workshop.title, subtitle="Kooperationswerkstatt – Export", blocks=blocks))


def export_name(workshop: Workshop) -> str:
    return f"Werkstatt_{safe_name(workshop.title, 50).replace(' ', '_')}_{timezone.localdate():%Y-%m-%d}.zip"


def export_stream(workshop: Workshop, *, base_url: str = "/") -> Iterator[bytes]:
    """The ZIP, piece by piece. Reads the Werkstatt as it is when the download starts."""
    sink = _Sink()
    versions = _versions(workshop)
    milestones = _milestones(workshop)
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:

        def put(name: str, data: bytes) -> None:
            archive.writestr(name, data)

        put("werkstatt.pdf", overview_pdf(workshop, versions=versions, milestones=milestones))
        yield sink.drain()
        put(
            "aktivitaet.csv",
            _csv(["Wann", "Wer", "Art", "Was"],
                 [[_when(a.at), _who(a.actor), _activity_label(a), a.summary]
                  for a in workshop.activities.select_related("actor").order_by("at", "pk")]),
        )  # fmt: skip
        put(
            "notizen.csv",
            _csv(["Art", "Überschrift", "Text", "Angelegt von", "Angelegt am", "Geändert von", "Geändert am"],
                 [[n.get_kind_display(), n.title, n.text, _who(n.created_by), _when(n.created_at),
                   _who(n.updated_by), _when(n.updated_at)]
                  for n in workshop.notes.select_related("created_by", "updated_by").order_by("created_at", "pk")]),
        )  # fmt: skip
        put(
            "mitglieder.csv",
            _csv(["Name", "E-Mail", "Rolle", "Dabei seit"],
                 [[_who(m.user), m.user.email, m.get_role_display(), _when(m.added_at)]
                  for m in workshop.members.select_related("user").order_by("added_at")]),
        )  # fmt: skip
        folders: dict[int, str] = {}
        rows = []
        for version in versions:
            folder = folders.setdefault(
                version.document_id, f"dokumente/{len(folders) + 1:02d}_{safe_name(version.document.title)}"
            )
            path = f"{folder}/Fassung-{version.number}_{safe_name(version.filename, 120)}"
            rows.append([version.document.title, version.number, version.filename, path,
                         _who(version.uploaded_by), _when(version.uploaded_at), version.comment])  # fmt: skip
            version.path = path
        put(
            "dokumente.csv",
            _csv(["Dokument", "Fassung", "Dateiname", "Im Archiv", "Hochgeladen von", "Hochgeladen am",
                  "Was ist neu?"], rows),
        )  # fmt: skip
        if milestones:
            put(
                "plan.csv",
                _csv(["Meilenstein", "Termin", "Verantwortlich", "Stand", "Rechtsgrundlagen"],
                     [[m.title, m.due_date.isoformat() if m.due_date else "", _who(m.owner) if m.owner_id else "",
                       m.get_status_display(), m.citations] for m in milestones]),
            )  # fmt: skip
        yield sink.drain()
        for version in versions:
            with (
                version.file.open("rb") as source,
                archive.open(version.path, "w", force_zip64=True) as target,
            ):
                while chunk := source.read(CHUNK):
                    target.write(chunk)
                    yield sink.drain()
        for name, data in _agreement_files(workshop, base_url):
            put(f"entwuerfe/{name}", data)
            yield sink.drain()
    yield sink.drain()
