"""Values computed once per content version (docs/decisions/0014-page-cache.md).

For parts of dynamic pages that are the same for every visitor and depend only on the database –
facet counts, the overview figures on the start page, a rendered SVG map – so a member's page does
not rebuild them on every request:

    markup = versioned_cache.get_or_build("projects:map", lambda: render_to_string(...))

The value is kept in this process together with the page cache's content version
(`pagecache.current_version()`) it was built under, and rebuilt as soon as that version changed –
that is, after the commit of any write to a table a public page may show. One cache read per call
(the version), no pickling of the value. The version is read *before* building, so a value whose
build overlaps a commit is stored under the old version and never served after it.

Not cached (built every time): without a configured page cache, and while this connection holds
uncommitted writes – inside such a transaction the database shows data the version does not
describe yet (a view that writes and then renders, or a test running in a transaction).

The value is shared by every later caller in the process: treat it as immutable (strings, tuples,
frozen data; copy a dict or list before changing it).

Safe for threads (gunicorn's gthread worker, decision 0023): the entries are read and written under
a lock, and a value missing for one key is built by one thread while the others asking for the same
key wait for it (at most BUILD_WAIT seconds, then they build it themselves) – after a publish, four
threads do not compute the same facets four times over on one core.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

from django.db import DEFAULT_DB_ALIAS

from .pagecache import invalidation

T = TypeVar("T")
_MISSING = object()

# Most keys are fixed names; keys with a parameter (one per Körperschaft, per filter) are bounded
# by the data, but a cap keeps a process from growing without end.
MAX_ENTRIES = 2_000
# How long a thread waits for another one building the same value before building it itself.
BUILD_WAIT = 10.0


def current_token(using: str = DEFAULT_DB_ALIAS) -> str | None:
    """The content version values are cached under now; None: build without caching."""
    if not invalidation.configured() or invalidation.has_pending_writes(using):
        return None
    try:
        return invalidation.current_version()[0]
    except Exception:
        # An unreachable cache must not break the page: build every time until it is back.
        return None


class VersionedCache:
    """Values of one kind kept per content version, the least recently used dropped beyond
    `max_entries`. The module's functions use a shared one; a kind with big or unbounded keys (one
    per search query) takes its own, so it cannot push the others out."""

    _all: list[VersionedCache] = []

    def __init__(self, max_entries: int):
        self.max_entries = max_entries
        self._values: OrderedDict[object, tuple[str, object]] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[tuple, threading.Event] = {}  # (key, token) → set when built
        VersionedCache._all.append(self)

    def get_or_build(self, key, build: Callable[[], T], *, using: str = DEFAULT_DB_ALIAS) -> T:
        """The value stored under `key` for the current content version, built by `build()` if missing
        – by one thread at a time: another thread asking meanwhile waits for that value."""
        token = current_token(using)
        if token is None:
            return build()
        with self._lock:
            found = self._get(key, token)
            if found is not _MISSING:
                return found
            flight = self._building.get((key, token))
            if flight is None:
                self._building[(key, token)] = threading.Event()
        if flight is not None:  # another thread builds it: wait, then take its value
            flight.wait(BUILD_WAIT)
            with self._lock:
                found = self._get(key, token)
            return build() if found is _MISSING else found
        try:
            value = build()
            with self._lock:
                self._put({key: value}, token)
        finally:
            with self._lock:
                self._building.pop((key, token)).set()
        return value

    def _get(self, key, token: str):
        """The entry's value if it was built under `token` (with the lock held), or _MISSING."""
        entry = self._values.get(key)
        if entry is None or entry[0] != token:
            return _MISSING
        self._values.move_to_end(key)
        return entry[1]

    def _put(self, built: dict, token: str) -> None:
        for key, value in built.items():
            self._values[key] = (token, value)
            self._values.move_to_end(key)
        while len(self._values) > self.max_entries:
            self._values.popitem(last=False)

    def get_or_build_many(self, keys: list, build: Callable[[list], dict], *,
                          using: str = DEFAULT_DB_ALIAS) -> dict:  # fmt: skip
        """The values stored under `keys` for the current content version; the missing ones built by a
        single `build(missing_keys)` call returning {key: value} (one query for all, not one per key)."""
        token = current_token(using)
        if token is None:
            return build(list(keys))
        found = {}
        with self._lock:
            for key in keys:
                value = self._get(key, token)
                if value is not _MISSING:
                    found[key] = value
        missing = [key for key in keys if key not in found]
        if missing:
            built = build(missing)
            with self._lock:
                self._put(built, token)
            found.update(built)
        return found

    def clear(self) -> None:
        with self._lock:
            self._values.clear()


_shared = VersionedCache(MAX_ENTRIES)
get_or_build = _shared.get_or_build
get_or_build_many = _shared.get_or_build_many


def clear() -> None:
    """Forget every value of every VersionedCache in this process (tests; the version makes this
    unnecessary otherwise)."""
    for values in VersionedCache._all:
        values.clear()
