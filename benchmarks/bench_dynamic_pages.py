"""Server time of the dynamic pages a member sees, rendered without the page cache (issue 12).

    PAGE_CACHE_DIR=/tmp/h1pagecache DJANGO_SETTINGS_MODULE=config.settings.dev \
        DATABASE_URL=sqlite:////tmp/h1demo.sqlite3 .venv/bin/python benchmarks/bench_dynamic_pages.py [--runs 40]

Runs against an existing database with the demo data (`manage.py setup_demo`). Renders each page in
this process with django.test.Client, sequentially, as the demo member (mitglied@…) and anonymous,
with PAGE_CACHE off: what a logged-in member, or every visitor after a change, costs. The first
request of each page is a warm-up (it also fills the values cached per content version, as the
first visitor after a change does); the rest are timed. `--cold` renews the content version before
every request instead, so each one rebuilds those values (the first visitor after every change).
The pages of the sections added later (funding, events, contacts, questions, Werkstatt, drafts,
feeds) follow the first list (`--sections new` for those alone); public lists are timed for both.
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


# Pages whose server time is the same for every visitor but for a few words: timed for the member
# and for an anonymous visitor (what every visitor costs after a change, the page cache empty).
BOTH_VISITORS = {"/ansprechpartner/", "/fragen/", "/foerderung/", "/veranstaltungen/"}


def new_section_pages(member) -> list[str]:
    """The sections added after the first measurement (issue 12, item 3, second round): funding,
    events, contacts, questions, the member's Werkstatt with plan, documents and drafts, the feed."""
    from django.db.models import Count
    from django.utils import timezone

    from ikz.agreements.models import Draft
    from ikz.events.models import EventPage
    from ikz.funding.models import FundingProgrammePage
    from ikz.questions.models import Question
    from ikz.workshop.models import Workshop

    found = ["/foerderung/", "/foerderung/?open_now=on"]
    programme = FundingProgrammePage.objects.live().public().order_by("path").first()
    if programme is not None:
        found.append(programme.url)
    found.append("/veranstaltungen/")
    upcoming = EventPage.objects.live().public().filter(start__gte=timezone.now())
    event = upcoming.order_by("start").first() or EventPage.objects.live().public().first()
    if event is not None:
        found += [event.url, f"/veranstaltungen/anmeldung/{event.pk}/"]
    found += ["/ansprechpartner/", "/fragen/"]
    question = Question.objects.public().annotate(n=Count("answers")).order_by("-n", "pk").first()
    if question is not None:
        found.append(question.get_absolute_url())
    found.append("/fragen/neu/")
    workshop = Workshop.objects.filter(members__user=member).order_by("pk").first() if member else None
    if workshop is not None:
        base = f"/werkstatt/{workshop.key}/"
        found += [base, base + "plan/", base + "dokumente/", base + "entwuerfe/"]
        draft = Draft.objects.filter(workshop=workshop).order_by("pk").first()
        if draft is not None:
            found.append(f"{base}entwuerfe/{draft.pk}/")
    found += ["/konto/", ASSISTANT_RESULT, "/feeds/alle.atom"]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=40, help="timed requests per page and visitor")
    parser.add_argument("--paths", nargs="*")
    parser.add_argument(
        "--sections",
        choices=["all", "first", "new"],
        default="all",
        help="first: the pages of the first measurement; new: the sections added since; all: both",
    )
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
    if args.paths:
        paths = args.paths
    else:
        paths = pages() if args.sections in ("all", "first") else []
        if args.sections in ("all", "new"):
            paths += [p for p in new_section_pages(member) if p not in paths]
    for path in paths:
        both = path.split("?")[0] in BOTH_VISITORS or path.startswith("/feeds/")
        for visitor in ["mitglied", "anonym"] if both else visitors:
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
