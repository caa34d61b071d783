"""Backup and restore: a backup restored into an empty database and empty directories holds every
row of every table and every file, byte for byte (`manage.py backup`, `manage.py restore`).

The backup runs in the test process against the test database; the restore runs in a separate
process, as an operator would, into a new SQLite file or a newly created PostgreSQL database.
"""

import hashlib
import io
import json
import os
import secrets
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg
import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection, models

from ikz.core.backup import BackupError, _tables, backup_restore, file_roots

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(settings.BASE_DIR)


def fingerprint() -> dict[str, list]:
    """Every table of the current database: row count and a hash over all rows' values (any order)."""
    result = {}
    with connection.cursor() as cursor:
        for table in _tables(cursor, connection.vendor):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from the catalogue
            rows = sorted(
                repr(tuple(bytes(v).hex() if isinstance(v, bytes | memoryview) else v for v in row))
                for row in cursor.fetchall()
            )
            result[table] = [len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest()]
    return result


def files_in(directory: Path) -> dict[str, str]:
    if not directory.is_dir():
        return {}
    return {
        path.relative_to(directory).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def file_dirs(settings, tmp_path, monkeypatch):
    from ikz.hotline.models import Inquiry

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.HOTLINE_ATTACHMENT_ROOT = tmp_path / "hotline"
    settings.HOTLINE_MIN_FILL_SECONDS = 0
    # The hotline's storage is created once per process; point this test's at its own directory.
    field = Inquiry._meta.get_field("attachment")
    monkeypatch.setattr(field, "storage", FileSystemStorage(location=tmp_path / "hotline", base_url=None))
    return {"media": tmp_path / "media", "hotline": tmp_path / "hotline"}


def png_bytes() -> bytes:
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (0, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def content(
    file_dirs, smtp_server, library_laws, member, editor, public_user, project_factory, inquiry_factory
):
    """What a running portal holds: people, a library, a project with a document, an inquiry with an attachment."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from ikz.projects.models import ProjectDocument

    municipality = member.memberships.first().municipality
    document = get_document_model().objects.create(
        title="Satzung des Zweckverbands", file=ContentFile(b"%PDF-1.4\n% Satzung\n" * 50, name="satzung.pdf")
    )
    image = get_image_model().objects.create(title="Karte", file=ContentFile(png_bytes(), name="karte.png"))
    image.get_rendition("fill-20x20")
    project = project_factory(
        title="Gemeinsamer Bauhof Nord", municipalities=[municipality], created_by=member
    )
    project.documents = [ProjectDocument(document=document, title="Satzung")]
    project.save()
    inquiry = inquiry_factory(
        subject="Umsatzsteuer bei der Zusammenarbeit",
        attachment=SimpleUploadedFile("vertrag.pdf", b"%PDF-1.4\n% Vertrag mit Umlaut \xc3\xa4\n" * 40),
    )
    return {"document": document, "image": image, "project": project, "inquiry": inquiry}


def restore_env(tmp_path: Path, database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "IKZ_ENV")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(tmp_path / "restored-media"),
        HOTLINE_ATTACHMENT_ROOT=str(tmp_path / "restored-hotline"),
    )
    return env


def manage(args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )


@pytest.fixture
def empty_database(tmp_path):
    """A new, empty database of the test database's kind: a SQLite file or a PostgreSQL database."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    params = connection.settings_dict
    name = f"h_g_restore_{secrets.token_hex(4)}"
    admin = {"dbname": "postgres", "user": params["USER"], "password": params["PASSWORD"] or None}
    admin.update(host=params["HOST"] or None, port=params["PORT"] or None)
    with psycopg.connect(**{k: v for k, v in admin.items() if v}, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    auth = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
    yield f"postgres://{auth}@{params['HOST'] or 'localhost'}:{params['PORT'] or 5432}/{name}"
    with psycopg.connect(**{k: v for k, v in admin.items() if v}, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_restore_into_an_empty_database_finds_every_row_and_file(
    content, file_dirs, empty_database, tmp_path
):
    backup_dir = tmp_path / "sicherung"
    out = io.StringIO()
    call_command("backup", str(backup_dir), stdout=out)
    assert "Sicherung in" in out.getvalue()
    assert "SECRET_KEY ist nicht Teil" in out.getvalue()
    original = fingerprint()
    original_files = {key: files_in(path) for key, path in file_dirs.items()}

    manifest = json.loads((backup_dir / "manifest.json").read_text(encoding="utf-8"))
    # The manifest names what the database references, and the references are in the archives.
    media, hotline = manifest["files"]["media"], manifest["files"]["hotline"]
    assert content["document"].file.name in media["referenced"]
    assert content["image"].file.name in media["referenced"]
    assert content["inquiry"].attachment.name in hotline["referenced"]
    assert media["missing"] == [] and hotline["missing"] == []
    assert set(media["files"]) == set(original_files["media"])
    assert {n: f["sha256"] for n, f in hotline["files"].items()} == original_files["hotline"]
    assert manifest["database"]["tables"]["hotline_inquiry"] == 1
    # Every model's table is in the backup, with its row count.
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            assert model._meta.db_table in manifest["database"]["tables"], model._meta.label
            assert manifest["database"]["tables"][model._meta.db_table] == original[model._meta.db_table][0]
    # The key is not in the backup, and only the service account can read it.
    assert backup_dir.stat().st_mode & 0o077 == 0
    for path in backup_dir.iterdir():
        assert settings.SECRET_KEY.encode() not in path.read_bytes(), path.name
        assert path.stat().st_mode & 0o077 == 0, path.name

    env = restore_env(tmp_path, empty_database)
    result = manage(["restore", str(backup_dir)], env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Zeilenzahlen und Prüfsummen stimmen mit manifest.json überein" in result.stdout

    shown = manage(
        [
            "shell",
            "-c",
            "import json; from ikz.core.tests.test_backup import fingerprint; print(json.dumps(fingerprint()))",
        ],
        env,
    )
    assert shown.returncode == 0, shown.stderr
    restored = json.loads(shown.stdout.strip().splitlines()[-1])
    assert restored == original
    assert files_in(tmp_path / "restored-media") == original_files["media"]
    assert files_in(tmp_path / "restored-hotline") == original_files["hotline"]
    assert original_files["media"] and original_files["hotline"]
    # The restored portal keeps working: new rows get fresh keys (PostgreSQL's sequences came along).
    added = manage(
        ["shell", "-c", "from django.contrib.auth.models import Group; Group.objects.create(name='Neu')"], env
    )
    assert added.returncode == 0, added.stderr

    # A second restore into the now filled database is refused.
    again = manage(["restore", str(backup_dir)], env)
    assert again.returncode != 0
    assert "Die Zieldatenbank ist nicht leer" in again.stderr


def test_restore_refuses_a_changed_file_before_touching_anything(content, file_dirs, tmp_path):
    backup_dir = tmp_path / "sicherung"
    call_command("backup", str(backup_dir), stdout=io.StringIO())
    archive = backup_dir / "files-hotline.tar"
    with tarfile.open(archive) as tar:
        member = next(m for m in tar if m.isfile())
        offset = member.offset_data
    data = bytearray(archive.read_bytes())
    data[offset] ^= 0xFF
    archive.write_bytes(bytes(data))
    before = fingerprint()
    with pytest.raises(BackupError, match="Prüfsumme"):
        backup_restore(backup_dir, force=True)
    assert fingerprint() == before


def test_restore_names_a_missing_target_database(file_dirs, tmp_path):
    backup_dir = tmp_path / "sicherung"
    call_command("backup", str(backup_dir), stdout=io.StringIO())
    if connection.vendor == "sqlite":
        url = f"sqlite:///{tmp_path / 'fehlt' / 'db.sqlite3'}"
    else:
        params = connection.settings_dict
        url = (
            f"postgres://{params['USER']}@{params['HOST'] or 'localhost'}:{params['PORT'] or 5432}/h_g_fehlt"
        )
    result = manage(["restore", str(backup_dir)], restore_env(tmp_path, url))
    assert result.returncode != 0
    assert "Die Zieldatenbank ist nicht erreichbar" in result.stderr, result.stderr
    assert not (tmp_path / "restored-media").exists()


def test_restore_refuses_an_incomplete_backup(tmp_path):
    (tmp_path / "abgebrochen").mkdir()
    with pytest.raises(BackupError, match="keine vollständige Sicherung"):
        backup_restore(tmp_path / "abgebrochen")


def test_backup_refuses_a_directory_that_is_not_empty(tmp_path):
    (tmp_path / "alt.txt").write_text("x")
    with pytest.raises(CommandError, match="nicht leer"):
        call_command("backup", str(tmp_path), stdout=io.StringIO())


def test_every_file_field_is_in_a_backed_up_root(file_dirs):
    """A new FileField with a storage of its own gets a root (and an archive) without further work."""
    roots = file_roots()
    covered = {label for root in roots for label in root.fields}
    for model in apps.get_models():
        for field in model._meta.local_fields:
            if isinstance(field, models.FileField):
                assert f"{model._meta.label}.{field.name}" in covered
    by_key = {root.key: root for root in roots}
    assert by_key["media"].path == file_dirs["media"].resolve()
    assert by_key["hotline"].path == file_dirs["hotline"].resolve()
    assert "hotline.Inquiry.attachment" in by_key["hotline"].fields
    assert "wagtaildocs.Document.file" in by_key["media"].fields


def test_a_storage_outside_the_file_system_is_refused(file_dirs, monkeypatch):
    from django.core.files.storage import InMemoryStorage

    from ikz.hotline.models import Inquiry

    monkeypatch.setattr(Inquiry._meta.get_field("attachment"), "storage", InMemoryStorage())
    with pytest.raises(BackupError, match="nicht im Dateisystem"):
        file_roots()


@pytest.fixture(autouse=True)
def _no_leftovers(tmp_path):
    yield
    shutil.rmtree(tmp_path, ignore_errors=True)
