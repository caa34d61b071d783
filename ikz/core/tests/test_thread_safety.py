"""The per-process caches from many threads at once, as gunicorn's gthread worker runs requests
(docs/decisions/0023-gunicorn-gthread.md): VersionedCache while the content version changes,
RecentEntries, and the page cache's WSGI fast path serving one page to many threads.

The interpreter is made to switch threads after almost every bytecode (`sys.setswitchinterval`),
so a check-then-act without its lock fails here within a few hundred calls instead of once a month
in production."""

import gzip
import sys
import threading
import time

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory

from ikz.core.pagecache import invalidation
from ikz.core.pagecache.fastpath import PageCacheFastPath
from ikz.core.pagecache.middleware import RecentEntries, recent
from ikz.core.versioned_cache import VersionedCache

THREADS = 16


@pytest.fixture
def busy_switching():
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(before)


def run_together(target, threads: int = THREADS) -> None:
    """`target(i)` in `threads` threads started at the same moment; the first error is raised here."""
    barrier = threading.Barrier(threads)
    errors: list[BaseException] = []

    def run(i):
        barrier.wait()
        try:
            target(i)
        except BaseException as error:  # noqa: BLE001 - handed to the test's thread below
            errors.append(error)

    started = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for thread in started:
        thread.start()
    for thread in started:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in started), "Threads hängen"
    if errors:
        raise errors[0]


def test_versioned_cache_never_serves_a_value_of_an_older_version(page_cache, busy_switching):
    """Five keys in a cache for one (evicting all the time), a bump every few calls: each
    answer is the asked key's, built under the version current at the call or a later one."""
    values = VersionedCache(max_entries=1)
    keys = [f"k{i}" for i in range(5)]
    history = [invalidation.current_version()[0]]  # bumped by thread 0 only: in order
    seen: list[tuple[str, str, tuple]] = []  # (key, version before the call, value)

    def build_one(key):
        return (key, invalidation.current_version()[0])

    def calls(i):
        for n in range(3000):
            if i == 0 and n % 100 == 0:
                history.append(invalidation.bump("Test"))
            key = keys[(i * 7 + n) % len(keys)]
            before = invalidation.current_version()[0]
            if n % 3:
                value = values.get_or_build(key, lambda key=key: build_one(key))
                seen.append((key, before, value))
            else:
                wanted = [key, keys[(keys.index(key) + 1) % len(keys)]]
                found = values.get_or_build_many(wanted, lambda missing: {k: build_one(k) for k in missing})
                assert sorted(found) == sorted(wanted)
                seen.extend((k, before, found[k]) for k in wanted)

    run_together(calls)
    order = {token: i for i, token in enumerate(history)}
    assert len(order) == len(history) == 31
    for key, before, (built_for, built_under) in seen:
        assert built_for == key
        assert order[built_under] >= order[before], "Wert einer älteren Inhaltsversion ausgeliefert"
    assert len(values._values) <= 1


def test_a_missing_value_is_built_once_while_the_other_threads_wait(page_cache):
    """After a publish all threads of a worker ask for the same facets at once: one builds them."""
    values = VersionedCache(max_entries=10)
    builds = []

    def slow_build():
        builds.append(threading.get_ident())
        time.sleep(0.2)
        return ("Facetten", len(builds))

    answers = []
    run_together(lambda i: answers.append(values.get_or_build("facetten", slow_build)))
    assert len(builds) == 1
    assert answers == [("Facetten", 1)] * THREADS

    invalidation.bump("Test")  # a new version: built once more, once
    run_together(lambda i: answers.append(values.get_or_build("facetten", slow_build)))
    assert len(builds) == 2
    assert values._building == {}


def test_when_the_building_thread_fails_the_waiting_ones_build_themselves(page_cache):
    values = VersionedCache(max_entries=10)
    calls = []

    def build():
        calls.append(1)
        time.sleep(0.1)
        if len(calls) == 1:
            raise RuntimeError("Datenbank weg")
        return "gebaut"

    outcomes = []

    def ask(i):
        try:
            outcomes.append(values.get_or_build("k", build))
        except RuntimeError:
            outcomes.append("Fehler")

    run_together(ask, threads=4)
    assert sorted(outcomes, key=str) == ["Fehler", "gebaut", "gebaut", "gebaut"]
    assert values._building == {}


def test_recent_entries_keep_their_byte_count_under_threads(busy_switching):
    store = RecentEntries(max_bytes=4_000)
    now = time.time()
    entries = {
        f"p{i}": {
            "key": f"p{i}",
            "body": bytes([65 + i]) * (200 + 10 * i),
            "gzip": b"z" * 50 if i % 2 else None,
            # every fifth expired: get() drops it, concurrently with puts of the same key
            "expires": now - 1 if i % 5 == 0 else now + 600,
        }
        for i in range(20)
    }
    names = sorted(entries)

    def calls(i):
        for n in range(5000):
            key = names[(i * 3 + n) % len(names)]
            if (n + i) % 2:
                store.put(key, entries[key])
            else:
                found = store.get(key)
                assert found is None or found["key"] == key
                assert found is None or found["expires"] > now

    run_together(calls)
    kept = list(store._entries.values())
    assert store._bytes == sum(RecentEntries._size(e) for e in kept)
    assert store._bytes <= 4_000


@pytest.fixture
def fast_path(page_cache, settings):
    """The WSGI fast path in front of Django's handler, with production's HTTPS settings."""
    from django.core.handlers.wsgi import WSGIHandler

    recent.clear()
    settings.ALLOWED_HOSTS = ["localhost"]
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield PageCacheFastPath(WSGIHandler())
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
    recent.clear()


def _call(app, environ) -> tuple[str, tuple, bytes]:
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, tuple(headers)

    body = b"".join(app(dict(environ), start_response))
    return seen["status"], seen["headers"], body


@pytest.mark.django_db
def test_fast_path_gives_every_thread_the_same_answer(fast_path, home_page, busy_switching):
    """The answers the fast path keeps with an entry (`_built`, one per kind of request) are
    filled by many threads at once; each thread gets exactly the single-threaded answer."""

    def environ(gzip_ok: bool, etag: str = "") -> dict:
        headers = {"HTTP_ACCEPT_ENCODING": "gzip" if gzip_ok else "identity"}
        if etag:
            headers["HTTP_IF_NONE_MATCH"] = etag
        return RequestFactory().get("/", secure=True, HTTP_HOST="localhost", **headers).environ

    first = _call(fast_path, environ(False))  # rendered by Django and stored
    assert first[0] == "200 OK"
    assert ("X-Page-Cache", "miss") in first[1]
    etag = dict(first[1])["ETag"]
    kinds = [environ(False), environ(True), environ(True, etag), environ(False, etag)]
    expected = [_call(fast_path, e) for e in kinds]
    assert [a[0] for a in expected] == ["200 OK", "200 OK", "304 Not Modified", "304 Not Modified"]
    assert gzip.decompress(expected[1][2]) == expected[0][2] == first[2]

    # From here on every request must be a hit: Django is not asked again.
    reached_django = []
    fast_path.application = lambda environ, start_response: reached_django.append(1) or []
    for entry in recent._entries.values():
        entry.pop("_built", None)  # the answers are built again, by the threads at once

    def calls(i):
        for n in range(200):
            kind = (i + n) % len(kinds)
            assert _call(fast_path, kinds[kind]) == expected[kind]

    run_together(calls)
    assert reached_django == []
