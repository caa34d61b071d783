#!/usr/bin/env python
"""Benchmark: send one newsletter edition to 10,000 confirmed subscribers through a local SMTP sink.

    .venv/bin/python benchmarks/bench_newsletter_send.py            # SQLite and PostgreSQL
    .venv/bin/python benchmarks/bench_newsletter_send.py --db sqlite --subscribers 2000

For each database: a fresh database is migrated, 10,000 confirmed subscribers and a published
edition are created and `edition_send` writes the delivery rows. A worker process (the same code
the background task runs, `dispatch_run`) sends through an aiosmtpd sink in this process; when
half the mails have arrived the worker is killed with SIGKILL. A second worker resumes (claims of
the dead worker are taken back at once, as an operator would with `--reclaim-after 0`). The sink
then proves: every subscriber got the edition exactly once (no duplicates, no gaps).

Prints figures; it is not a test. PostgreSQL: BENCH_POSTGRES_URL (default
postgres://postgres@127.0.0.1:5432/postgres) – a database `ikz_bench_newsletter` is (re)created.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
PG_DB = "ikz_bench_newsletter"
MESSAGE_ID = re.compile(rb"^Message-ID:\s*(<[^>]+>)", re.MULTILINE | re.IGNORECASE)


def django_setup(database_url: str, smtp_port: int = 0) -> None:
    """Test settings on the given database; tasks are only recorded (the worker is run by hand)."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    sys.path.insert(0, str(ROOT))
    import config.settings.test as bench_settings

    bench_settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    bench_settings.EMAIL_PORT = smtp_port
    bench_settings.LOGGING = {"version": 1, "disable_existing_loggers": True}
    import django

    django.setup()


# --- the worker (a child process) ------------------------------------------------------------


def worker(database_url: str, smtp_port: int, edition_id: int, reclaim_now: bool) -> None:
    django_setup(database_url, smtp_port)
    from datetime import timedelta

    from ikz.newsletter.sending import dispatch_run

    dispatch_run(edition_id=edition_id, reclaim_after=timedelta(0) if reclaim_now else None)


# --- the SMTP sink (in this process) ----------------------------------------------------------


class Sink:
    def __init__(self):
        from aiosmtpd.controller import Controller

        self.recipients: Counter[str] = Counter()
        self.message_ids: Counter[bytes] = Counter()
        self.count = 0
        self.arrivals: list[float] = []
        self.lock = threading.Lock()
        import socket

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        match = MESSAGE_ID.search(envelope.original_content or envelope.content)
        with self.lock:
            self.count += 1
            self.arrivals.append(time.monotonic())
            for rcpt in envelope.rcpt_tos:
                self.recipients[rcpt.lower()] += 1
            if match:
                self.message_ids[match.group(1)] += 1
        return "250 OK"


# --- one database ---------------------------------------------------------------------------


def database_prepare(kind: str) -> str:
    if kind == "sqlite":
        path = Path(tempfile.mkdtemp(prefix="ikz-bench-")) / "bench.sqlite3"
        return f"sqlite:///{path}"
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DB}")
        conn.execute(f"CREATE DATABASE {PG_DB}")
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{PG_DB}"


def run_python(code_args: list[str], database_url: str) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    return subprocess.Popen([sys.executable, __file__, *code_args], cwd=ROOT, env=env)  # noqa: S603


def setup(database_url: str, subscribers: int) -> None:
    django_setup(database_url)
    from django.core.management import call_command
    from django.db.models.signals import post_migrate

    # Roles are not needed here, and their sync depends on every other app being complete.
    post_migrate.disconnect(dispatch_uid="ikz.accounts.roles_sync")
    call_command("migrate", verbosity=0)
    from django.utils import timezone

    from ikz.core.services import site_setup
    from ikz.newsletter.demo import newsletter_index_ensure
    from ikz.newsletter.models import NewsletterEditionPage, Subscription, SubscriptionStatus
    from ikz.newsletter.services import edition_send

    home = site_setup()
    index = newsletter_index_ensure(home=home)
    edition = NewsletterEditionPage(title="Benchmark-Ausgabe", intro="<p>Hallo Kommunen in NRW!</p>")
    index.add_child(instance=edition)
    edition.save_revision().publish()
    edition.refresh_from_db()
    now = timezone.now()
    Subscription.objects.bulk_create(
        [
            Subscription(
                email=f"leser{n:05d}@kommune.nrw.example",
                status=SubscriptionStatus.CONFIRMED,
                confirmed_at=now,
            )
            for n in range(subscribers)
        ],
        batch_size=2000,
    )
    edition_send(edition=edition, user=None)
    print(f"EDITION {edition.pk}")


def bench_one(kind: str, subscribers: int) -> dict:
    print(f"\n=== {kind}: {subscribers} Abonnenten ===", flush=True)
    database_url = database_prepare(kind)
    started = time.monotonic()
    out = subprocess.run(  # noqa: S603
        [sys.executable, __file__, "--setup", database_url, "--subscribers", str(subscribers)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    edition_id = int(re.search(r"EDITION (\d+)", out).group(1))
    print(
        f"Datenbank angelegt und migriert, {subscribers} Zustellungen geschrieben: {time.monotonic() - started:.1f} s"
    )

    sink = Sink()
    sink.controller.start()
    try:
        # Phase 1: a worker sends until half the mails arrived, then it is killed with SIGKILL.
        t0 = time.monotonic()
        proc = run_python(["--worker", database_url, str(sink.port), str(edition_id)], database_url)
        while sink.count < subscribers // 2 and proc.poll() is None:
            time.sleep(0.005)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        t1 = time.monotonic()
        at_kill = sink.count
        state_after_kill = delivery_states(database_url, edition_id)
        print(
            f"Worker nach {at_kill} Mails mit SIGKILL beendet ({t1 - t0:.1f} s); Zustände in der DB: {state_after_kill}"
        )

        # Phase 2: a new worker resumes where the first stopped.
        t2 = time.monotonic()
        proc = run_python(
            ["--worker", database_url, str(sink.port), str(edition_id), "--reclaim-now"], database_url
        )
        proc.wait()
        t3 = time.monotonic()
        time.sleep(0.2)
    finally:
        sink.controller.stop()

    states = delivery_states(database_url, edition_id)
    expected = {f"leser{n:05d}@kommune.nrw.example" for n in range(subscribers)}
    received = set(sink.recipients)
    duplicates = sum(n - 1 for n in sink.recipients.values() if n > 1)
    gaps = len(expected - received)
    resumed = sink.count - at_kill
    result = {
        "db": kind,
        "total_mails": sink.count,
        "distinct_recipients": len(received & expected),
        "duplicates": duplicates,
        "gaps": gaps,
        "foreign_recipients": len(received - expected),
        "db_states": states,
        # Rates from the first to the last mail of each phase: process start-up is left out.
        "rate_phase1": at_kill / max(sink.arrivals[at_kill - 1] - sink.arrivals[0], 1e-9),
        "rate_phase2": resumed / max(sink.arrivals[-1] - sink.arrivals[at_kill], 1e-9),
        "rate_overall": sink.count
        / max(
            (sink.arrivals[at_kill - 1] - sink.arrivals[0]) + (sink.arrivals[-1] - sink.arrivals[at_kill]),
            1e-9,
        ),
    }
    print(f"Fortgesetzt: {resumed} Mails in {t3 - t2:.1f} s; Zustände in der DB: {states}")
    print(
        f"Ergebnis {kind}: {sink.count} Mails empfangen, {result['distinct_recipients']} verschiedene Empfänger, "
        f"{duplicates} doppelt, {gaps} fehlend → "
        f"{'EXAKT ' + str(subscribers) if sink.count == subscribers and not duplicates and not gaps else 'ABWEICHUNG'}"
    )
    print(
        f"Durchsatz: {result['rate_phase1']:.0f} Mails/s (Lauf 1), {result['rate_phase2']:.0f} Mails/s (Fortsetzung), "
        f"{result['rate_overall']:.0f} Mails/s gesamt (erste bis letzte Mail je Lauf, ohne Prozessstart)"
    )
    return result


def delivery_states(database_url: str, edition_id: int) -> dict:
    out = subprocess.run(  # noqa: S603
        [sys.executable, __file__, "--states", database_url, str(edition_id)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return eval(out.strip().splitlines()[-1])  # noqa: S307 - our own repr of a dict of ints


def states(database_url: str, edition_id: int) -> None:
    django_setup(database_url)
    from django.db.models import Count

    from ikz.newsletter.models import Delivery

    rows = (
        Delivery.objects.filter(edition_id=edition_id)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    print(repr(dict(rows)))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--setup", metavar="DATABASE_URL")
    parser.add_argument("--worker", nargs=3, metavar=("DATABASE_URL", "SMTP_PORT", "EDITION_ID"))
    parser.add_argument("--reclaim-now", action="store_true")
    parser.add_argument("--states", nargs=2, metavar=("DATABASE_URL", "EDITION_ID"))
    args = parser.parse_args()
    if args.setup:
        return setup(args.setup, args.subscribers)
    if args.worker:
        return worker(args.worker[0], int(args.worker[1]), int(args.worker[2]), args.reclaim_now)
    if args.states:
        return states(args.states[0], int(args.states[1]))
    kinds = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    results = [bench_one(kind, args.subscribers) for kind in kinds]
    print("\nZusammenfassung")
    for r in results:
        print(
            f"  {r['db']:<9} {r['total_mails']:>6} Mails, {r['distinct_recipients']:>6} Empfänger, "
            f"{r['duplicates']} doppelt, {r['gaps']} fehlend, {r['rate_overall']:.0f} Mails/s"
        )


if __name__ == "__main__":
    main()
