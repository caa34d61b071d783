"""A consistent backup of the portal and its restore: `manage.py backup DIR`, `manage.py restore DIR`.

What a backup holds (one directory):
- `database.pgdump` (PostgreSQL, `pg_dump --format=custom`) or `database.sqlite3` (SQLite, the
  online backup API, which copies one consistent read snapshot even while the worker writes),
- one tar archive per file root: `files-media.tar` (MEDIA_ROOT: documents, images, renditions) and
  one per private storage that a model's FileField uses outside it (`files-hotline.tar`: the
  hotline's attachments in HOTLINE_ATTACHMENT_ROOT). The roots are found from the models, so a new
  private storage is backed up without anyone remembering to add it,
- `manifest.json`: rows per table, every file with size and SHA-256, which files the database
  references, versions, time. It is written last; a directory without it is no backup.

Order and consistency: the database snapshot is taken first, then the files are archived, and the
files the snapshot references are recorded. Uploads get new names and are never rewritten, and a
file is deleted only after the row that named it, so every file the snapshot references is still
on disk when the archive is written – unless it was deleted in those few seconds, which the
manifest lists as missing. Files uploaded after the snapshot are archived without a row that names
them and are harmless. The other order (files first) would lose every upload made during the
backup.

The SECRET_KEY is not part of the backup. Sessions, password-reset and confirmation links in
mails that were sent, and signed tokens depend on it: restore with the same key (kept in the
operator's secret store, e.g. /etc/ikz-portal/env), or all of them become invalid – the data
itself stays readable either way.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import OperationalError, connection, models

from .files import model_file_fields

FORMAT = 1
MANIFEST = "manifest.json"
KEY_NOT_INCLUDED = (
    "Der SECRET_KEY ist nicht Teil dieser Sicherung. Sitzungen, Links in versandten E-Mails "
    "(Passwort-Rücksetzung, Bestätigungen, Hotline-Rückfragen) und signierte Tokens hängen von ihm ab: "
    "Bewahren Sie ihn getrennt im Geheimnisspeicher des Betriebs auf und stellen Sie mit demselben "
    "Schlüssel wieder her."
)
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot be done as asked; the message is for the operator (German)."""


# --- file roots -----------------------------------------------------------------------------------


@dataclass
class FileRoot:
    key: str
    path: Path
    fields: list[str] = field(default_factory=list)  # "app_label.Model.field" with a storage here
    # (model, field, prefix of the storage's location inside `path`) for the references
    columns: list[tuple[type[models.Model], models.FileField, str]] = field(default_factory=list)

    @property
    def archive(self) -> str:
        return f"files-{self.key}.tar"


def _storage_location(storage, label: str) -> Path:
    if not isinstance(storage, FileSystemStorage):
        raise BackupError(
            f"Das Feld {label} speichert Dateien nicht im Dateisystem ({type(storage).__name__}); "
            "die Sicherung kann solche Dateien nicht erfassen."
        )
    return Path(storage.location).resolve()


def file_roots() -> list[FileRoot]:
    """MEDIA_ROOT and every other directory a model's FileField stores into."""
    media = FileRoot("media", _storage_location(default_storage, "MEDIA_ROOT"))
    roots = [media]
    for model, f in model_file_fields():
        label = f"{model._meta.label}.{f.name}"
        location = _storage_location(f.storage, label)
        root = next((r for r in roots if location == r.path or r.path in location.parents), None)
        if root is None:
            key = model._meta.app_label
            while any(r.key == key for r in roots):
                key += "-2"
            root = FileRoot(key, location)
            roots.append(root)
        root.fields.append(label)
        root.columns.append((model, f, location.relative_to(root.path).as_posix()))
    return roots


def _relative(prefix: str, name: str) -> str:
    return str(PurePosixPath(prefix, name)) if prefix not in ("", ".") else name


# --- database -------------------------------------------------------------------------------------


def _pg_env(settings_dict) -> dict[str, str]:
    """The connection for pg_dump/pg_restore as libpq variables, so no password is on a command line."""
    env = dict(os.environ)
    pairs = {
        "PGDATABASE": settings_dict.get("NAME"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": str(settings_dict.get("PORT") or ""),
    }
    options = settings_dict.get("OPTIONS") or {}
    for option, variable in (
        ("sslmode", "PGSSLMODE"),
        ("sslrootcert", "PGSSLROOTCERT"),
        ("service", "PGSERVICE"),
    ):
        if options.get(option):
            pairs[variable] = str(options[option])
    env.update({k: v for k, v in pairs.items() if v})
    return env


def _run_pg_tool(args: list[str], *, settings_dict) -> None:
    tool = shutil.which(args[0])
    if tool is None:
        raise BackupError(
            f"Das Programm {args[0]} fehlt. Installieren Sie die PostgreSQL-Client-Programme in der "
            "Version des Datenbankservers (Debian: apt-get install postgresql-client)."
        )
    result = subprocess.run(  # noqa: S603 - fixed program, arguments from our settings
        [tool, *args[1:]], env=_pg_env(settings_dict), capture_output=True, text=True
    )
    if result.returncode != 0:
        raise BackupError(f"{args[0]} ist fehlgeschlagen:\n{result.stderr.strip()}")


def _tables(cursor, vendor: str) -> list[str]:
    if vendor == "sqlite":
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    else:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
        )
    return [row[0] for row in cursor.fetchall()]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def table_counts(cursor, vendor: str) -> dict[str, int]:
    counts = {}
    for table in _tables(cursor, vendor):
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608 - names from the catalogue
        counts[table] = cursor.fetchone()[0]
    return counts


def _references(cursor, roots: list[FileRoot], tables: set[str]) -> dict[str, list[str]]:
    found: dict[str, set[str]] = {root.key: set() for root in roots}
    for root in roots:
        for model, f, prefix in root.columns:
            if model._meta.db_table not in tables:
                continue
            column = _quote(f.column)
            cursor.execute(
                f"SELECT {column} FROM {_quote(model._meta.db_table)} "  # noqa: S608 - names from the models
                f"WHERE {column} IS NOT NULL AND {column} <> ''"
            )
            found[root.key].update(_relative(prefix, row[0]) for row in cursor.fetchall())
    return {key: sorted(names) for key, names in found.items()}


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _snapshot_sqlite(directory: Path, roots: list[FileRoot]) -> dict:
    target = directory / "database.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        # One step (pages=-1): the copy is one read transaction, consistent under WAL.
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # a self-contained file, no -wal beside it
        cursor = copy.cursor()
        counts = table_counts(cursor, "sqlite")
        references = _references(cursor, roots, set(counts))
    finally:
        copy.close()
    return {
        "file": target.name,
        "counts": counts,
        "references": references,
        "server_version": sqlite3.sqlite_version,
    }


def _snapshot_postgresql(directory: Path, roots: list[FileRoot]) -> dict:
    target = directory / "database.pgdump"
    settings_dict = connection.settings_dict
    # A connection of its own holds the snapshot that pg_dump, the counts and the references share.
    raw = connection.Database.connect(**connection.get_connection_params())
    try:
        cursor = raw.cursor()
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
        snapshot, server_version = cursor.fetchone()
        _run_pg_tool(
            [
                "pg_dump",
                "--format=custom",
                f"--snapshot={snapshot}",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(target),
            ],
            settings_dict=settings_dict,
        )
        counts = table_counts(cursor, "postgresql")
        references = _references(cursor, roots, set(counts))
        raw.rollback()
    finally:
        raw.close()
    return {"file": target.name, "counts": counts, "references": references, "server_version": server_version}


# --- files ----------------------------------------------------------------------------------------


class _HashingReader:
    """Hands a file to tarfile and hashes what tarfile reads: one pass over each file."""

    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def _archive_root(root: FileRoot, target: Path) -> dict[str, dict]:
    files: dict[str, dict] = {}
    with tarfile.open(target, "w", format=tarfile.PAX_FORMAT) as archive:
        if not root.path.is_dir():
            return files
        for dirpath, dirnames, filenames in os.walk(root.path):
            dirnames.sort()
            for filename in sorted(filenames):
                path = Path(dirpath, filename)
                if path.is_symlink() or not path.is_file():
                    continue
                name = path.relative_to(root.path).as_posix()
                info = archive.gettarinfo(str(path), arcname=name)
                with path.open("rb") as handle:
                    reader = _HashingReader(handle)
                    archive.addfile(info, reader)
                files[name] = {"size": info.size, "sha256": reader.digest.hexdigest()}
    return files


# --- backup ---------------------------------------------------------------------------------------


def _portal_version() -> dict[str, str]:
    import django
    import wagtail

    versions = {
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
        "python": sys.version.split()[0],
    }
    try:
        with (Path(settings.BASE_DIR) / "pyproject.toml").open("rb") as handle:
            versions["portal"] = tomllib.load(handle)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        versions["portal"] = "unbekannt"
    git = shutil.which("git")
    if git and (Path(settings.BASE_DIR) / ".git").exists():
        result = subprocess.run(  # noqa: S603 - fixed program
            [git, "rev-parse", "HEAD"], cwd=settings.BASE_DIR, capture_output=True, text=True
        )
        if result.returncode == 0:
            versions["commit"] = result.stdout.strip()
    return versions


@dataclass
class BackupSummary:
    directory: Path
    tables: int
    rows: int
    files: dict[str, int]
    missing: dict[str, list[str]]


def backup_create(directory: Path) -> BackupSummary:
    """Write a backup into `directory` (new or empty): database snapshot first, then the files."""
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise BackupError(
            f"Das Zielverzeichnis {directory} ist nicht leer. Wählen Sie ein neues Verzeichnis."
        )
    # Personal data (hotline attachments, addresses, password hashes): for the service account only.
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    directory.chmod(0o700)
    previous_umask = os.umask(0o077)
    try:
        return _backup_write(directory)
    finally:
        os.umask(previous_umask)


def _backup_write(directory: Path) -> BackupSummary:
    roots = file_roots()
    created_at = datetime.datetime.now(datetime.UTC)
    vendor = connection.vendor
    if vendor == "sqlite":
        snapshot = _snapshot_sqlite(directory, roots)
    elif vendor == "postgresql":
        snapshot = _snapshot_postgresql(directory, roots)
    else:
        raise BackupError(f"Die Datenbank {vendor} wird von der Sicherung nicht unterstützt.")
    database_file = directory / snapshot["file"]
    file_sections = {}
    missing = {}
    for root in roots:
        files = _archive_root(root, directory / root.archive)
        referenced = snapshot["references"][root.key]
        missing[root.key] = [name for name in referenced if name not in files]
        file_sections[root.key] = {
            "archive": root.archive,
            "fields": root.fields,
            "source": str(root.path),
            "files": files,
            "referenced": referenced,
            "missing": missing[root.key],
        }
    manifest = {
        "format": FORMAT,
        "created_at": created_at.isoformat(),
        "versions": _portal_version(),
        "database": {
            "vendor": vendor,
            "server_version": snapshot["server_version"],
            "file": snapshot["file"],
            "size": database_file.stat().st_size,
            "sha256": _sha256_file(database_file),
            "tables": snapshot["counts"],
        },
        "files": file_sections,
        "secret_key": KEY_NOT_INCLUDED,
        "consistency": (
            "Erst der Datenbank-Schnappschuss, dann die Dateien. Dateien, die der Schnappschuss nennt, "
            "sind im Archiv (sonst unter 'missing' aufgeführt); später hochgeladene Dateien sind "
            "zusätzlich enthalten und werden von keiner Zeile genannt."
        ),
    }
    partial = directory / (MANIFEST + ".tmp")
    partial.write_text(json.dumps(manifest, indent=1, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    partial.replace(directory / MANIFEST)
    return BackupSummary(
        directory=directory,
        tables=len(snapshot["counts"]),
        rows=sum(snapshot["counts"].values()),
        files={key: len(section["files"]) for key, section in file_sections.items()},
        missing={key: names for key, names in missing.items() if names},
    )


# --- restore --------------------------------------------------------------------------------------


def manifest_read(directory: Path) -> dict:
    path = Path(directory) / MANIFEST
    if not path.exists():
        raise BackupError(
            f"In {directory} fehlt {MANIFEST}: Das ist keine vollständige Sicherung "
            "(sie wurde womöglich abgebrochen)."
        )
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unbekanntes Sicherungsformat {manifest.get('format')!r} (erwartet: {FORMAT}).")
    return manifest


def _safe_member(member: tarfile.TarInfo) -> bool:
    path = PurePosixPath(member.name)
    return not path.is_absolute() and ".." not in path.parts and (member.isfile() or member.isdir())


def _verify_archive(archive_path: Path, expected: dict[str, dict]) -> None:
    """Every member is a plain file inside the root whose SHA-256 matches the manifest, and none is missing."""
    seen = set()
    with tarfile.open(archive_path, "r") as archive:
        for member in archive:
            if not _safe_member(member):
                raise BackupError(f"{archive_path.name}: unzulässiger Eintrag {member.name!r}.")
            if member.isdir():
                continue
            wanted = expected.get(member.name)
            handle = archive.extractfile(member)
            digest = hashlib.sha256()
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
            if wanted is None or wanted["sha256"] != digest.hexdigest():
                raise BackupError(
                    f"{archive_path.name}: {member.name} stimmt nicht mit der Prüfsumme überein."
                )
            seen.add(member.name)
    if seen != set(expected):
        absent = sorted(set(expected) - seen)[:5]
        raise BackupError(f"{archive_path.name}: es fehlen Dateien, z. B. {', '.join(absent)}.")


def _extract_archive(archive_path: Path, target: Path, expected: dict[str, dict]) -> int:
    target.mkdir(parents=True, exist_ok=True)
    count = 0
    with tarfile.open(archive_path, "r") as archive:
        for member in archive:
            if not member.isfile():
                continue
            destination = target.joinpath(*PurePosixPath(member.name).parts)
            destination.parent.mkdir(parents=True, exist_ok=True)
            source = archive.extractfile(member)
            digest = hashlib.sha256()
            with destination.open("wb") as out:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
            if digest.hexdigest() != expected[member.name]["sha256"]:
                raise BackupError(f"{member.name} wurde nicht unverändert wiederhergestellt.")
            os.utime(destination, (member.mtime, member.mtime))
            count += 1
    return count


@dataclass
class RestoreSummary:
    tables: int
    rows: int
    files: dict[str, tuple[int, Path]]
    created_at: str
    pending_migrations: int


def _pending_migrations() -> int:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def backup_restore(directory: Path, *, force: bool = False) -> RestoreSummary:
    """Restore a backup into an empty database and empty file roots, verified against the manifest."""
    directory = Path(directory)
    manifest = manifest_read(directory)
    database = manifest["database"]
    if database["vendor"] != connection.vendor:
        raise BackupError(
            f"Die Sicherung stammt aus {database['vendor']}, die Zieldatenbank ist {connection.vendor}. "
            "Stellen Sie in eine Datenbank derselben Art wieder her."
        )
    dump = directory / database["file"]
    if not dump.exists() or _sha256_file(dump) != database["sha256"]:
        raise BackupError(f"{dump.name} fehlt oder stimmt nicht mit der Prüfsumme im Manifest überein.")
    roots = {root.key: root for root in file_roots()}
    for key, section in manifest["files"].items():
        if key not in roots:
            raise BackupError(
                f"Die Sicherung enthält Dateien für „{key}“ ({', '.join(section['fields'])}), "
                "diese Software kennt keinen solchen Ablageort."
            )
        _verify_archive(directory / section["archive"], section["files"])

    try:
        existing = connection.introspection.table_names()
    except OperationalError as exc:
        raise BackupError(
            f"Die Zieldatenbank ist nicht erreichbar ({str(exc).strip()}). Legen Sie sie zuerst an, "
            "z. B. mit createdb, und prüfen Sie DATABASE_URL."
        ) from exc
    if existing and not force:
        raise BackupError(
            f"Die Zieldatenbank ist nicht leer ({len(existing)} Tabellen). Stellen Sie in eine neue, leere "
            "Datenbank wieder her oder überschreiben Sie ausdrücklich mit --force."
        )
    for key in manifest["files"]:
        path = roots[key].path
        if path.is_dir() and any(path.iterdir()) and not force:
            raise BackupError(
                f"Das Verzeichnis {path} ({key}) ist nicht leer. Stellen Sie in ein leeres Verzeichnis "
                "wieder her oder überschreiben Sie ausdrücklich mit --force."
            )

    if connection.vendor == "sqlite":
        name = str(connection.settings_dict["NAME"])
        if connection.is_in_memory_db():
            raise BackupError("Eine SQLite-Datenbank im Arbeitsspeicher kann nicht wiederhergestellt werden.")
        connection.close()
        source, target = sqlite3.connect(dump), sqlite3.connect(name)
        try:
            source.backup(target)  # replaces the whole content, tables that were there included
        finally:
            source.close()
            target.close()
    else:
        connection.close()
        args = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
        if force:
            args += ["--clean", "--if-exists"]
        _run_pg_tool(
            [*args, "--dbname", connection.settings_dict["NAME"], str(dump)],
            settings_dict=connection.settings_dict,
        )

    files = {}
    for key, section in manifest["files"].items():
        files[key] = (
            _extract_archive(directory / section["archive"], roots[key].path, section["files"]),
            roots[key].path,
        )

    with connection.cursor() as cursor:
        counts = table_counts(cursor, connection.vendor)
    expected = database["tables"]
    wrong = sorted(t for t in expected if counts.get(t) != expected[t])
    if wrong:
        details = ", ".join(f"{t}: {counts.get(t)} statt {expected[t]}" for t in wrong[:5])
        raise BackupError(f"Die Zeilenzahlen weichen von der Sicherung ab: {details}.")
    return RestoreSummary(
        tables=len(expected),
        rows=sum(expected.values()),
        files=files,
        created_at=manifest["created_at"],
        pending_migrations=_pending_migrations(),
    )
