"""The WSGI fast path: page-cache hits answered before Django's request handler runs.

`PageCacheFastPath(application)` wraps Django's WSGI application (config/wsgi.py). For each request
it builds Django's own `WSGIRequest` from the environ (about 10 µs: Django's rules for host, scheme,
path and cookies, so the key is the middleware's key by construction) and then does what the
middleware chain in front of the page cache and the page cache itself would do for a hit – with the
same code, not a copy of it:

- SecurityMiddleware's HTTPS redirect (`process_request`) – a redirect falls through;
- WhiteNoise – any path under STATIC_URL falls through;
- `ikz.core.middleware.check_request` (MalformedRequestMiddleware) – a refused request falls through
  and gets its 400/415 from Django;
- `middleware.lookup()` – the same key (host validated against ALLOWED_HOSTS), the same single read
  of version and entry;
- `middleware.serve()` – the same response: stored headers, Vary, CSRF token refill for pages with a
  form, gzip, Content-Length, ETag/Last-Modified, 304;
- TextGZipMiddleware's and SecurityMiddleware's `process_response`, in the order of the chain.

The answer built this way is kept with the entry for the next request of the same kind (`_variant`):
a repeated hit costs the request object, the checks, the key and one read of the content version.

Everything that is not a hit (a cookie other than csrftoken, Authorization, not GET/HEAD, private
prefixes, long query, miss, stale version, cache unreachable, any error) goes to Django unchanged;
a miss leaves its lookup in the environ, so the middleware does not read the cache twice.

What a hit skips: the request_started/request_finished signals (a hit touches no database
connection), the middleware chain behind the page cache, URL resolving and views.

The fast path only runs while the middleware in front of PageCacheMiddleware is exactly `OUTER`
(the chain it reproduces); otherwise it steps aside and says so in the log.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.core.handlers.wsgi import WSGIRequest
from django.http.multipartparser import MultiPartParserError

from ikz.core.middleware import MalformedRequest, check_request

from . import middleware as pagecache

logger = logging.getLogger(__name__)

PAGE_CACHE = "ikz.core.pagecache.middleware.PageCacheMiddleware"
# The middleware in front of the page cache, outermost first: what a hit passes through.
OUTER = (
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "ikz.core.middleware.MalformedRequestMiddleware",
    "ikz.core.pagecache.middleware.TextGZipMiddleware",
)


def chain_problem() -> str | None:
    """Why the fast path cannot stand in for the middleware chain, or None."""
    middleware = list(settings.MIDDLEWARE)
    if PAGE_CACHE not in middleware:
        return "PageCacheMiddleware steht nicht in MIDDLEWARE"
    if tuple(middleware[: middleware.index(PAGE_CACHE)]) != OUTER:
        return "die Middleware vor dem Seiten-Cache ist eine andere als die, die der schnelle Weg nachbildet"
    if getattr(settings, "WHITENOISE_ROOT", None) or settings.FORCE_SCRIPT_NAME:
        return "WHITENOISE_ROOT oder FORCE_SCRIPT_NAME ist gesetzt"
    return None


def _no_response(request):  # the middleware instances below never call on
    raise AssertionError("nur process_request/process_response werden benutzt")


class PageCacheFastPath:
    def __init__(self, application):
        from django.middleware.security import SecurityMiddleware

        self.application = application
        problem = chain_problem()
        self.enabled = problem is None
        if problem:
            logger.warning("Schneller Weg des Seiten-Caches aus: %s", problem)
            return
        security = SecurityMiddleware(_no_response)
        gzip = pagecache.TextGZipMiddleware(_no_response)
        self._redirect = security.process_request
        # innermost first, as the responses pass back through the chain
        self._process_response = (gzip.process_response, security.process_response)
        self._static = settings.STATIC_URL if (settings.STATIC_URL or "").startswith("/") else None

    def __call__(self, environ, start_response):
        if self.enabled and pagecache._enabled():
            answer = self._hit(environ)
            if answer is not None:
                status, headers, body = answer
                start_response(status, list(headers))
                return [body]
        return self.application(environ, start_response)

    def _hit(self, environ) -> tuple[str, tuple, bytes] | None:
        """(status, headers, body) for a page-cache hit; None: let Django answer."""
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or environ.get("SCRIPT_NAME"):
            return None  # the cheapest refusals first; lookup() would refuse them as well
        try:
            request = WSGIRequest(dict(environ))  # own dict: Django gets the environ as it came
            if self._static and request.path_info.startswith(self._static):
                return None  # WhiteNoise's
            if self._redirect(request) is not None:
                return None
            check_request(request)
            key, version, entry = pagecache.lookup(request)
            if entry is None:
                if key:
                    environ[pagecache.STASH] = (key, version, None)
                return None
            variant = _variant(environ, request, entry)
            built = entry.get("_built", {}).get(variant) if variant else None
            if built is not None:
                return built
            response = pagecache.serve(request, entry)
            for process in self._process_response:
                response = process(request, response)
        except (
            MalformedRequest,
            BadRequest,
            MultiPartParserError,
            SuspiciousOperation,
            UnicodeError,
            ValueError,
        ):
            return None  # refused by Django's middleware chain with its own answer (400, 415)
        except Exception:
            logger.exception("Schneller Weg des Seiten-Caches: Fehler, Django antwortet")
            return None
        # What WSGIHandler sends for a response.
        headers = [
            *response.items(),
            *(("Set-Cookie", cookie.output(header="")) for cookie in response.cookies.values()),
        ]
        answer = f"{response.status_code} {response.reason_phrase}", tuple(headers), response.content
        if variant:
            entry.setdefault("_built", {})[variant] = answer
        return answer


CONDITIONAL = ("HTTP_IF_MATCH", "HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_UNMODIFIED_SINCE")


def _variant(environ, request, entry: dict) -> tuple[bool, bool] | None:
    """What the answer for `entry` depends on, where that is all: whether the client takes gzip and
    whether the request came over HTTPS (Strict-Transport-Security). The answer built for the first
    such request is kept with the entry (in this process only, dropped with it) and sent again.
    None – built anew each time – for conditional requests (304 or not), pages with a form (a fresh
    CSRF token each time) and pages TextGZipMiddleware compresses per response (random padding)."""
    if entry["form"] or any(name in environ for name in CONDITIONAL):
        return None
    gzip = bool(pagecache.re_accepts_gzip.search(environ.get("HTTP_ACCEPT_ENCODING", "")))
    if gzip and not entry["gzip"] and len(entry["body"]) >= 200:
        return None
    return gzip, request.is_secure()
