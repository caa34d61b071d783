"""Search benchmark: quality on the judged queries and latency, on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/bench_search.py                 # both databases, both corpora
    .venv/bin/python benchmarks/bench_search.py --dbs sqlite --skip-full

For each database it builds a fresh database, loads ../shared/corpus/bundesrecht_sections.jsonl
(through `manage.py import_library` + `search_reindex` when the library can import it, else
through the search app's own corpus loader), runs the judged queries through GET /api/v1/search,
scores the run with ../shared/eval/search_eval.py (Recall@10, MRR@10, nDCG@10 overall and per
style), and measures latency (p50/p95, 1 and 8 concurrent clients) against a gunicorn server
over 3,179 and 86,189 sections, beside PostgreSQL's plain `german` full-text query on the same
rows. Prints figures; never fails on them (timing is not a test).
"""

# ruff: noqa: S603, S310 - a developer tool: runs this interpreter and gunicorn, opens only http://127.0.0.1

import argparse
import http.client
import json
import multiprocessing
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SMALL = SHARED / "corpus" / "bundesrecht_sections.jsonl"
FULL = SHARED / "corpus" / "bundesrecht_all_sections.jsonl.gz"
QRELS = SHARED / "eval" / "search_dev.jsonl"
HELDOUT = ROOT / "ikz" / "search" / "tests" / "data" / "search_heldout.jsonl"
SCORER = SHARED / "eval" / "search_eval.py"
PG_ADMIN = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
PYTHON = sys.executable


# --- worker: runs inside one fresh database ------------------------------------------------


def worker(args) -> None:
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    report: dict = {"corpus": args.corpus}
    call_command("migrate", verbosity=0)
    started = time.monotonic()
    report["load"] = load(args.corpus, args.via)
    report["load_seconds"] = round(time.monotonic() - started, 1)
    from ikz.search.models import SearchDocument, SearchPosting

    report["documents"] = SearchDocument.objects.count()
    report["postings"] = SearchPosting.objects.count()
    if args.quality:
        report["quality"] = {
            name: quality(path) for name, path in (("dev", QRELS), ("heldout", HELDOUT)) if path.exists()
        }
    print("REPORT " + json.dumps(report))


def load(corpus: str, via: str) -> str:
    from django.apps import apps
    from django.core.management import call_command

    if via in ("auto", "library") and apps.is_installed("ikz.library"):
        try:
            from ikz.search.registry import adapters, search_reindex

            started = time.monotonic()
            call_command("import_library", corpus, verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
            imported = time.monotonic()
            if "library.lawsection" in adapters():
                search_reindex("library.lawsection")
                return (
                    f"import_library {imported - started:.1f} s + "
                    f"search_reindex {time.monotonic() - imported:.1f} s"
                )
        except Exception as exc:  # the library is young; the benchmark must still run
            if via == "library":
                raise
            print(f"  (import_library nicht nutzbar: {type(exc).__name__}: {exc}; nehme den Korpus-Lader)")
    from ikz.search.corpus import load_corpus

    load_corpus(corpus)
    return "search_load_corpus"


def quality(qrels: Path) -> dict:
    from django.test import Client

    client = Client()
    queries = [json.loads(line) for line in qrels.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        run = Path(tmp) / f"run.{qrels.stem}.jsonl"
        with run.open("w", encoding="utf-8") as out:
            for q in queries:
                data = client.get("/api/v1/search", {"q": q["query"], "limit": 10}).json()
                ranking = [r["external_id"] for r in data["results"]]
                out.write(json.dumps({"qid": q["qid"], "ranking": ranking}, ensure_ascii=False) + "\n")
        scores = Path(tmp) / "scores.json"
        subprocess.run(
            [PYTHON, str(SCORER), str(qrels), str(run), "--json", str(scores)],
            check=True,
            capture_output=True,
        )
        summary = next(iter(json.loads(scores.read_text()).values()))["summary"]
    return summary


# --- driver ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fresh_database(kind: str, name: str, tmp: Path) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp / (name + '.sqlite3')}"
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return PG_ADMIN.rsplit("/", 1)[0] + "/" + name


def drop_database(kind: str, name: str) -> None:
    if kind == "postgres":
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_worker(url: str, corpus: Path, via: str, quality_on: bool) -> dict:
    cmd = [PYTHON, __file__, "--worker", "--database-url", url, "--corpus", str(corpus), "--via", via]
    if quality_on:
        cmd.append("--quality")
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    for line in proc.stdout.splitlines():
        if line.startswith("REPORT "):
            return json.loads(line[7:])
        print(line)
    raise SystemExit(f"Worker fehlgeschlagen:\n{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def _client_loop(args: tuple) -> list[float]:
    fn, queries, offset, rounds = args
    mine = []
    for r in range(rounds):
        for i in range(len(queries)):
            q = queries[(i + offset * 5 + r) % len(queries)]
            t = time.perf_counter()
            fn(q)
            mine.append((time.perf_counter() - t) * 1000)
    return mine


def timed_clients(fn, queries: list[str], clients: int, rounds: int) -> dict:
    """`clients` independent clients, each a process of its own (threads of one interpreter
    would wait for each other's GIL and add that wait to the server's time)."""
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(clients) as pool:
        runs = pool.map(_client_loop, [(fn, queries, c, rounds) for c in range(clients)])
    times = [t for run in runs for t in run]
    return {"p50": statistics.median(times), "p95": percentile(times, 95), "n": len(times)}


class HttpCall:
    """GET /api/v1/search with http.client: a light client, so the measured time is the server's."""

    def __init__(self, port: int) -> None:
        self.port = port

    def __call__(self, q: str) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request("GET", "/api/v1/search?" + urllib.parse.urlencode({"q": q, "limit": 10}))
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"HTTP {response.status} für {q!r}")
        finally:
            conn.close()


class PgGermanCall:
    def __init__(self, url: str, sql: str) -> None:
        self.url, self.sql, self.conn = url, sql, None

    def __call__(self, q: str) -> None:
        import psycopg

        if self.conn is None:  # one connection per client process
            self.conn = psycopg.connect(self.url, autocommit=True)
        self.conn.execute(self.sql, (q,)).fetchall()


def http_latency(url: str, queries: list[str], rounds: int, workers: int) -> dict:
    port = free_port()
    env = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="config.settings.test")
    gunicorn = shutil.which("gunicorn", path=str(Path(PYTHON).parent)) or "gunicorn"
    server = subprocess.Popen(
        [
            gunicorn,
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}/api/v1/search?"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "q=test", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)

        call = HttpCall(port)
        timed_clients(call, queries, workers * 2, 2)  # warm every worker
        return {c: timed_clients(call, queries, c, rounds) for c in (1, 8)}
    finally:
        server.terminate()
        server.wait(10)


def settle(url: str) -> None:
    """Write the load's dirty pages out before measuring: "warm" means the database is not
    still busy with the import (checkpoint, autovacuum) while the clients run."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CHECKPOINT")
        conn.execute("VACUUM (ANALYZE)")


def pg_german_latency(url: str, queries: list[str], rounds: int) -> dict:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            "CREATE INDEX IF NOT EXISTS bench_german ON search_searchdocument "
            "USING gin (to_tsvector('german', title || ' ' || body))"
        )
        conn.execute("ANALYZE search_searchdocument")
    sql = (
        "SELECT external_id FROM search_searchdocument, websearch_to_tsquery('german', %s) q "
        "WHERE to_tsvector('german', title || ' ' || body) @@ q "
        "ORDER BY ts_rank_cd(to_tsvector('german', title || ' ' || body), q) DESC LIMIT 10"
    )
    call = PgGermanCall(url, sql)
    timed_clients(call, queries, 8, 1)
    return {c: timed_clients(call, queries, c, rounds) for c in (1, 8)}


def print_quality(db: str, report: dict) -> None:
    for name, summary in report.get("quality", {}).items():
        print(f"\n  Qualität {db}, {name} ({summary['ALL']['n']} Anfragen), Lader: {report['load']}")
        print(f"  {'Stil':<16} {'n':>3} {'R@10':>6} {'MRR@10':>7} {'nDCG@10':>8}")
        for style, row in summary.items():
            print(f"  {style:<16} {row['n']:>3} {row['recall']:>6.3f} {row['mrr']:>7.3f} {row['ndcg']:>8.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", default=str(SMALL), help=argparse.SUPPRESS)
    parser.add_argument("--quality", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--via", choices=["auto", "library", "loader"], default="auto")
    parser.add_argument("--dbs", default="sqlite,postgres")
    parser.add_argument("--skip-full", action="store_true", help="nur die 3.179 Abschnitte")
    parser.add_argument("--rounds", type=int, default=5, help="Durchläufe der Anfragen je Client")
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 2,
        help="gunicorn-Worker (Vorgabe: Zahl der Kerne – Server, Datenbank und Clients teilen sie sich)",
    )
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    queries = [
        json.loads(line)["query"] for line in QRELS.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    corpora = [("3179", SMALL)] + ([] if args.skip_full or not FULL.exists() else [("86189", FULL)])
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for db in args.dbs.split(","):
            for label, corpus in corpora:
                name = f"bench_search_{label}"
                url = fresh_database(db, name, Path(tmp))
                print(f"\n== {db}, {label} Abschnitte: laden und indexieren …", flush=True)
                report = run_worker(url, corpus, args.via, quality_on=True)
                print(
                    f"  {report['documents']} Dokumente, {report['postings']} Postings, "
                    f"geladen in {report['load_seconds']} s ({report['load']})"
                )
                print_quality(db, report)
                if db == "postgres":
                    settle(url)
                lat = http_latency(url, queries, args.rounds, args.workers)
                rows.append((db, label, "IKZ-Suche (HTTP-API)", lat))
                if db == "postgres":
                    rows.append(
                        (
                            db,
                            label,
                            "PostgreSQL german (nur SQL)",
                            pg_german_latency(url, queries, args.rounds),
                        )
                    )
                drop_database(db, name)
    print("\n  Latenz (ms, warm), 40 Anfragen × Runden je Client")
    print(f"  {'DB':<9} {'Abschnitte':>10} {'System':<28} {'1: p50':>7} {'p95':>6} {'8: p50':>7} {'p95':>6}")
    for db, label, system, lat in rows:
        one, eight = lat[1], lat[8]
        print(
            f"  {db:<9} {label:>10} {system:<28} {one['p50']:>7.1f} {one['p95']:>6.1f} "
            f"{eight['p50']:>7.1f} {eight['p95']:>6.1f}"
        )


if __name__ == "__main__":
    main()
