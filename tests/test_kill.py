"""Kill test: a worker killed (SIGKILL) in the middle of saving a project with a document.

A real process saves a project through the service; after the document's file is written and
before the transaction commits it stops, and the test kills it. The database must hold
neither the project nor the document row; the file it left is found and removed by
`manage.py sweep_orphan_files`.
"""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent

WORKER = """
import sys, time
import django
django.setup()
from django.core.files.base import ContentFile
from ikz.accounts.models import User
from ikz.municipalities.models import Municipality
from ikz.projects import services

store = services._document_store

def store_then_hang(upload):
    document = store(upload)
    print("WRITTEN", document.file.path, flush=True)
    time.sleep(600)  # inside the open transaction: the test kills us here

services._document_store = store_then_hang
user = User.objects.get(email=sys.argv[1])
services.project_create_draft(
    user=user,
    fields={"title": "Abgebrochenes Projekt"},
    task_area_ids=[],
    participants=[{"municipality": Municipality.objects.get(ags="05374016"), "role": "lead"}],
    documents=[services.DocumentUpload(
        title="Vereinbarung", file=ContentFile(b"%PDF-1.4 Vereinbarung", name="vereinbarung.pdf"), user=user
    )],
)
print("COMMITTED", flush=True)
"""


def _database_url(tmp_path) -> str:
    """The test database as a URL another process can open (a file copy for SQLite)."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        target = tmp_path / "kill.sqlite3"
        import sqlite3

        copy = sqlite3.connect(target)
        connection.ensure_connection()
        connection.connection.backup(copy)
        copy.close()
        return f"sqlite:///{target}"
    user, host, port = settings["USER"], settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"


def _run(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, **kwargs
    )


@pytest.mark.django_db(transaction=True)
def test_killed_save_leaves_no_rows_and_the_sweep_removes_its_file(tmp_path, member):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(tmp_path),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "HOTLINE_ATTACHMENT_ROOT": str(tmp_path / "hotline"),
    }
    worker = subprocess.Popen(
        [sys.executable, "-c", WORKER, member.email], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        line = worker.stdout.readline()
        assert line.startswith("WRITTEN "), line
        written = Path(line.split(" ", 1)[1].strip())
        assert written.exists() and str(written).startswith(str(tmp_path / "media"))
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=60)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
        worker.stdout.close()
    assert worker.returncode == -signal.SIGKILL

    check = _run(
        env,
        "-c",
        "import django; django.setup();"
        "from wagtail.documents import get_document_model;"
        "from ikz.projects.models import Project;"
        "print(Project.objects.filter(title='Abgebrochenes Projekt').count(), get_document_model().objects.count())",
    )
    assert check.returncode == 0, check.stderr
    assert check.stdout.split() == ["0", "0"]  # no orphan rows
    assert written.exists()  # the crash left the file: this is what the sweep is for

    listed = _run(env, "manage.py", "sweep_orphan_files", "--dry-run", "--min-age", "0")
    assert listed.returncode == 0, listed.stderr
    assert written.name in listed.stdout and written.exists()

    swept = _run(env, "manage.py", "sweep_orphan_files", "--min-age", "0")
    assert swept.returncode == 0, swept.stderr
    assert "1 verwaiste Datei(en) gelöscht" in swept.stdout
    assert not written.exists()
