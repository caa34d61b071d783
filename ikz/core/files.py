"""Files that follow the fate of the database transaction, and bounded reading of archives.

Files are written to storage before the row that names them is committed. Django has no
rollback hook, so a block that writes files runs in `files_atomic()`: every file that a
`TrackedStorageMixin` storage writes inside it is remembered, and deleted again when the block
ends with an exception (the transaction is then rolled back). A crash (SIGKILL, power loss)
can still leave a file without a row; `manage.py sweep_orphan_files` finds and removes those.

Uploaded archives (DOCX, ODT, XLSX … are ZIP containers) are read only
through `zip_open_checked`/`zip_member_open`/`zip_member_head`, which refuse a member before it is
inflated when its declared size or compression ratio is implausible, and never read more
than the caller's limit even when the declared size lies.
"""

import contextvars
import io
import logging
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import ContextDecorator

from django.core.files.storage import FileSystemStorage
from django.db import DEFAULT_DB_ALIAS, transaction

logger = logging.getLogger(__name__)

# The files written in the innermost open `files_atomic` block: a list of (storage, name).
_written: contextvars.ContextVar[list | None] = contextvars.ContextVar("ikz_files_written", default=None)


class TrackedStorageMixin:
    """Storage that reports each written file to the enclosing `files_atomic` block."""

    def _save(self, name, content):
        name = super()._save(name, content)
        written = _written.get()
        if written is not None:
            written.append((self, name))
        return name


class TrackedFileSystemStorage(TrackedStorageMixin, FileSystemStorage):
    """The portal's default storage (STORAGES["default"]) and the hotline's private storage."""


def files_atomic(using=None):
    """`transaction.atomic` whose files are deleted again when the block is rolled back.

    Nested blocks hand their files to the enclosing block on success, so an outer rollback
    removes them too. Use it, like transaction.atomic, for every service that stores a file
    together with rows: `@files_atomic`, `@files_atomic()` or `with files_atomic():`.
    """
    if callable(using):
        return _FilesAtomic(DEFAULT_DB_ALIAS)(using)
    return _FilesAtomic(using or DEFAULT_DB_ALIAS)


class _FilesAtomic(ContextDecorator):
    def __init__(self, using: str):
        self.using = using

    def _recreate_cm(self):
        return type(self)(self.using)  # a decorated function may run in several threads at once

    def __enter__(self):
        self._files: list = []
        self._token = _written.set(self._files)
        self._atomic = transaction.atomic(using=self.using)
        self._atomic.__enter__()
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        try:
            self._atomic.__exit__(exc_type, exc_value, traceback)
        except BaseException:
            # the commit itself failed: nothing of this block is in the database
            _written.reset(self._token)
            _discard(self._files)
            raise
        _written.reset(self._token)
        if exc_type is not None:
            _discard(self._files)
            return False
        outer = _written.get()
        if outer is not None:
            outer.extend(self._files)
        return False


def _discard(files: list) -> None:
    for storage, name in files:
        try:
            storage.delete(name)
        except OSError:  # left for sweep_orphan_files
            logger.warning("Datei %s konnte nach dem Rollback nicht gelöscht werden", name, exc_info=True)


def delete_after_commit(field_file) -> None:
    """Delete the file of `field_file` only once the surrounding transaction has committed.

    Deleting at once and then rolling back would leave a row that names a missing file.
    """
    if not field_file:
        return
    storage, name = field_file.storage, field_file.name
    transaction.on_commit(lambda: storage.delete(name))


# Bounded reading of ZIP and gzip ---------------------------------------------------------

MAX_MEMBER_BYTES = 50 * 1024 * 1024  # one member of an office document, uncompressed
MAX_TOTAL_BYTES = 200 * 1024 * 1024  # all members together, as declared in the directory
MAX_RATIO = 200  # text XML compresses ~10:1; a run of zeros 1000:1 and more
MAX_MEMBERS = 10_000


class ArchiveTooLarge(Exception):
    """The archive would unpack to more than the portal reads; the message is German."""


def zip_open_checked(data_or_file, *, max_total: int = MAX_TOTAL_BYTES, max_members: int = MAX_MEMBERS):
    """A ZipFile whose directory has been checked: member count and declared total size.

    Raises zipfile.BadZipFile for broken files and ArchiveTooLarge for implausible ones.
    """
    source = io.BytesIO(data_or_file) if isinstance(data_or_file, bytes | bytearray) else data_or_file
    archive = zipfile.ZipFile(source)
    infos = archive.infolist()
    if len(infos) > max_members:
        archive.close()
        raise ArchiveTooLarge(f"Das Archiv enthält zu viele Teile ({len(infos)}).")
    total = sum(info.file_size for info in infos)
    if total > max_total:
        archive.close()
        raise ArchiveTooLarge(
            f"Die Datei wäre entpackt {total / 1024 / 1024:.0f} MB groß; "
            f"gelesen werden höchstens {max_total / 1024 / 1024:.0f} MB."
        )
    return archive


def zip_member_open(
    archive: zipfile.ZipFile, name: str, *, limit: int = MAX_MEMBER_BYTES, max_ratio: int = MAX_RATIO
) -> io.BufferedReader:
    """A stream of member `name` that refuses before inflating when the member is too large.

    The declared size can lie, so the stream is bounded as well: reading more than `limit`
    bytes from it raises ArchiveTooLarge.
    """
    info = archive.getinfo(name)
    if info.file_size > limit:
        raise ArchiveTooLarge(
            f"Der Teil „{name}“ wäre entpackt {info.file_size / 1024 / 1024:.0f} MB groß; "
            f"gelesen werden höchstens {limit / 1024 / 1024:.0f} MB."
        )
    if info.file_size > 1024 * 1024 and info.file_size > max_ratio * max(info.compress_size, 1):
        raise ArchiveTooLarge(f"Der Teil „{name}“ ist auffällig stark komprimiert (ZIP-Bombe?).")
    return io.BufferedReader(_BoundedReader(archive.open(info), limit))


def zip_member_read(archive: zipfile.ZipFile, name: str, *, limit: int = MAX_MEMBER_BYTES) -> bytes:
    """All of member `name`, at most `limit` bytes (see zip_member_open)."""
    with zip_member_open(archive, name, limit=limit) as stream:
        return stream.read()


class _BoundedReader(io.RawIOBase):
    """A stream that raises ArchiveTooLarge once more than `limit` bytes have been read."""

    def __init__(self, stream, limit: int):
        self._stream, self._limit, self._read = stream, limit, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        chunk = self._stream.read(min(len(buffer), self._limit - self._read + 1))
        self._read += len(chunk)
        if self._read > self._limit:
            raise ArchiveTooLarge(
                f"Die Datei ist entpackt größer als {self._limit / 1024 / 1024:.0f} MB und wird nicht gelesen."
            )
        buffer[: len(chunk)] = chunk
        return len(chunk)

    def close(self) -> None:
        self._stream.close()
        super().close()


def zip_member_head(archive: zipfile.ZipFile, name: str, size: int = 100) -> bytes:
    """The first `size` bytes of a member, whatever its size (inflates no more than that)."""
    with archive.open(name) as member:
        return member.read(size)


def iter_storage_files(storage, directory: str = "") -> Iterator[str]:
    """Every file name under `directory` of `storage`, recursively."""
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{directory}/{name}" if directory else name
    for sub in directories:
        yield from iter_storage_files(storage, f"{directory}/{sub}" if directory else sub)


# Orphan sweep ----------------------------------------------------------------------------


class SweepArea:
    """One directory of one storage whose files must each be named by a row."""

    def __init__(self, storage, directory: str):
        self.storage, self.directory, self.fields = storage, directory, []

    @property
    def label(self) -> str:
        return str(getattr(self.storage, "location", self.storage)) + (
            f"/{self.directory}" if self.directory else ""
        )


def _upload_directory(model, field) -> str:
    """The fixed leading directory of the field's file names ("" when it starts with a date)."""
    if isinstance(field.upload_to, str):
        return field.upload_to.split("%", 1)[0].strip("/").split("/", 1)[0]
    probe = field.generate_filename(model(), "probe.bin")
    head, _, _ = probe.partition("/")
    return head if "/" in probe else ""


def model_file_fields() -> list:
    """(model, field) for every FileField of an installed model, each field once (on the model
    that declares it: a child or proxy model shares the parent's rows), ordered by label."""
    from django.apps import apps
    from django.db import models

    fields = [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.local_fields
        if isinstance(field, models.FileField)
    ]
    return sorted(fields, key=lambda mf: f"{mf[0]._meta.label}.{mf[1].name}")


def sweep_areas() -> list[SweepArea]:
    """Every directory into which a FileField of any installed model writes.

    A field on the shared MEDIA_ROOT must write into its own directory; one that writes into the
    root would make the sweep delete unrelated files, so it is refused here (and by the tests).
    """
    from django.core.exceptions import ImproperlyConfigured
    from django.core.files.storage import default_storage

    areas: dict[tuple[str, str], SweepArea] = {}
    fields_by_location: dict[str, list] = {}
    for model, field in model_file_fields():
        storage = field.storage
        location = str(getattr(storage, "location", id(storage)))
        directory = _upload_directory(model, field)
        if not directory and location == str(default_storage.location):
            raise ImproperlyConfigured(
                f"{model._meta.label}.{field.name} schreibt direkt in MEDIA_ROOT; "
                "bitte ein eigenes Verzeichnis (upload_to) angeben."
            )
        areas.setdefault((location, directory), SweepArea(storage, directory))
        fields_by_location.setdefault(location, []).append((model, field))
    for (location, _directory), area in areas.items():
        area.fields = fields_by_location[location]
    return list(areas.values())


def orphan_files(*, min_age_seconds: int = 3600, now=None) -> list[tuple[SweepArea, str]]:
    """Files older than `min_age_seconds` that no row of any FileField on their storage names.

    The age keeps the sweep away from files whose transaction is still open.
    """
    from datetime import timedelta

    from django.utils import timezone

    now = now or timezone.now()
    found = []
    # The areas of one storage share their field list: its names are read once, not per directory.
    referenced_by_fields: dict[int, set[str]] = {}
    for area in sweep_areas():
        referenced = referenced_by_fields.get(id(area.fields))
        if referenced is None:
            referenced = referenced_by_fields[id(area.fields)] = set()
            for model, field in area.fields:
                referenced.update(
                    model._base_manager.exclude(**{field.attname: ""})
                    .exclude(**{f"{field.attname}__isnull": True})
                    .values_list(field.attname, flat=True)
                    .iterator()
                )
        for name in iter_storage_files(area.storage, area.directory):
            if name in referenced:
                continue
            try:
                modified = area.storage.get_modified_time(name)
            except FileNotFoundError:
                continue
            if now - modified >= timedelta(seconds=min_age_seconds):
                found.append((area, name))
    return found


ODF_MIMETYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
OOXML_MAIN_PARTS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx", "ppt/presentation.xml": "pptx"}
_BROKEN_ZIP = (
    zipfile.BadZipFile,
    KeyError,
    OSError,
    EOFError,
    RuntimeError,
    NotImplementedError,
    ValueError,
    zlib.error,
)


def content_kind(source) -> str | None:
    """The real type of an upload (bytes or a file) as an extension, decided by content alone.

    "pdf", "png", "jpg", "docx"/"xlsx"/"pptx" (ZIP with [Content_Types].xml and the main part),
    "odt"/"ods"/"odp" (ZIP whose member "mimetype" names it), "txt" (UTF-8 or Windows-1252 text
    without NUL bytes), else None. ZIP containers are opened through `zip_open_checked`, which
    raises ArchiveTooLarge for a zip bomb – the caller decides what that means. A file is left at
    position 0. One rule for every upload the portal checks (library documents, hotline attachments).
    """
    if isinstance(source, bytes | bytearray):
        head = bytes(source[:65536])
    else:
        source.seek(0)
        head = source.read(65536)
        source.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zip_open_checked(source) as archive:
                names = set(archive.namelist())
                if "mimetype" in names:
                    mimetype = zip_member_head(archive, "mimetype", 100).decode("ascii", "replace").strip()
                    return ODF_MIMETYPES.get(mimetype)
                if "[Content_Types].xml" in names:
                    return next((kind for part, kind in OOXML_MAIN_PARTS.items() if part in names), None)
        except _BROKEN_ZIP:
            return None
        finally:
            if not isinstance(source, bytes | bytearray):
                source.seek(0)
        return None
    return "txt" if _looks_like_text(head) else None


def _looks_like_text(sample: bytes) -> bool:
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(sample) - 4:  # a multi-byte character cut at the sample's end is fine
            try:
                sample.decode("cp1252")
            except UnicodeDecodeError:
                return False
    return True
