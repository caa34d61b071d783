"""Server time of the register and law pages rendered without the page cache (issue 12, part 3).

    DJANGO_SETTINGS_MODULE=config.settings.dev DATABASE_URL=sqlite:////tmp/h2demo.sqlite3 \
        .venv/bin/python benchmarks/bench_register_pages.py [--runs 40] [--paths /kommunen/ …]

Runs against an existing database with the demo data (`manage.py setup_demo`). Renders each page
in this process with django.test.Client, sequentially, once anonymous and once as the demo member
(mitglied@…), with PAGE_CACHE off: what a logged-in member, or every visitor after a change,
costs. The first request of each page is a warm-up (it also fills the per-version fragment
caches, as the first visitor after a change does); the rest are timed. Prints, per page and
visitor: median and p90 wall time, median CPU time, queries per request and the response size.
`--cold` forgets the fragments (ikz.core.versioned_cache) before every request: the cost of the
first request after a change. The figures of one run are comparable with each other; on a busy
machine compare CPU ms rather than wall time.
Prints figures; never fails on them (timing is not a test).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PAGES = [
    "/kommunen/",
    "/kommunen/?kreis=05358",
    "/kommunen/?q=k%C3%B6ln",
    "/kommunen/05111000/duesseldorf/",
    "/kommunen/05358/kreis-dueren/",
    "/kommunen/05358024/juelich/",
    "/wissen/gesetze/gwb/",
    "/wissen/gesetze/baugb/",
]
MEMBER_EMAIL = "mitglied@ikz-portal.nrw.example"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=40, help="timed requests per page and visitor")
    parser.add_argument("--paths", nargs="*", default=PAGES)
    parser.add_argument(
        "--cold", action="store_true", help="forget the per-version fragments before every request: "
        "what the first request after a change costs",
    )  # fmt: skip
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["PAGE_CACHE"] = "0"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from ikz.core import versioned_cache

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    member = get_user_model().objects.filter(email=MEMBER_EMAIL).first()
    mode = "cold (fragments rebuilt every request)" if args.cold else "warm"
    print(f"database: {connection.vendor} {settings.DATABASES['default']['NAME']}, runs: {args.runs}, {mode}")
    print(f"{'page':42} {'visitor':9} {'median ms':>9} {'p90 ms':>7} {'cpu ms':>7} {'queries':>7} {'KB':>6}")
    for path in args.paths:
        for visitor in ("anonym", "mitglied"):
            client = Client()
            if visitor == "mitglied":
                if member is None:
                    continue
                client.force_login(member)
            response = client.get(path)  # warm-up
            if response.status_code != 200:
                print(f"{path:42} {visitor:9} status {response.status_code}")
                continue
            walls, cpus = [], []
            if args.cold:
                versioned_cache.clear()
            with CaptureQueriesContext(connection) as captured:
                client.get(path)
            queries = len(captured)
            for _ in range(args.runs):
                if args.cold:
                    versioned_cache.clear()
                wall, cpu = time.perf_counter(), time.process_time()
                response = client.get(path)
                walls.append((time.perf_counter() - wall) * 1000)
                cpus.append((time.process_time() - cpu) * 1000)
            walls.sort()
            print(
                f"{path:42} {visitor:9} {statistics.median(walls):9.1f} {walls[int(len(walls) * 0.9)]:7.1f} "
                f"{statistics.median(cpus):7.1f} {queries:7d} {len(response.content) / 1024:6.1f}"
            )


if __name__ == "__main__":
    main()
