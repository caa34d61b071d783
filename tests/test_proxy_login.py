"""The login lock behind a real nginx reverse proxy (PROXY_COUNT=1).

Behind a proxy every request reaches the portal from the proxy's address. Unless the lock
reads the client from X-Forwarded-For, five failures by anybody lock out everybody; if it
believes the whole header, a client escapes the lock by inventing addresses. Here nginx runs
in front of the live server and appends the address each client really connects from
($proxy_add_x_forwarded_for); clients connect from different loopback addresses.
"""

import http.client
import re
import urllib.parse
from http.cookies import SimpleCookie

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory

from ikz.accounts.fixtures import TEST_PASSWORD
from ikz.accounts.throttling import client_ip_address

from .nginx_process import free_port, require_nginx, running_nginx

LOGIN = "/konto/anmelden/"
LOCKED = "Anmeldung vorübergehend gesperrt"

NGINX_CONF = """
daemon off;
master_process off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://127.0.0.1:{upstream};
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
        }}
    }}
}}
"""


@pytest.fixture
def nginx(live_server, tmp_path):
    """nginx on a free port, proxying to the live server; yields its port."""
    require_nginx()
    port = free_port()
    upstream = urllib.parse.urlsplit(live_server.url).port
    conf = tmp_path / "nginx.conf"
    conf.write_text(NGINX_CONF.format(tmp=tmp_path, port=port, upstream=upstream))
    with running_nginx(conf, tmp_path, port):
        yield port


class Client:
    """A visitor connecting from its own source address, keeping its cookies."""

    def __init__(self, port: int, source: str, forwarded_for: str | None = None):
        self.port, self.source, self.forwarded_for = port, source, forwarded_for
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str | None = None, spoof: str | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30, source_address=(self.source, 0))
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if spoof or self.forwarded_for:
            headers["X-Forwarded-For"] = spoof or self.forwarded_for
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        conn.close()
        return response.status, text

    def login(self, email: str, password: str, spoof: str | None = None) -> tuple[int, str]:
        _, form = self.request("GET", LOGIN)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": email, "password": password})
        return self.request("POST", LOGIN, body=body, spoof=spoof)


@pytest.fixture
def proxied(settings, nginx, home_page):
    settings.PROXY_COUNT = 1
    return nginx


pytestmark = pytest.mark.django_db(transaction=True)


def fail_five_times(client: Client, spoof=lambda i: None) -> list[int]:
    return [client.login(f"versuch{i}@kommune.nrw.example", "falsch", spoof=spoof(i))[0] for i in range(5)]


def test_one_client_locked_behind_the_proxy_leaves_the_others_in(proxied, member, editor):
    attacker = Client(proxied, "127.0.0.2")
    assert fail_five_times(attacker) == [200, 200, 200, 200, 429]
    status, html = attacker.login(member.email, TEST_PASSWORD)
    assert status == 429 and LOCKED in html
    # Everybody else still comes in through the same proxy.
    assert Client(proxied, "127.0.0.3").login(member.email, TEST_PASSWORD)[0] == 302
    assert Client(proxied, "127.0.0.4").login(editor.email, TEST_PASSWORD)[0] == 302
    # The failures were counted under the client's address, not the proxy's.
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.2"}


def test_an_invented_forwarded_for_does_not_escape_the_lock(proxied, member):
    attacker = Client(proxied, "127.0.0.5")
    statuses = fail_five_times(attacker, spoof=lambda i: f"203.0.113.{i + 1}")
    assert statuses == [200, 200, 200, 200, 429]
    assert attacker.login(member.email, TEST_PASSWORD, spoof="198.51.100.77")[0] == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.5"}


@pytest.mark.browser
def test_the_browser_logs_in_through_the_proxy_while_another_client_is_locked(proxied, page, member):
    assert fail_five_times(Client(proxied, "127.0.0.6"))[-1] == 429
    page.goto(f"http://127.0.0.1:{proxied}{LOGIN}")
    page.get_by_label("E-Mail-Adresse").fill(member.email)
    page.get_by_label("Passwort").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(re.compile(r"/konto/$"))
    assert LOCKED not in page.content()


# Which address the lock counts, for each proxy set-up (no server needed).
ADDRESSES = [
    # PROXY_COUNT, X-Forwarded-For as it arrives, REMOTE_ADDR, counted address
    (0, None, "192.0.2.1", "192.0.2.1"),
    (0, "203.0.113.9", "192.0.2.1", "192.0.2.1"),  # no proxy: the header is the client's own
    (1, "192.0.2.1", "10.0.0.2", "192.0.2.1"),
    (1, "203.0.113.9, 192.0.2.1", "10.0.0.2", "192.0.2.1"),  # invented entry on the left
    (1, "nonsense, 192.0.2.1", "10.0.0.2", "192.0.2.1"),
    (1, "10.20.30.40", "10.0.0.2", "10.20.30.40"),  # intranet client, proxy on another host
    (1, None, "10.0.0.2", "10.0.0.2"),  # bypassed the proxy
    (2, "192.0.2.1, 10.0.0.3", "10.0.0.2", "192.0.2.1"),
    (2, "203.0.113.9, 192.0.2.1, 10.0.0.3", "10.0.0.2", "192.0.2.1"),
    (2, "192.0.2.1", "10.0.0.2", "10.0.0.2"),  # chain shorter than the proxies: not believed
    (1, "2001:db8::1", "10.0.0.2", "2001:db8::1"),
]


@pytest.mark.parametrize(("proxy_count", "forwarded_for", "remote_addr", "expected"), ADDRESSES)
def test_the_counted_address(settings, proxy_count, forwarded_for, remote_addr, expected):
    settings.PROXY_COUNT = proxy_count
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    assert client_ip_address(RequestFactory().post(LOGIN, **extra)) == expected
