"""deploy/gunicorn.conf.py: each worker warms up with real requests, then freezes what it holds."""

import gc
import importlib.util
import logging
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler

CONF = Path(__file__).resolve().parent.parent / "deploy" / "gunicorn.conf.py"


def _conf(monkeypatch, **env):
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
