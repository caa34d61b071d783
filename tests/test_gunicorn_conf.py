"""deploy/gunicorn.conf.py: each worker warms up with real requests, then freezes what it holds."""

import gc
import importlib.util
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler

CONF = Path(__file__).resolve().parent.parent / "deploy" / "gunicorn.conf.py"


def _conf(monkeypatch, **env):
    # The file sets DATABASE_STATEMENT_TIMEOUT for the app it loads: not left behind for other tests.
    monkeypatch.delenv("DATABASE_STATEMENT_TIMEOUT", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("ikz_gunicorn_conf", CONF)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class FakeWorker:
    """What post_worker_init uses of a gunicorn worker: its WSGI application, pid and log."""

    def __init__(self, wsgi):
        self.wsgi, self.pid, self.log = wsgi, 4711, logging.getLogger("gunicorn.test")


@pytest.fixture
def gc_restored():
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_settings_from_the_environment(monkeypatch):
    conf = _conf(monkeypatch, GUNICORN_BIND="127.0.0.1:9001", WEB_CONCURRENCY="3")
    assert (conf.bind, conf.workers, conf.preload_app) == ("127.0.0.1:9001", 3, True)
    assert conf.WARMUP == ["/", "/suche/?q=Zweckverband"]


def test_gthread_with_four_threads_unless_sync_is_asked_for(monkeypatch):
    monkeypatch.delenv("GUNICORN_WORKER_CLASS", raising=False)
    monkeypatch.delenv("GUNICORN_THREADS", raising=False)
    conf = _conf(monkeypatch)
    assert (conf.worker_class, conf.threads) == ("gthread", 4)
    conf = _conf(monkeypatch, GUNICORN_WORKER_CLASS="sync")
    assert (conf.worker_class, conf.threads) == ("sync", 1)


# The warm-up runs whole requests: Django closes the database connection after each, as in a worker.
@pytest.mark.django_db(transaction=True)
def test_worker_warms_up_past_the_page_cache_and_freezes(monkeypatch, settings, home_page, gc_restored):
    settings.ALLOWED_HOSTS = ["ikz-portal.nrw.example"]
    settings.SECURE_SSL_REDIRECT = True  # production: the warm-up must arrive as HTTPS
    settings.CACHES = {
        **settings.CACHES,
        "pagecache": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "gunicorn-warmup",
        },
    }
    settings.PAGE_CACHE_ENABLED = True
    conf = _conf(monkeypatch, GUNICORN_GC_THRESHOLD="12345,15,15")
    seen = []
    application = WSGIHandler()

    def wsgi(environ, start_response):
        seen.append(environ)

        def recorded(status, headers, exc_info=None):
            seen[-1] = (environ["PATH_INFO"], status, dict(headers))
            return start_response(status, headers, exc_info)

        return application(environ, recorded)

    gc.unfreeze()
    conf.post_worker_init(FakeWorker(wsgi))
    assert [(path, status) for path, status, _ in seen] == [("/", "200 OK"), ("/suche/", "200 OK")]
    # Rendered for real (a cookie keeps the page cache out of the way), never served from it.
    assert all("X-Page-Cache" not in headers for _, _, headers in seen)
    assert gc.get_freeze_count() > 10_000
    assert gc.get_threshold() == (12345, 15, 15)
    caches["pagecache"].clear()


def test_a_failing_warm_up_does_not_stop_the_worker(monkeypatch, gc_restored):
    conf = _conf(monkeypatch, GUNICORN_WARMUP="/kaputt/")

    def broken(environ, start_response):
        raise RuntimeError("Datenbank weg")

    conf.post_worker_init(FakeWorker(broken))
    assert gc.get_freeze_count() > 0


# --- gthread: a hung request ends its worker (decision 0023) --------------------------------------

HANG_APP = """
import os
import time


def app(environ, start_response):
    if environ["PATH_INFO"] == "/haengt":
        time.sleep(3600)
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [str(os.getpid()).encode()]
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port: int, path: str, timeout: float = 5) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as response:  # noqa: S310
        return response.read().decode()


def test_a_hung_request_ends_its_gthread_worker(tmp_path):
    """gunicorn's own timeout only watches the main thread of a gthread worker: without the
    watchdog the hung request below would hold its thread for ever and the worker would live on."""
    (tmp_path / "hangapp.py").write_text(HANG_APP)
    port = _free_port()
    env = {
        **os.environ,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKER_CLASS": "gthread",
        "GUNICORN_THREADS": "2",
        "GUNICORN_TIMEOUT": "2",
        "GUNICORN_WARMUP": "",
        "WEB_CONCURRENCY": "1",
    }
    log = tmp_path / "gunicorn.log"
    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            str(CONF),
            "--pythonpath",
            str(tmp_path),
            "--error-logfile",
            str(log),
            "hangapp:app",
        ],  # fmt: skip
        env=env,
        cwd=CONF.parent.parent,
        start_new_session=True,  # master and worker are ended together, whatever the outcome
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                first = _get(port, "/")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        with pytest.raises(OSError):  # the connection is dropped when the worker exits
            _get(port, "/haengt", timeout=20)
        deadline = time.monotonic() + 20
        while True:
            try:
                second = _get(port, "/")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        assert second != first  # a new worker answers
        text = log.read_text()
        assert "Anfrage GET /haengt läuft seit" in text
        assert "time.sleep(3600)" in text  # the hung thread's stack is in the log
    finally:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=30)


def test_statement_timeout_for_postgresql_only_when_set():
    code = (
        "import json; from config.settings import production as p; "
        "print(json.dumps(p.DATABASES['default'].get('OPTIONS', {})))"
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_STATEMENT_TIMEOUT"}
    }
    env.update(
        SECRET_KEY="x" * 20 + "-production-test-key-with-enough-entropy-0123456789",
        ALLOWED_HOSTS="ikz-portal.example",
        DATABASE_URL="postgres://ikz@127.0.0.1:5432/ikz",
    )

    def options(**more) -> dict:
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-c", code], env={**env, **more}, cwd=CONF.parent.parent,
            capture_output=True, text=True, timeout=120, check=True,
        )  # fmt: skip
        return json.loads(result.stdout.strip().splitlines()[-1])

    assert "options" not in options()  # commands (migrations, imports): no limit
    assert options(DATABASE_STATEMENT_TIMEOUT="30")["options"] == "-c statement_timeout=30s"
    sqlite = options(DATABASE_STATEMENT_TIMEOUT="30", DATABASE_URL="sqlite:////tmp/x.sqlite3")
    assert "options" not in sqlite
