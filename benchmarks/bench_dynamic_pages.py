"""Server time of the dynamic pages a member sees, rendered without the page cache (issue 12).

    PAGE_CACHE_DIR=/tmp/h1pagecache DJANGO_SETTINGS_MODULE=config.settings.dev \
        DATABASE_URL=sqlite:////tmp/h1demo.sqlite3 .venv/bin/python benchmarks/bench_dynamic_pages.py [--runs 40]

Runs against an existing database with the demo data (`manage.py setup_demo`). Renders each page in
this process with django.test.Client, sequentially, as the demo member (mitglied@…) and anonymous,
with PAGE_CACHE off: what a logged-in member, or every visitor after a change, costs. The first
request of each page is a warm-up (it also fills the values cached per content version, as the
first visitor after a change does); the rest are timed. `--cold` renews the content version before
every request instead, so each one rebuilds those values (the first visitor after every change).
Prints, per page: median and p90 wall time, median CPU time, queries per request and the size.
For comparison it also times the search API for the search page's query. Prints figures; never fails.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MEMBER_EMAIL = "mitglied@ikz-portal.nrw.example"
# Every question of the Kooperationsassistent answered (as ikz/assistant/tests/test_views.py FULL).
ASSISTANT_RESULT = (
    "/assistent/ergebnis/?bereich=bauhof&aufgabe=gemeinsamer+Bauhof&partner=05358008"
    "&partner=Gemeinde+Merzenich+%2805358032%29&ausserhalb_nrw=0&privat=nein&zustaendigkeit=durchfuehrung"
    "&ressourcen=personal&dauer=5bis20&geld=kostenerstattung&grundlage=oeffentlich&gemeinsame_aufgabe=ja"
    "&markt=nein&kontrolle=unklar&vorbehalten=nein&umsatz=40000&neu=ja&nutzen=ja&ausgaben=300000"
)


def pages() -> list[str]:
    from ikz.projects.models import Project

    project = Project.objects.published().order_by("pk").first()
    return [
        "/",
        "/projekte/",
        "/projekte/?legal_form=zweckverband",
        "/projekte/?task_area=it-digitalisierung&seite=1",
        "/projekte/?q=abwasser",
        project.get_absolute_url() if project else "/projekte/",
        "/suche/?q=Zweckverband+gr%C3%BCnden",
        "/api/v1/search?q=Zweckverband+gr%C3%BCnden",
        "/projekte/meine/",
        "/konto/",
        ASSISTANT_RESULT,
        "/assistent/rechtsform/?partner=05358008&partner=05358032&partner=05111000",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=40, help="timed requests per page and visitor")
    parser.add_argument("--paths", nargs="*")
    parser.add_argument("--cold", action="store_true", help="renew the content version before each request")
    parser.add_argument(
        "--anonymous", action="store_true", help="also time each page for an anonymous visitor"
    )
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

    from ikz.core.pagecache import bump

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    member = get_user_model().objects.filter(email=MEMBER_EMAIL).first()
    visitors = ["mitglied", "anonym"] if args.anonymous else ["mitglied"]
    print(f"database: {connection.vendor} {settings.DATABASES['default']['NAME']}, runs: {args.runs}"
          f"{', cold (version renewed before each request)' if args.cold else ''}")  # fmt: skip
    print(f"{'page':48} {'visitor':9} {'median ms':>9} {'p90 ms':>7} {'cpu ms':>7} {'queries':>7} {'KB':>6}")
    for path in args.paths or pages():
        for visitor in visitors:
            client = Client()
            if visitor == "mitglied":
                if member is None:
                    continue
                client.force_login(member)
            response = client.get(path)  # warm-up
            if response.status_code != 200:
                print(f"{path:48} {visitor:9} status {response.status_code}")
                continue
            if args.cold:
                bump("bench")
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            query_count = len(queries)  # read now: the next request clears the connection's log
            walls, cpus = [], []
            for _ in range(args.runs):
                if args.cold:
                    bump("bench")
                wall, cpu = time.perf_counter(), time.process_time()
                response = client.get(path)
                walls.append((time.perf_counter() - wall) * 1000)
                cpus.append((time.process_time() - cpu) * 1000)
            walls.sort()
            label = path if len(path) <= 48 else path[:45] + "…"
            print(
                f"{label:48} {visitor:9} {statistics.median(walls):9.1f} {walls[int(len(walls) * 0.9)]:7.1f} "
                f"{statistics.median(cpus):7.1f} {query_count:7d} {len(response.content) / 1024:6.1f}"
            )


if __name__ == "__main__":
    main()
