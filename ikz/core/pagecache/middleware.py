"""PageCacheMiddleware: anonymous pages from the page cache, before sessions, CSRF and auth run.

A request is looked up only if it is GET/HEAD, carries no cookie but the CSRF cookie and no
Authorization header, has a query string of bounded length and is outside the private prefixes.
The key is release + scheme + host + full path with query. An entry is served only while its content
version is the current one (one round trip: version and entry are read together).

A rendered response is stored only if the request was such a request, the view or page type is
public in rules.py, the visitor is anonymous, and the response is plainly shareable (see
`_storable`). Everything rendered for a request with a session cookie is marked
`Cache-Control: private, no-store`.

`lookup()` and `serve()` are the one implementation of "find the entry, build the answer": this
middleware uses them, and so does the WSGI fast path (fastpath.py), which answers hits before
Django's handler runs. `RecentEntries` keeps the entries a process served, decoded.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import threading
import time
from collections import OrderedDict
from email.utils import formatdate

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

from . import csrf, rules
from .invalidation import VERSION_KEY, page_cache, release, version_ensure

logger = logging.getLogger(__name__)

# Never looked up, never stored: cheaper than resolving, and a second line behind rules.py.
PRIVATE_PREFIXES = (
    "/admin/",
    "/konto/",
    "/documents/",
    "/_util/",
    "/partner/",
    "/projekte/meine/",
    "/werkstatt/",
)
STORED_STATUSES = {200, 301}
# Text answers only; text/calendar for the public event calendars, which calendar programs poll.
STORED_TYPES = {"text/html", "application/json", "text/csv", "application/atom+xml", "text/calendar"}
ALLOWED_VARY = {"cookie", "accept-encoding", "accept-language"}
# Headers the entry rebuilds itself or that belong to one response only.
_OWN_HEADERS = {
    "vary",
    "cache-control",
    "etag",
    "last-modified",
    "expires",
    "content-length",
    "date",
    "x-page-cache",
}

PUBLIC_CACHE_CONTROL = "public, no-cache"
# Where the WSGI fast path leaves its lookup for this middleware (fastpath.py); an environ key no
# HTTP header can produce (those all start with HTTP_).
STASH = "ikz.pagecache.lookup"
FORM_CACHE_CONTROL = "private, no-cache"


def _enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_ENABLED", False)


def _timeout() -> int:
    return getattr(settings, "PAGE_CACHE_TIMEOUT", 600)


def request_key(request) -> str | None:
    """The cache key of an anonymous GET/HEAD, or None when the request may be personal."""
    if request.method not in ("GET", "HEAD") or request.path.startswith(PRIVATE_PREFIXES):
        return None
    if any(name != settings.CSRF_COOKIE_NAME for name in request.COOKIES):
        return None  # the session, messages, language or anything else may change the page
    if "HTTP_AUTHORIZATION" in request.META:
        return None
    query = request.META.get("QUERY_STRING", "")
    if len(query) > getattr(settings, "PAGE_CACHE_MAX_QUERY", 1000):
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    url = f"{request.scheme}://{host}{request.get_full_path()}"
    return f"pagecache:{release()}:{hashlib.sha256(url.encode()).hexdigest()}"


def lookup(request) -> tuple[str | None, tuple[str, int] | None, dict | None]:
    """(key, current content version, the stored entry if it is valid under that version) with one
    cache read; (None, None, None) if the request is not looked up or the cache is unreachable.

    The one lookup for both ways a hit is served: this middleware and the WSGI fast path in
    fastpath.py. When the fast path looked the request up already and found nothing to serve, it
    leaves its result in the environ (`STASH`), and the lookup is not repeated."""
    key = request_key(request) if _enabled() else None
    if not key:
        return None, None, None
    stashed = request.META.pop(STASH, None)
    if stashed is not None and stashed[0] == key:
        return stashed
    try:
        store = page_cache()
        entry = recent.get(key)
        if entry is None:
            found = store.get_many([VERSION_KEY, key])
            version = version_ensure(found.get(VERSION_KEY))
            entry = found.get(key)
        else:
            version = version_ensure(store.get(VERSION_KEY))
            if entry["version"] != version[0]:
                entry = store.get(key)
    except Exception:
        logger.warning("Seiten-Cache nicht erreichbar; die Seite wird gerendert", exc_info=True)
        return None, None, None
    if not entry or entry["version"] != version[0]:
        return key, version, None
    recent.put(key, entry)
    return key, version, entry


class RecentEntries:
    """The entries this process served or stored last, decoded, so a hit reads only the small
    content version from the shared cache instead of the page (decompressing and unpickling a page
    from the file cache was 60 % of a hit). An entry is used only while its version is the current
    one – the same rule as for the shared cache – and not past its own expiry; at most `max_bytes`
    of bodies, the least recently used dropped first. Per process, safe for threads."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, dict] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    @staticmethod
    def _size(entry: dict) -> int:
        # the answers fastpath.py keeps with an entry share its body and gzip bytes
        return len(entry["body"]) + len(entry["gzip"] or b"")

    def get(self, key: str) -> dict | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry["expires"] <= time.time():
                self._bytes -= self._size(self._entries.pop(key))
                return None
            self._entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: dict) -> None:
        if "expires" not in entry or self._size(entry) > self.max_bytes // 4:
            return
        with self._lock:
            previous = self._entries.pop(key, None)
            if previous is not None:
                self._bytes -= self._size(previous)
            self._entries[key] = entry
            self._bytes += self._size(entry)
            while self._bytes > self.max_bytes:
                self._bytes -= self._size(self._entries.popitem(last=False)[1])

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0


recent = RecentEntries(getattr(settings, "PAGE_CACHE_PROCESS_BYTES", 32 * 1024 * 1024))


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key, version, entry = lookup(request)
        if entry:
            return serve(request, entry)
        response = self.get_response(request)
        if key:
            entry = self._entry(request, response, version)
            if entry:
                try:
                    page_cache().set(key, entry, timeout=_timeout())
                except Exception:
                    logger.warning("Seiten-Cache: Seite nicht gespeichert", exc_info=True)
                else:
                    recent.put(key, entry)
                return _validate(request, response, entry, hit=False)
        _mark_private(request, response)
        return response

    # --- storing ---------------------------------------------------------------------------------

    def _entry(self, request, response, version) -> dict | None:
        if not _storable(request, response):
            return None
        body = response.content
        form = settings.CSRF_COOKIE_NAME in response.cookies
        secret = request.META.get("CSRF_COOKIE")
        if form or secret:
            if settings.CSRF_USE_SESSIONS or not secret:
                return None
            body = csrf.tokens_replace(body, secret)
            if body is None:
                return None
            form = csrf.PLACEHOLDER in body
        compressed = gzip.compress(body, compresslevel=6, mtime=0) if not form and len(body) >= 200 else None
        headers = [(k, v) for k, v in response.headers.items() if k.lower() not in _OWN_HEADERS]
        return {
            "version": version[0],
            "modified": version[1],
            "status": response.status_code,
            "headers": headers,
            "vary": response.get("Vary", ""),
            "body": body,
            "gzip": compressed if compressed and len(compressed) < len(body) else None,
            "etag": hashlib.sha256(body).hexdigest()[:20],
            "form": form,
            "expires": time.time() + _timeout(),
        }


# --- serving -------------------------------------------------------------------------------------


def serve(request, entry: dict) -> HttpResponse:
    """The response for a stored entry (a hit) – built the same way by this middleware and by the
    WSGI fast path: stored headers, Vary, this visitor's CSRF token where the page has a form,
    gzip if the client takes it, Content-Length, validators, 304 where the client is current."""
    response = HttpResponse(status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    if entry["vary"]:
        patch_vary_headers(response, [v.strip() for v in entry["vary"].split(",")])
    body = entry["body"]
    if entry["form"]:
        body = csrf.tokens_fill(request, body)
        csrf.cookie_set(request, response)
    if entry["gzip"] and re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        response["Content-Encoding"] = "gzip"
        body = entry["gzip"]
    response.content = body
    # Rendered pages get it from CommonMiddleware; without it a hit went out chunked.
    response["Content-Length"] = str(len(body))
    return _validate(request, response, entry, hit=True)


def _validate(request, response, entry: dict, *, hit: bool):
    """Validators and Cache-Control as for every stored page; 304 where the client is current."""
    patch_vary_headers(response, ("Accept-Encoding",))
    response["X-Page-Cache"] = "hit" if hit else "miss"
    if entry["form"]:
        # The body holds this visitor's token: only their browser may keep it, and only with
        # the secret it was made from.
        response["Cache-Control"] = FORM_CACHE_CONTROL
        response["ETag"] = f'W/"{entry["etag"]}-{csrf.secret_tag(request)}"'
        return get_conditional_response(request, etag=response["ETag"], response=response)
    response["Cache-Control"] = PUBLIC_CACHE_CONTROL
    response["ETag"] = f'W/"{entry["etag"]}"'
    response["Last-Modified"] = formatdate(entry["modified"], usegmt=True)
    return get_conditional_response(
        request, etag=response["ETag"], last_modified=entry["modified"], response=response
    )


def _storable(request, response) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is None or rules.view_rule(match.view_name) != "public":
        return False
    if match.view_name == rules.PAGE_VIEW and not _page_public(request):
        return False
    if response.status_code not in STORED_STATUSES or response.streaming:
        return False
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated:
        return False
    if any(name != settings.CSRF_COOKIE_NAME for name in response.cookies):
        return False  # a session, a message or anything else set for this visitor
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-store", "no-cache")):
        return False  # the view said so (never_cache, the newsletter form …)
    if response.has_header("Content-Encoding"):
        return False
    if (
        response.status_code == 200
        and response.get("Content-Type", "").split(";")[0].strip() not in STORED_TYPES
    ):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    allowed = ALLOWED_VARY if len(settings.LANGUAGES) == 1 else ALLOWED_VARY - {"accept-language"}
    if not vary <= allowed:
        return False  # the view depends on a request header the key does not contain
    if "'nonce-" in response.get("Content-Security-Policy", ""):
        return False  # a per-response nonce must not be shared
    return len(response.content) <= getattr(settings, "PAGE_CACHE_MAX_BYTES", 2_000_000)


def _page_public(request) -> bool:
    page = getattr(request, "pagecache_page", None)
    if page is None or page.specific_class is None:
        return False
    if page.specific_class._meta.label not in rules.PUBLIC_PAGE_TYPES:
        return False
    return not page.get_view_restrictions().exists()


def remember_page(page, request, serve_args, serve_kwargs):
    """Wagtail's before_serve_page hook: which page the catch-all view serves."""
    request.pagecache_page = page


def _mark_private(request, response) -> None:
    """Whatever was rendered for a request with a session must stay in that browser only."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES or settings.SESSION_COOKIE_NAME in response.cookies:
        patch_cache_control(response, private=True, no_store=True)  # drops a "public" the view set


class TextGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware (with its BREACH padding) for text only: documents, images and
    downloads are compressed already or served as files; pages from the page cache arrive
    compressed."""

    COMPRESSIBLE = ("text/", "application/json", "application/javascript", "application/xml", "image/svg+xml")

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(self.COMPRESSIBLE):
            return response
        return super().process_response(request, response)
