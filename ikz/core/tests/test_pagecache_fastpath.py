"""The WSGI fast path of the page cache (ikz/core/pagecache/fastpath.py, decision 0014): a hit is
answered before Django's handler runs – with exactly the answer the middleware would give – and
everything else reaches Django unchanged."""

import re

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client, RequestFactory

from ikz.core.pagecache.csrf import _unmask
from ikz.core.pagecache.fastpath import PageCacheFastPath
from ikz.core.pagecache.middleware import recent
from ikz.core.tests.test_pagecache import _backend, _changed, _publish_title, _switch_on

pytestmark = pytest.mark.django_db

HOST = "localhost"


@pytest.fixture(params=["locmem", "file", "redis"])
def page_cache_on(request, settings, tmp_path):
    """The page cache switched on: per process, in files (production on one machine), in Redis;
    production's HTTPS settings."""
    _switch_on(settings, _backend(request.param, tmp_path))
    recent.clear()  # pages this process kept from earlier tests (stale anyway: a new version)
    settings.ALLOWED_HOSTS = [HOST, "127.0.0.1"]
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    yield
    caches["pagecache"].clear()


class Servers:
    """Django's handler, and the fast path in front of the same kind of handler, counting what
    reaches Django through it."""

    def __init__(self):
        self.django = WSGIHandler()
        self.reached_django = 0
        behind = WSGIHandler()

        def counted(environ, start_response):
            self.reached_django += 1
            return behind(environ, start_response)

        self.fast = PageCacheFastPath(counted)
        assert self.fast.enabled


@pytest.fixture
def servers(page_cache_on):
    # As Django's test client does: the test's transaction must survive the request signals.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield Servers()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _environ(path, *, method="GET", host=HOST, secure=True, **headers) -> dict:
    return RequestFactory().generic(method, path, secure=secure, HTTP_HOST=host, **headers).environ


def _call(app, environ) -> tuple[str, list, bytes]:
    """Status, headers (without Date) and body of one WSGI call, as a server sees them."""
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, headers

    result = app(dict(environ), start_response)
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return seen["status"], [(k, v) for k, v in seen["headers"] if k.lower() != "date"], body


def _header(answer, name) -> str | None:
    return next((v for k, v in answer[1] if k.lower() == name.lower()), None)


def _fast(servers, environ):
    """The fast path's answer, and whether Django was reached for it."""
    before = servers.reached_django
    answer = _call(servers.fast, environ)
    return answer, servers.reached_django > before


# --- The same answer --------------------------------------------------------------------------------


def test_fast_path_answers_byte_for_byte_as_the_middleware(servers, home_page, municipality_factory):
    from wagtail.models import Page

    municipality = municipality_factory("05374016")
    paths = [
        "/",
        Page.objects.get(slug="impressum").url,
        f"/kommunen/{municipality.ags}/",  # a stored 301
        municipality.get_absolute_url(),
        "/suche/?q=Zweckverband",
        "/api/v1/search?q=Zweckverband",
    ]
    for path in paths:
        stored = _call(servers.django, _environ(path))
        assert _header(stored, "X-Page-Cache") == "miss", path
        etag = _header(stored, "ETag")
        variants = {
            "GET": _environ(path),
            "gzip": _environ(path, HTTP_ACCEPT_ENCODING="gzip, deflate, br"),
            "HEAD": _environ(path, method="HEAD"),
            "If-None-Match": _environ(path, HTTP_IF_NONE_MATCH=etag),
            "If-Modified-Since": _environ(path, HTTP_IF_MODIFIED_SINCE=_header(stored, "Last-Modified")),
            "other ETag": _environ(path, HTTP_IF_NONE_MATCH='W/"anders"'),
            "csrftoken": _environ(path, HTTP_COOKIE=f"{django_settings.CSRF_COOKIE_NAME}={'a' * 32}"),
        }
        for name, environ in variants.items():
            by_django = _call(servers.django, environ)
            by_fast_path, reached = _fast(servers, environ)
            again, reached_again = _fast(servers, environ)  # the answer kept with the entry
            assert not reached and not reached_again, (path, name)
            assert by_fast_path == by_django == again, (path, name)
            conditional = name in ("If-None-Match", "If-Modified-Since") and stored[0].startswith("200")
            expected = "304" if conditional else stored[0][:3]  # redirects are never 304
            assert by_fast_path[0][:3] == expected, (path, name)
        # what the chain in front of the page cache adds is there, once
        hit = _fast(servers, _environ(path))[0]
        names = [k.lower() for k, _ in hit[1]]
        assert len(names) == len(set(names)), path
        assert _header(hit, "X-Page-Cache") == "hit"
        assert _header(hit, "Strict-Transport-Security") == "max-age=31536000; includeSubDomains", path
        assert _header(hit, "X-Content-Type-Options") == "nosniff"
        assert _header(hit, "Content-Length") == str(len(hit[2]))
        if hit[0].startswith("200") and path != "/api/v1/search?q=Zweckverband":
            assert "default-src" in _header(hit, "Content-Security-Policy")
            assert _header(hit, "X-Frame-Options") == "DENY"
    gzipped = _fast(servers, _environ("/", HTTP_ACCEPT_ENCODING="gzip"))[0]
    assert _header(gzipped, "Content-Encoding") == "gzip"
    assert _fast(servers, _environ("/", method="HEAD"))[0][2] == _call(servers.django, _environ("/"))[2]


def test_form_page_gets_this_visitors_token_from_the_fast_path(servers, faq_page_factory):
    page = faq_page_factory()
    _call(servers.django, _environ(page.url))
    secret = "B" * 16 + "x" * 16
    environ = _environ(page.url, HTTP_COOKIE=f"{django_settings.CSRF_COOKIE_NAME}={secret}")
    by_django = _call(servers.django, environ)
    by_fast_path, reached = _fast(servers, environ)
    assert not reached
    assert _header(by_fast_path, "X-Page-Cache") == "hit"
    assert _header(by_fast_path, "Cache-Control") == "private, no-cache"
    tokens = re.findall(rb'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"', by_fast_path[2])
    assert tokens and all(_unmask(t.decode()) == secret for t in tokens)
    # Both differ only in the masking of the token (new for every response, as Django does it).
    masked = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}')
    assert masked.sub(rb"\1TOKEN", by_fast_path[2]) == masked.sub(rb"\1TOKEN", by_django[2])
    assert by_fast_path[0] == by_django[0]
    without_cookie_date = [(k, re.sub(r"expires=[^;]+", "", v)) for k, v in by_fast_path[1]]
    assert without_cookie_date == [(k, re.sub(r"expires=[^;]+", "", v)) for k, v in by_django[1]]
    assert f"{django_settings.CSRF_COOKIE_NAME}={secret}" in _header(by_fast_path, "Set-Cookie")


# --- Never a fast answer where Django would answer differently -------------------------------------


def test_member_never_gets_a_fast_path_answer(servers, home_page, member):
    _call(servers.django, _environ("/"))
    assert _header(_fast(servers, _environ("/"))[0], "X-Page-Cache") == "hit"
    member_client = Client()
    member_client.force_login(member)
    session = member_client.cookies[django_settings.SESSION_COOKIE_NAME].value
    cookie = f"{django_settings.SESSION_COOKIE_NAME}={session}; {django_settings.CSRF_COOKIE_NAME}={'a' * 32}"
    theirs, reached = _fast(servers, _environ("/", HTTP_COOKIE=cookie))
    assert reached
    assert _header(theirs, "X-Page-Cache") is None
    assert b"Abmelden" in theirs[2]
    assert "private" in _header(theirs, "Cache-Control")
    for environ in [
        _environ("/", HTTP_COOKIE="messages=irgendwas"),
        _environ("/", HTTP_AUTHORIZATION="Bearer x"),
        _environ("/", method="POST"),
        _environ("/suche/?q=" + "Zweckverband+" * 100),
        _environ("/konto/anmelden/"),
    ]:
        assert _fast(servers, environ)[1], environ["PATH_INFO"]


def test_publish_makes_the_next_request_a_miss_with_the_new_content(
    servers, home_page, django_capture_on_commit_callbacks
):
    from wagtail.models import Page

    imprint = Page.objects.get(slug="impressum")
    _call(servers.django, _environ(imprint.url))
    before, reached = _fast(servers, _environ(imprint.url))
    assert (reached, _header(before, "X-Page-Cache")) == (False, "hit")
    _changed(django_capture_on_commit_callbacks, lambda: _publish_title(imprint, "Impressum neu gefasst"))
    after, reached = _fast(servers, _environ(imprint.url, HTTP_IF_NONE_MATCH=_header(before, "ETag")))
    assert (reached, after[0][:3], _header(after, "X-Page-Cache")) == (True, "200", "miss")
    assert b"Impressum neu gefasst" in after[2] and b"Impressum neu gefasst" not in before[2]
    again, reached = _fast(servers, _environ(imprint.url))
    assert (reached, _header(again, "X-Page-Cache"), again[2]) == (False, "hit", after[2])


def test_a_miss_reads_the_cache_once_and_a_hit_only_the_version(servers, home_page, monkeypatch):
    store = caches["pagecache"]
    both, single = [], []
    get, get_many = store.get, store.get_many
    monkeypatch.setattr(store, "get_many", lambda keys, **kw: both.append(list(keys)) or get_many(keys, **kw))
    monkeypatch.setattr(store, "get", lambda key, *args, **kw: single.append(key) or get(key, *args, **kw))
    answer, reached = _fast(servers, _environ("/"))
    assert (reached, _header(answer, "X-Page-Cache")) == (True, "miss")
    assert len(both) == 1  # version and page together, by the fast path; the middleware reuses it
    page_key = both[0][1]
    both.clear(), single.clear()
    answer, reached = _fast(servers, _environ("/"))
    # the page itself comes from this process's RecentEntries, checked against the version
    assert (reached, _header(answer, "X-Page-Cache"), both) == (False, "hit", [])
    assert page_key not in single and single


def test_a_page_rendered_by_another_process_is_served_once_its_version_is_current(servers, home_page):
    stored = _call(servers.django, _environ("/"))
    recent.clear()  # as in another worker: only the shared cache has the page
    answer, reached = _fast(servers, _environ("/"))
    assert (reached, answer) == (False, _call(servers.django, _environ("/")))
    assert answer[2] == stored[2]


def test_foreign_host_is_refused_as_django_refuses_it(servers, home_page):
    _call(servers.django, _environ("/"))
    foreign = _environ("/", host="ikz-portal.boese.example")
    by_fast_path, reached = _fast(servers, foreign)
    assert reached
    assert by_fast_path == _call(servers.django, foreign)
    assert by_fast_path[0].startswith("400")
    forwarded = _environ("/", HTTP_X_FORWARDED_HOST="ikz-portal.boese.example")
    assert _fast(servers, forwarded)[0] == _call(servers.django, forwarded)
    # another allowed host has its own entries: the first request for it is rendered
    other, reached = _fast(servers, _environ("/", host="127.0.0.1"))
    assert (reached, _header(other, "X-Page-Cache")) == (True, "miss")


def test_plain_http_is_redirected_by_django(servers, home_page):
    _call(servers.django, _environ("/"))
    plain = _environ("/", secure=False)
    by_fast_path, reached = _fast(servers, plain)
    assert reached
    assert by_fast_path == _call(servers.django, plain)
    assert by_fast_path[0].startswith("301") and _header(by_fast_path, "Location") == "https://localhost/"


def test_malformed_requests_are_refused_as_the_middleware_refuses_them(servers, home_page):
    _call(servers.django, _environ("/suche/?q=Zweckverband"))
    _call(servers.django, _environ("/"))
    for environ, status in [
        (_environ("/suche/?q=Zweck%01verband"), "400"),
        (_environ("/suche/?q=Zweckverband&page=99999999999999999999"), "400"),
        (_environ("/", CONTENT_TYPE="application/x-www-form-urlencoded; charset=utf-16"), "415"),
    ]:
        by_fast_path, reached = _fast(servers, environ)
        assert reached, environ["QUERY_STRING"]
        assert by_fast_path == _call(servers.django, environ)
        assert by_fast_path[0][:3] == status
        assert _header(by_fast_path, "X-Page-Cache") is None


def test_steps_aside_when_the_chain_in_front_of_the_page_cache_changes(settings, page_cache_on, home_page):
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.endswith("MalformedRequestMiddleware")]
    calls = []
    fast = PageCacheFastPath(lambda environ, start_response: calls.append(1) or [b""])
    assert not fast.enabled
    fast(_environ("/"), lambda *args: None)
    assert calls == [1]


def test_recent_entries_are_bounded_and_expire():
    import time

    from ikz.core.pagecache.middleware import RecentEntries

    def entry(size, expires_in=60):
        return {"version": "v1", "body": b"x" * size, "gzip": None, "expires": time.time() + expires_in}

    kept = RecentEntries(max_bytes=4000)
    for key in "abcde":
        kept.put(key, entry(900))
    assert kept.get("a") is None and kept.get("e") is not None  # 5 × 900 > 4000: the oldest went
    kept.put("too-big", entry(1001))  # more than a quarter of the bound is never kept
    kept.put("expired", entry(10, expires_in=-1))
    kept.put("without-expiry", {"version": "v1", "body": b"x", "gzip": None})
    assert kept.get("too-big") is kept.get("expired") is kept.get("without-expiry") is None
