"""Attachment check by content: the first bytes (and for ZIP containers the members) decide."""

from django.conf import settings
from django.core.exceptions import ValidationError

from ikz.core.files import ArchiveTooLarge, content_kind
from ikz.core.pdf_check import check_pdf

ALLOWED = {"pdf": "PDF", "png": "PNG", "jpg": "JPEG", "jpeg": "JPEG", "docx": "DOCX", "odt": "ODT"}


def max_bytes() -> int:
    return int(getattr(settings, "HOTLINE_ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024))


def detect_kind(upload) -> str | None:
    """The file type by content (ikz.core.files.content_kind); a zip bomb counts as unknown."""
    try:
        return content_kind(upload)
    except ArchiveTooLarge:
        return None


def attachment_validate(upload) -> None:
    limit = max_bytes()
    if upload.size > limit:
        raise ValidationError(
            f"Der Anhang ist zu groß ({upload.size / 1024 / 1024:.1f} MB). "
            f"Erlaubt sind höchstens {limit / 1024 / 1024:.0f} MB."
        )
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    kind = detect_kind(upload)
    if kind is None or extension not in ALLOWED or ALLOWED[extension] != ALLOWED[kind]:
        raise ValidationError(
            "Dieser Anhang wird nicht angenommen. Erlaubt sind PDF-, PNG-, JPEG-, DOCX- und ODT-Dateien, "
            "deren Inhalt zur Dateiendung passt."
        )
    if kind == "pdf":
        upload.seek(0)
        data = upload.read()
        upload.seek(0)
        check_pdf(data, upload.name)
