"""Benchmark: import the 86,189 sections of bundesrecht_all_sections.jsonl.gz into fresh databases.

Not a test. Prints entries per second, total time and peak memory, once for SQLite and once for
PostgreSQL (skipped when no server answers). Usage:

    .venv/bin/python benchmarks/bench_library_import.py [PATH] [--only sqlite|postgres]

PostgreSQL: BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the
server; a database "ikz_bench_library" is dropped and created there.
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATH = ROOT.parent / "shared" / "corpus" / "bundesrecht_all_sections.jsonl.gz"


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def run_one(path: str) -> None:
    """Runs inside a child process whose DATABASE_URL points at a fresh database."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import logging

    import django

    django.setup()
    logging.disable(logging.INFO)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from ikz.library.importer import import_file
    from ikz.library.tree import library_tree_ensure

    library_tree_ensure()
    samples: list[float] = []

    def progress(message: str) -> None:
        samples.append(rss_mb())
        print(f"  {message}  RSS {samples[-1]:.0f} MB", flush=True)

    rss_before = rss_mb()
    started = time.monotonic()
    summary = import_file(path, progress=progress, progress_every=10000)
    total = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  {summary.text()}")
    print(
        f"  RESULT entries={summary.imported} laws={summary.laws_created} errors={len(summary.errors)} "
        f"total={total:.1f}s rate={summary.imported / total:.0f}/s "
        f"rss_before={rss_before:.0f}MB rss_first={samples[0] if samples else 0:.0f}MB "
        f"rss_last={samples[-1] if samples else 0:.0f}MB peak_rss={peak:.0f}MB",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH))
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_one(args.path)
        return
    python = sys.executable
    if args.only in (None, "sqlite"):
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{tmp}/bench.sqlite3"
            print(f"SQLite ({url})", flush=True)
            subprocess.run(  # noqa: S603 - our own script, fixed arguments
                [python, __file__, args.path, "--child"], env={**os.environ, "DATABASE_URL": url}, check=True
            )
    if args.only in (None, "postgres"):
        server = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
        try:
            import psycopg

            with psycopg.connect(server.replace("postgres://", "postgresql://"), autocommit=True) as conn:
                conn.execute("DROP DATABASE IF EXISTS ikz_bench_library")
                conn.execute("CREATE DATABASE ikz_bench_library")
        except Exception as exc:  # no server: say so and stop
            print(f"PostgreSQL übersprungen: {exc}")
            return
        url = server.rsplit("/", 1)[0] + "/ikz_bench_library"
        print(f"PostgreSQL ({url})", flush=True)
        subprocess.run(  # noqa: S603 - our own script, fixed arguments
            [python, __file__, args.path, "--child"], env={**os.environ, "DATABASE_URL": url}, check=True
        )


if __name__ == "__main__":
    main()
