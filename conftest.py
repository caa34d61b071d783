"""Fixtures shared by all tests: a real SMTP server, the site tree, and the browser."""

import os
import shutil
import socket
import threading
import time
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest

# App-level fixtures live beside their app and are shared through these plugins.
pytest_plugins = [
    "ikz.core.fixtures",
    "ikz.municipalities.fixtures",
    "ikz.accounts.fixtures",
    "ikz.library.fixtures",
    "ikz.faq.fixtures",
    "ikz.hotline.fixtures",
    "ikz.newsletter.fixtures",
    "ikz.projects.fixtures",
    "ikz.search.fixtures",
]

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# beside it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


class SMTPSink:
    """An aiosmtpd server on 127.0.0.1 that keeps every message it receives."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.messages: list[EmailMessage] = []
        self.envelopes: list = []
        self._lock = threading.Lock()
        # aiosmtpd's start-up self-check connects to the configured port, so port 0 won't
        # do: take a free port from the OS first.
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.controller = Controller(self, hostname="127.0.0.1", port=port)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        msg = message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        with self._lock:
            self.messages.append(msg)
            self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def start(self) -> int:
        self.controller.start()
        return self.controller.port

    def stop(self) -> None:
        self.controller.stop()

    def wait_for(self, count: int = 1, timeout: float = 10.0) -> list[EmailMessage]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if len(self.messages) >= count:
                    return list(self.messages)
            time.sleep(0.05)
        raise AssertionError(f"expected {count} mail(s), got {len(self.messages)}")

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in str(m["To"])]

    @staticmethod
    def body(msg: EmailMessage) -> str:
        part = msg.get_body(preferencelist=("plain", "html"))
        return part.get_content() if part else ""


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server for this test; Django's mail settings point at it."""
    sink = SMTPSink()
    port = sink.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    yield sink
    sink.stop()


@pytest.fixture(scope="session", autouse=True)
def _flush_only_filled_tables_on_postgresql():
    """Transactional and live-server tests empty the database after each test. On PostgreSQL
    Django TRUNCATEs every table (some 150), which costs far more than the few rows a test
    leaves; here only the tables that hold a row are emptied, by DELETE. Foreign keys are
    DEFERRABLE INITIALLY DEFERRED and the flush runs in one transaction, so the order does not
    matter. Resetting sequences or cascading falls back to Django's TRUNCATE."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade or not tables:
            return truncate(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        tables = sorted(tables)
        probe = " UNION ALL ".join(
            f"SELECT {i} WHERE EXISTS (SELECT 1 FROM {self.quote_name(t)})"  # noqa: S608 - table names
            for i, t in enumerate(tables)
        )
        with self.connection.cursor() as cursor:
            cursor.execute(probe)
            filled = [tables[row[0]] for row in cursor.fetchall()]
        return [f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(t))};" for t in filled]

    DatabaseOperations.sql_flush = sql_flush
    yield
    DatabaseOperations.sql_flush = truncate


@pytest.fixture(autouse=True)
def _throttle_counters_clear():
    """Rate-limit counters live in the cache, which outlives a test: every test starts at zero.
    So do values cached per content version (ikz.core.versioned_cache)."""
    from django.core.cache import cache

    from ikz.core import versioned_cache

    cache.clear()
    versioned_cache.clear()


@pytest.fixture
def home_page(db):
    """The site tree as the demo set-up creates it: start page plus the legal pages."""
    from ikz.core.services import site_setup
    from ikz.core.taxonomy import task_areas_sync

    task_areas_sync()  # a transactional test before this one may have flushed the seed data
    return site_setup()


# --- Browser ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM) and not shutil.which("chromium"):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium fehlt unter {CHROMIUM}; .ci/run installiert es mit apt-get.")
        pytest.skip("Chromium ist nicht installiert (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="de-DE", timezone_id="Europe/Berlin")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def assert_no_axe_violations(page) -> None:
    """Run axe-core on the current page: zero violations of WCAG 2.1 A/AA rules."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import Error as PlaywrightError

    # A click that follows a link or submits a form returns before the next page has loaded; axe
    # run in between finds no document ("Cannot read properties of null") or has its context
    # destroyed. So wait for the page to finish loading, and if a navigation still cuts in, wait
    # for that one and run again – the check always covers a whole, settled page.
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    for attempt in range(4):
        page.wait_for_load_state("load")
        try:
            results = Axe().run(page, options=options)
            break
        except PlaywrightError as exc:
            navigating = any(
                marker in str(exc)
                for marker in ("documentElement", "Execution context was destroyed", "navigation")
            )
            if not navigating or attempt == 3:
                raise
    violations = results.response["violations"]
    assert not violations, f"axe on {page.url}:\n" + "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes'][:3]]}"
        for v in violations
    )


@pytest.fixture
def axe():
    return assert_no_axe_violations
