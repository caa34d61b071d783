"""Documents of a Werkstatt: checked uploads, versions, and reading them back.

An upload is checked as in the library (ikz.library.forms.check_upload: size limit, type by
content – never by name –, zip bombs refused) and against the library's list of document types
(WAGTAILDOCS_EXTENSIONS). On top, files that carry active content are refused: the Werkstatt
passes documents between town halls. PDFs with scripts or actions are already refused by
check_upload (ikz.core.pdf_check, the one rule for every PDF upload, compressed object streams
included); office documents with macros here.
"""

import re

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.utils import timezone

from ikz.core.files import ArchiveTooLarge, files_atomic, zip_open_checked

from .models import Workshop, WorkshopMember
from .models_files import ACTIVITY_DOCUMENT, WorkshopDocument, WorkshopDocumentVersion
from .services import _log, _name, _writable

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "txt": "text/plain; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
}
OFFICE_ACTIVE = re.compile(r"(?:^|/)(?:vbaProject\.bin|vbaData\.xml|activeX/)|^(?:Basic|Scripts)/", re.I)


def allowed_extensions() -> list[str]:
    return list(getattr(settings, "WAGTAILDOCS_EXTENSIONS", ["pdf", "docx", "odt"]))


def _active_content(data: bytes, kind: str) -> bool:
    if kind in ("docx", "xlsx", "pptx", "odt", "ods", "odp"):
        with zip_open_checked(data) as archive:
            return any(OFFICE_ACTIVE.search(name) for name in archive.namelist())
    return False


def upload_check(upload) -> str:
    """The file's type (by content) – or a German ValidationError saying why it is refused."""
    from ikz.library.extraction import sniff
    from ikz.library.forms import check_upload

    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in allowed_extensions():
        raise ValidationError(
            f"„{name}“ wird nicht angenommen. Erlaubt sind "
            + ", ".join(e.upper() for e in allowed_extensions())
            + "-Dateien, deren Inhalt zur Dateiendung passt.",
            code="type",
        )
    check_upload(upload)  # size, content by its first bytes, zip bombs, PDF actions (the library's rule)
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    kind = sniff(data) or extension
    kind = "csv" if extension == "csv" else kind
    try:
        active = _active_content(data, kind)
    except ArchiveTooLarge as exc:
        raise ValidationError(f"„{name}“ wird nicht angenommen: {exc}", code="archive") from exc
    if active:
        raise ValidationError(
            f"„{name}“ enthält aktive Inhalte (Makros, Skripte oder automatische Aktionen) und wird "
            "deshalb nicht angenommen. Bitte speichern Sie das Dokument ohne sie (z. B. als PDF/A, "
            "DOCX statt DOCM) und laden Sie es erneut hoch.",
            code="active",
        )
    return kind


def _member(workshop: Workshop, user) -> WorkshopMember:
    member = WorkshopMember.objects.filter(workshop=workshop, user=user).first()
    if member is None:
        raise PermissionDenied
    return member


def _store(document: WorkshopDocument, *, upload, kind: str, user, comment: str) -> WorkshopDocumentVersion:
    last = (
        WorkshopDocumentVersion.objects.filter(document=document)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    filename = (upload.name or "dokument").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:255]
    version = WorkshopDocumentVersion(
        document=document, number=(last or 0) + 1, filename=filename, kind=kind, size=upload.size,
        comment=comment, uploaded_by=user, uploaded_at=timezone.now(),
    )  # fmt: skip
    version.file.save(filename, upload, save=False)
    version.save()
    return version


@files_atomic
def document_create(*, workshop: Workshop, user, title: str, upload, comment: str = "") -> WorkshopDocument:
    """A new document with its first version. The file is checked before anything is written."""
    kind = upload_check(upload)
    _writable(workshop)
    _member(workshop, user)
    now = timezone.now()
    title = title or (upload.name or "Dokument").rsplit(".", 1)[0][:200]
    document = WorkshopDocument.objects.create(
        workshop=workshop, title=title, created_by=user, created_at=now, updated_at=now
    )
    _store(document, upload=upload, kind=kind, user=user, comment=comment)
    _log(workshop, user, ACTIVITY_DOCUMENT, f"{_name(user)} hat das Dokument „{title}“ hochgeladen.")
    return document


@files_atomic
def version_add(*, document: WorkshopDocument, user, upload, comment: str = "") -> WorkshopDocumentVersion:
    """A new version of a document; the earlier ones stay as they are and downloadable."""
    kind = upload_check(upload)
    workshop = document.workshop
    _writable(workshop)
    _member(workshop, user)
    WorkshopDocument.objects.select_for_update().filter(pk=document.pk).first()  # numbers in order
    version = _store(document, upload=upload, kind=kind, user=user, comment=comment)
    WorkshopDocument.objects.filter(pk=document.pk).update(updated_at=version.uploaded_at)
    _log(
        workshop,
        user,
        ACTIVITY_DOCUMENT,
        f"{_name(user)} hat Fassung {version.number} des Dokuments „{document.title}“ hochgeladen.",
    )
    return version


def documents_of(*, workshop: Workshop):
    return (
        workshop.documents.select_related("created_by")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=WorkshopDocumentVersion.objects.select_related("uploaded_by").order_by("-number"),
            )
        )
        .order_by("-updated_at", "-pk")
    )


def versions_of(*, document: WorkshopDocument):
    return document.versions.select_related("uploaded_by").order_by("-number")


def download_name(version: WorkshopDocumentVersion) -> str:
    """The original name; a later version carries its number, so two downloads don't collide."""
    if version.number == 1:
        return version.filename
    stem, dot, extension = version.filename.rpartition(".")
    return (
        f"{stem}_Fassung-{version.number}.{extension}"
        if dot
        else f"{version.filename}_Fassung-{version.number}"
    )
