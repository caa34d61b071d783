"""The caching reverse proxy shipped in deploy/nginx (decision 0015), running in front of the live
server with the page cache switched on: anonymous pages come from nginx's cache and are revalidated
with the portal, members and sessions always pass through, forms keep passing the CSRF check, and a
published change becomes visible through the proxy."""

import gzip
import http.client
import importlib.util
import re
import subprocess
import time
import urllib.parse
import uuid
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches

from ikz.accounts.fixtures import TEST_PASSWORD

from .nginx_process import NGINX, free_port, require_nginx, running_nginx

ROOT = Path(__file__).resolve().parent.parent
TTL = 2  # seconds an entry is fresh in the proxy before it asks the portal again
SERVED = {"HIT", "REVALIDATED"}  # from the proxy's cache (REVALIDATED: after a 304 from the portal)

pytestmark = pytest.mark.django_db(transaction=True)


def _render_module():
    spec = importlib.util.spec_from_file_location("ikz_nginx_render", ROOT / "deploy" / "nginx" / "render.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


render = _render_module()


def _config(tmp_path, upstream: str, port: int) -> Path:
    static = tmp_path / "static"
    (static / "css").mkdir(parents=True)
    (static / "css" / "probe.css").write_text("body { color: black; }\n")
    media = tmp_path / "media"
    (media / "documents").mkdir(parents=True)
    (media / "documents" / "secret.pdf").write_text("%PDF nur über Django")
    return render.standalone(
        tmp_path / "nginx",
        connections=256,
        listen=f"127.0.0.1:{port}",
        upstream=upstream,
        static_root=str(static),
        media_root=str(media),
        cache_ttl=f"{TTL}s",
    )


def test_the_shipped_config_passes_nginx_t(tmp_path):
    require_nginx()
    conf = _config(tmp_path, "127.0.0.1:9", free_port())
    result = subprocess.run(  # noqa: S603
        [NGINX, "-t", "-c", str(conf), "-p", str(tmp_path / "nginx")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr
    # The production rendering (defaults) fills in every placeholder, and unknown names are refused.
    text = render.render()
    assert "@" not in re.sub(r"#.*", "", text)
    with pytest.raises(ValueError, match="unknown"):
        render.render(listne="80")


class Visitor:
    """One browser-like client through the proxy, connecting from its own address, keeping cookies."""

    def __init__(self, port: int, source: str = "127.0.0.1"):
        self.port, self.source = port, source
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None, headers: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30, source_address=(self.source, 0))
        sent = dict(headers or {})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Origin"] = f"http://127.0.0.1:{self.port}"
        conn.request(method, path, body=data, headers=sent)
        response = conn.getresponse()
        response.body = response.read()
        response.text = response.body.decode(errors="replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        conn.close()
        return response

    def get(self, path: str, **headers):
        return self.request("GET", path, headers=headers)


@pytest.fixture
def proxy(live_server, settings, tmp_path, home_page):
    """The shipped nginx config in front of the live server, page cache on; yields nginx's port."""
    require_nginx()
    settings.CACHES = {
        **django_settings.CACHES,
        "pagecache": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"px-{uuid.uuid4()}",
        },
    }
    settings.PAGE_CACHE_ENABLED = True
    settings.PROXY_COUNT = 1
    caches["pagecache"].clear()
    port = free_port()
    upstream = f"127.0.0.1:{urllib.parse.urlsplit(live_server.url).port}"
    conf = _config(tmp_path, upstream, port)
    try:
        with running_nginx(conf, conf.parent, port):
            yield port
    finally:
        caches["pagecache"].clear()


def _statuses(responses) -> list[tuple[str, str | None]]:
    return [(r.getheader("X-Proxy-Cache"), r.getheader("X-Page-Cache")) for r in responses]


def _publish_title(page, title):
    page = page.specific
    page.title = title
    page.save_revision().publish()


def _expire():
    """Let the proxy's entries go stale: the next request asks the portal (nginx counts whole
    seconds and keeps an entry while its expiry second has not passed)."""
    time.sleep(TTL + 1.2)


def test_anonymous_page_comes_from_the_proxy_and_is_revalidated(proxy):
    first, second = Visitor(proxy).get("/"), Visitor(proxy).get("/")
    assert _statuses([first, second]) == [("MISS", "miss"), ("HIT", "miss")]
    assert second.body == first.body and second.status == 200
    assert second.getheader("Cache-Control") == "public, no-cache"
    assert second.getheader("Content-Security-Policy") == first.getheader("Content-Security-Policy")
    # A browser revalidating a current page is answered by nginx itself.
    assert Visitor(proxy).get("/", **{"If-None-Match": first.getheader("ETag")}).status == 304
    _expire()
    # Stale in the proxy: nginx asks the portal, which answers 304 from its page cache – unchanged.
    again = Visitor(proxy).get("/")
    assert (again.getheader("X-Proxy-Cache"), again.body) == ("REVALIDATED", first.body)
    assert Visitor(proxy).get("/").getheader("X-Proxy-Cache") == "HIT"


def test_gzip_and_plain_are_two_entries(proxy):
    plain = Visitor(proxy).get("/")
    packed = [Visitor(proxy).get("/", **{"Accept-Encoding": enc}) for enc in ("gzip, deflate, br", "gzip")]
    assert packed[0].getheader("X-Proxy-Cache") == "MISS"
    assert packed[1].getheader("X-Proxy-Cache") in SERVED
    assert all(r.getheader("Content-Encoding") == "gzip" for r in packed)
    assert gzip.decompress(packed[1].body) == plain.body
    assert Visitor(proxy).get("/").getheader("Content-Encoding") is None


def test_published_change_is_served_after_the_proxy_asks_again(proxy):
    from wagtail.models import Page

    imprint = Page.objects.get(slug="impressum")
    Visitor(proxy).get(imprint.url)
    assert Visitor(proxy).get(imprint.url).getheader("X-Proxy-Cache") in SERVED
    _publish_title(imprint, "Impressum frisch veröffentlicht")
    _expire()
    changed = Visitor(proxy).get(imprint.url)
    assert changed.getheader("X-Proxy-Cache") == "EXPIRED"
    assert "Impressum frisch veröffentlicht" in changed.text
    assert "Impressum frisch veröffentlicht" in Visitor(proxy).get(imprint.url).text


def _session_cookie(user) -> str:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies[django_settings.SESSION_COOKIE_NAME].value


def test_member_and_anonymous_never_share_a_page(proxy, member):
    anonymous = [Visitor(proxy).get("/") for _ in range(2)]
    assert anonymous[1].getheader("X-Proxy-Cache") in SERVED
    signed_in = Visitor(proxy)
    signed_in.cookies[django_settings.SESSION_COOKIE_NAME] = _session_cookie(member)
    theirs = [signed_in.get("/") for _ in range(2)]
    assert [r.getheader("X-Proxy-Cache") for r in theirs] == ["BYPASS", "BYPASS"]
    assert all("Abmelden" in r.text and r.getheader("Cache-Control") == "private, no-store" for r in theirs)
    # … and what was rendered for the member stayed out of the proxy's cache.
    after = Visitor(proxy).get("/")
    assert after.getheader("X-Proxy-Cache") in SERVED
    assert "Abmelden" not in after.text and "Anmelden" in after.text
    assert after.body == anonymous[0].body


@pytest.mark.parametrize(
    ("cookie", "authorization", "expected"),
    [
        ("csrftoken=" + "a" * 32, None, "HIT"),  # the CSRF cookie alone changes nothing
        ("sessionid=abc", None, "BYPASS"),
        ("csrftoken=" + "a" * 32 + "; messages=xyz", None, "BYPASS"),
        ("anything=1", None, "BYPASS"),
        (None, "Basic dXNlcjpwdw==", "BYPASS"),
    ],
)
def test_cookies_but_the_csrf_cookie_and_authorization_bypass(proxy, cookie, authorization, expected):
    Visitor(proxy).get("/")
    headers = {}
    if cookie:
        headers["Cookie"] = cookie
    if authorization:
        headers["Authorization"] = authorization
    status = Visitor(proxy).get("/", **headers).getheader("X-Proxy-Cache")
    assert status in (SERVED if expected == "HIT" else {expected})


def test_private_responses_never_stay_in_the_proxy(proxy):
    # The login form sets the CSRF cookie and is never stored; nor are the member area's redirects.
    for path in ("/konto/anmelden/", "/konto/"):
        statuses = [Visitor(proxy).get(path).getheader("X-Proxy-Cache") for _ in range(3)]
        assert statuses == ["MISS", "MISS", "MISS"], path


def test_form_on_a_cached_page_posts_through_the_proxy(proxy, faq_page_factory):
    from ikz.faq.models import FAQFeedback

    page = faq_page_factory()
    first, second = Visitor(proxy, "127.0.0.2"), Visitor(proxy, "127.0.0.3")
    one, two = first.get(page.url), second.get(page.url)
    # The page carries a form: the portal fills in each visitor's token, the proxy never keeps it.
    assert _statuses([one, two]) == [("MISS", "miss"), ("MISS", "hit")]
    assert two.getheader("Cache-Control") == "private, no-cache"
    tokens = [re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', r.text).group(1) for r in (one, two)]
    assert tokens[0] != tokens[1]
    posted = second.request(
        "POST", f"/faq/bewerten/{page.pk}/", {"helpful": "ja", "csrfmiddlewaretoken": tokens[1]}
    )
    assert posted.status == 302
    assert FAQFeedback.objects.get(page=page).helpful == 1
    # The voter now has a session: their page thanks them, straight from the portal.
    thanked = second.get(page.url)
    assert thanked.getheader("X-Proxy-Cache") == "BYPASS" and "Danke, Sie haben" in thanked.text
    assert "Danke, Sie haben" not in first.get(page.url).text
    # Another visitor's token does not pass.
    assert (
        first.request(
            "POST", f"/faq/bewerten/{page.pk}/", {"helpful": "nein", "csrfmiddlewaretoken": "x" * 64}
        ).status
        == 403
    )


def test_login_through_the_proxy_counts_the_client_address(proxy, member):
    from axes.models import AccessAttempt

    def login(visitor, email, password):
        form = visitor.get("/konto/anmelden/").text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        return visitor.request(
            "POST",
            "/konto/anmelden/",
            {"csrfmiddlewaretoken": token, "username": email, "password": password},
        )

    attacker = Visitor(proxy, "127.0.0.4")
    # Five failures from one address (on five accounts) lock that address, not the proxy's.
    statuses = [login(attacker, f"versuch{i}@kommune.nrw.example", "falsch").status for i in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.4"}
    member_visitor = Visitor(proxy, "127.0.0.5")
    assert login(member_visitor, member.email, TEST_PASSWORD).status == 302
    assert "Abmelden" in member_visitor.get("/").text


def test_static_files_come_from_disk_and_documents_never(proxy):
    css = Visitor(proxy).get("/static/css/probe.css")
    assert css.status == 200 and css.text == "body { color: black; }\n"
    assert css.getheader("X-Proxy-Cache") is None  # nginx itself, no upstream
    assert Visitor(proxy).get("/media/documents/secret.pdf").status == 404


@pytest.mark.browser
def test_browser_sees_a_published_change_through_the_proxy(proxy, page):
    from wagtail.models import Page

    imprint = Page.objects.get(slug="impressum")
    url = f"http://127.0.0.1:{proxy}{imprint.url}"
    page.goto(url)
    response = page.reload()
    assert response.headers["x-proxy-cache"] in ("HIT", "REVALIDATED")
    assert page.locator("h1").inner_text() == imprint.title
    _publish_title(imprint, "Impressum – neue Fassung")
    _expire()
    response = page.reload()
    assert response.status == 200
    assert page.locator("h1").inner_text() == "Impressum – neue Fassung"
