"""Attachment check by content: the first bytes (and for ZIP containers the members) decide."""

import zipfile
import zlib

from django.conf import settings
from django.core.exceptions import ValidationError

from ikz.core.files import ArchiveTooLarge, zip_member_head, zip_open_checked

ALLOWED = {"pdf": "PDF", "png": "PNG", "jpg": "JPEG", "jpeg": "JPEG", "docx": "DOCX", "odt": "ODT"}


def max_bytes() -> int:
    return int(getattr(settings, "HOTLINE_ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024))


def detect_kind(upload) -> str | None:
    """The file type by content: 'pdf', 'png', 'jpg', 'docx', 'odt' or None."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"PK\x03\x04"):
        try:
            # bounded: a small upload may declare a member of gigabytes (zip bomb)
            with zip_open_checked(upload) as archive:
                names = set(archive.namelist())
                if "mimetype" in names:
                    mimetype = zip_member_head(archive, "mimetype", 100)
                    if mimetype == b"application/vnd.oasis.opendocument.text":
                        return "odt"
                if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
                    return "docx"
        except (
            zipfile.BadZipFile,
            ArchiveTooLarge,
            OSError,
            KeyError,
            RuntimeError,
            EOFError,
            ValueError,
            zlib.error,
        ):
            return None
        finally:
            upload.seek(0)
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
