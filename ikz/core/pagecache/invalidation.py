"""The content version: one value in the page cache that changes whenever public content may have.

Every stored page carries the version it was rendered under and is served only while that is still
the current one. The version changes after the commit of any transaction that wrote to a table not
in `rules.WRITE_EXEMPT` – seen at the database cursor, so saves, deletes, bulk writes, queryset
updates, Wagtail's publish/unpublish/move, imports and the task worker are all covered without a
list of signals to keep up to date. Rolled-back writes change nothing.

The version lives in the page cache itself (Redis shared by all app servers, or the file cache
shared by all processes of one machine), so a write in any process – web worker, task worker,
management command – reaches every other one at its next request. `content_changed` is sent in
the writing process after each change, for anything that must react at once (e.g. a proxy purge).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import secrets
import time
from functools import cache

import django.dispatch
from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from . import rules

logger = logging.getLogger(__name__)

CACHE_ALIAS = "pagecache"
VERSION_KEY = "pagecache:version"

# Sent after the version changed (in the process that changed it): version=<new token>.
content_changed = django.dispatch.Signal()


def page_cache():
    return caches[CACHE_ALIAS]


def configured() -> bool:
    return CACHE_ALIAS in settings.CACHES


def _new_version(previous: tuple[str, int] | None) -> tuple[str, int]:
    # The second is the pages' Last-Modified: strictly later than the previous one, so a client
    # that revalidates by date alone never gets a 304 for a change made in the same second.
    stamp = int(time.time())
    if previous:
        stamp = max(stamp, previous[1] + 1)
    return secrets.token_hex(8), stamp


def current_version() -> tuple[str, int]:
    """(token, unix time of the change). Creates one if the cache has none (first start, flush)."""
    version = page_cache().get(VERSION_KEY)
    return version if version else version_ensure(None)


def version_ensure(version: tuple[str, int] | None) -> tuple[str, int]:
    if version:
        return version
    store = page_cache()
    store.add(VERSION_KEY, _new_version(None), timeout=None)
    return store.get(VERSION_KEY) or _new_version(None)


def bump(reason: str = "") -> str | None:
    """Make every stored page stale. Returns the new token (None if the cache was unreachable)."""
    if not configured():
        return None
    store = page_cache()
    try:
        version = _new_version(store.get(VERSION_KEY))
        store.set(VERSION_KEY, version, timeout=None)
    except Exception:
        # The write itself stands; log loudly, since pages may now be stale until the next change.
        logger.exception("Seiten-Cache: Inhaltsversion konnte nicht erneuert werden (%s)", reason)
        return None
    content_changed.send(sender=bump, version=version[0], reason=reason)
    return version[0]


# --- Watching writes at the cursor ---------------------------------------------------------------

_READS = (
    "SELECT",
    "SAVEPOINT",
    "RELEASE",
    "ROLLBACK",
    "COMMIT",
    "BEGIN",
    "PRAGMA",
    "SET ",
    "SHOW",
    "EXPLAIN",
)
_WRITE_TABLE = re.compile(
    r"\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM|REPLACE\s+INTO)\s+[\"`]?([\w.]+)",
    re.IGNORECASE,
)


@cache
def _exempt() -> frozenset[str]:
    return rules.exempt_tables()


def write_affects_pages(sql) -> bool:
    """Whether a statement may change what a public page shows. Fails safe: whatever is not a
    recognised read, or a write to an exempt table, counts as a change (DDL, CTEs, raw SQL)."""
    if not isinstance(sql, str):
        return True
    head = sql[:40].lstrip().upper()
    if head.startswith(_READS):
        return False
    match = _WRITE_TABLE.match(sql[:300])
    return not (match and match.group(1).lower() in _exempt())


class _Pending:
    """One bump per transaction, however many statements wrote. Each write registers its own
    on_commit callback (so a rolled-back savepoint drops only its own); the first to run bumps."""

    __slots__ = ("done",)

    def __init__(self):
        self.done = False

    def fire(self):
        if not self.done:
            self.done = True
            bump("Datenbank geändert")


def _watch_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if configured() and write_affects_pages(sql):
        connection = context["connection"]
        pending = getattr(connection, "_pagecache_pending", None)
        if pending is None or pending.done:
            pending = connection._pagecache_pending = _Pending()
        if connection.in_atomic_block:
            transaction.on_commit(pending.fire, using=connection.alias)
        else:
            pending.fire()
    return result


def _pending_bumps(using: str) -> list:
    """The not yet fired bumps of writes in the connection's open transaction (each write's
    on_commit callback; those of a rolled-back savepoint are gone with it)."""
    connection = connections[using]
    if not connection.in_atomic_block:
        return []
    return [
        callback
        for _savepoints, callback, _robust in connection.run_on_commit
        if isinstance(getattr(callback, "__self__", None), _Pending) and not callback.__self__.done
    ]


def has_pending_writes(using: str = DEFAULT_DB_ALIAS) -> bool:
    """Whether the connection wrote to a table public pages may show in its open transaction: the
    content version does not describe what it sees until the commit."""
    return bool(_pending_bumps(using))


def fire_pending_writes(using: str = DEFAULT_DB_ALIAS) -> None:
    """Renew the version as the commit of the open transaction would (tests, which never commit)."""
    for callback in _pending_bumps(using):
        callback()


def watch_connection(connection, **kwargs) -> None:
    if _watch_writes not in connection.execute_wrappers:
        # First in the list: `with connection.execute_wrapper(...)` pops the last one on exit, which
        # must stay its own even if the connection was opened inside such a block.
        connection.execute_wrappers.insert(0, _watch_writes)


# --- The code a page was rendered with -----------------------------------------------------------


@cache
def release() -> str:
    """Part of every page key: pages rendered by other code (templates, views, translations) are
    never served. `PAGE_CACHE_RELEASE` (e.g. the deployed commit) if set, otherwise a fingerprint
    of the portal's code files, taken once per process."""
    if getattr(settings, "PAGE_CACHE_RELEASE", ""):
        return str(settings.PAGE_CACHE_RELEASE)
    digest = hashlib.sha256()
    base = settings.BASE_DIR
    for top in ("ikz", "templates", "config", "locale"):
        for root, dirs, files in os.walk(base / top):
            dirs[:] = sorted(d for d in dirs if d not in {"__pycache__", "tests", "data", "static"})
            for name in sorted(files):
                if name.endswith((".py", ".html", ".txt", ".mo")):
                    stat = os.stat(os.path.join(root, name))
                    digest.update(f"{root}/{name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()[:12]


def file_changed(sender, file_path, **kwargs) -> None:
    """runserver's autoreloader saw a template or code file change: pages may look different."""
    release.cache_clear()
    bump("Datei geändert")
    # Returning None lets Django decide between a reload and a template-cache reset as usual.
