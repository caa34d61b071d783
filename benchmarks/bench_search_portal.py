"""Search quality over the whole portal: dev set and both held-out sets, on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/bench_search_portal.py                      # both databases, 3,179 sections
    .venv/bin/python benchmarks/bench_search_portal.py --dbs sqlite --full  # also the 86,189-section corpus
    .venv/bin/python benchmarks/bench_search_portal.py --root /tmp/x/tree   # the code of another checkout
    .venv/bin/python benchmarks/bench_search_portal.py --reuse-db sqlite:////tmp/x/demo.sqlite3

For each database it builds a fresh database with the demo content (`manage.py setup_demo`: register,
site tree, library with the 3,179 federal sections, FAQ, projects, checklists, templates, rulings,
literature, then `search_reindex`), optionally adds ../shared/corpus/bundesrecht_all_sections.jsonl.gz
(86,189 sections) through `import_library` + `search_reindex`, sends every judged query through
GET /api/v1/search and scores the top 10:

- ../shared/eval/search_dev.jsonl                            (40, development set)
- ikz/search/tests/data/search_heldout.jsonl                 (20, federal law, held out)
- ikz/search/tests/data/search_portal_heldout.jsonl          (100, whole portal, held out)
- ikz/search/tests/data/search_portal_tune.jsonl             (whole portal, tuning set)

Per-query figures (`--per-query`) are printed for the development and tuning sets only; the
held-out sets are reported as totals, per style and per kind of answer – never query by query.

A hit becomes a stable id (`stable_id`, documented in docs/search.md): law sections keep their
`external_id` (`bund:gwb:§108`, `nrw:gkg_nrw:§23`), projects are `projekt:<external_id>`, register
pages `kommune:<AGS>`, FAQ `faq:<slug>`, checklists and templates `checkliste:`/`muster:<slug>`,
rulings and literature `urteil:`/`literatur:<external_id>`, every other page `seite:<path>`.
Prints Recall@10, MRR@10 and nDCG@10 overall, per style and per kind of the grade-2 answers
(scorer: ../shared/eval/search_eval.py). Prints figures; never fails on them.

`--root` runs the worker in another checkout (e.g. a `git worktree` of the commit before a ranking
change) with this interpreter, so a baseline and a change are measured by the same runner.
"""

# ruff: noqa: S603 - a developer tool: runs this interpreter on this file

import argparse
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The same fresh database per run as the corpus benchmark (BENCH_PG_URL for PostgreSQL).
from bench_search import drop_database, fresh_database

HERE = Path(__file__).resolve().parent.parent
SHARED = HERE.parent / "shared"
SMALL = SHARED / "corpus" / "bundesrecht_sections.jsonl"
FULL = SHARED / "corpus" / "bundesrecht_all_sections.jsonl.gz"
SETS = {
    "dev": SHARED / "eval" / "search_dev.jsonl",
    "heldout": HERE / "ikz" / "search" / "tests" / "data" / "search_heldout.jsonl",
    "portal": HERE / "ikz" / "search" / "tests" / "data" / "search_portal_heldout.jsonl",
    "tune": HERE / "ikz" / "search" / "tests" / "data" / "search_portal_tune.jsonl",
}
# Sets whose queries may be looked at one by one while tuning; the others are held out.
TUNING_SETS = ("dev", "tune")
SCORER = SHARED / "eval" / "search_eval.py"
PYTHON = sys.executable
NO_THESAURUS = " ohne Thesaurus"

KIND_LABELS = {
    "bund": "Bundesrecht",
    "gkg": "GkG NRW",
    "nrw": "anderes NRW-Recht",
    "projekt": "Projekt",
    "faq": "FAQ",
    "kommune": "Körperschaft",
    "checkliste": "Checkliste",
    "muster": "Muster",
    "urteil": "Urteil",
    "literatur": "Literatur",
    "seite": "Service-/Seite",
}


# --- ids ---------------------------------------------------------------------------------


def _slug(url: str) -> str:
    return url.strip("/").rsplit("/", 1)[-1]


def stable_id(hit: dict) -> str:
    """The judged id of one API hit (external_id, kind, url), the same for every ranking version."""
    external_id, kind, url = hit.get("external_id") or "", hit.get("kind") or "", hit.get("url") or ""
    path = url.split("?", 1)[0].split("#", 1)[0]
    if path.startswith(("http://", "https://")):
        path = "/" + path.split("/", 3)[-1]
    register = re.match(r"^/kommunen/(\d{2,12})/", path)
    if register:
        return f"kommune:{register.group(1)}"
    if kind == "law" and external_id:
        return external_id
    if path.startswith("/projekte/") or kind == "project":
        return f"projekt:{external_id}" if external_id else f"seite:{path}"
    if path.startswith("/faq/") and path != "/faq/":
        return f"faq:{_slug(path)}"
    if path.startswith("/wissen/checklisten/") and path != "/wissen/checklisten/":
        return f"checkliste:{_slug(path)}"
    if path.startswith("/wissen/muster/") and path != "/wissen/muster/":
        return f"muster:{_slug(path)}"
    if kind == "ruling" or path.startswith("/wissen/urteile/") and path != "/wissen/urteile/":
        return f"urteil:{external_id or _slug(path)}"
    if kind == "literature" or path.startswith("/wissen/literatur/") and path != "/wissen/literatur/":
        return f"literatur:{external_id or _slug(path)}"
    if external_id and ":" in external_id and external_id.startswith(("bund:", "nrw:")):
        return external_id
    return f"seite:{path}"


def answer_kinds(rel: dict) -> set[str]:
    kinds = set()
    for doc, grade in rel.items():
        if grade != 2:
            continue
        prefix = doc.split(":", 1)[0]
        if doc.startswith("nrw:gkg_nrw"):
            prefix = "gkg"
        kinds.add(prefix)
    return kinds


# --- worker: runs inside one database ---------------------------------------------------


def worker(args) -> None:
    root = Path(args.root).resolve()
    os.chdir(root)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    sys.path.insert(0, str(root))
    import django

    django.setup()
    from django.core.management import call_command

    report: dict = {"root": str(root)}
    if not args.reuse:
        started = time.monotonic()
        call_command("migrate", verbosity=0)
        with open(os.devnull, "w") as devnull:  # noqa: PTH123
            call_command("setup_demo", stdout=devnull)
        report["setup_seconds"] = round(time.monotonic() - started, 1)
        if args.full:
            from ikz.search.registry import search_reindex

            started = time.monotonic()
            with open(os.devnull, "w") as devnull:  # noqa: PTH123
                call_command("import_library", str(FULL), verbosity=0, stdout=devnull)
            search_reindex("library.lawsection")
            report["full_seconds"] = round(time.monotonic() - started, 1)
    from ikz.search.models import SearchDocument

    report["documents"] = SearchDocument.objects.count()
    chosen = {name: path for name, path in SETS.items() if name in args.sets.split(",") and path.exists()}
    timings: list[float] = []
    report["runs"] = {name: run_queries(path, timings) for name, path in chosen.items()}
    report["latency"] = latency(timings)
    if args.without_thesaurus:  # the same index, the synonyms of the Redaktion alone
        from django.conf import settings

        settings.SEARCH_THESAURUS = False
        for name, path in chosen.items():
            report["runs"][f"{name}{NO_THESAURUS}"] = run_queries(path, [])
    print("REPORT " + json.dumps(report, ensure_ascii=False))


def latency(timings: list[float]) -> dict:
    """CPU milliseconds per API request in this process (the machine is shared, wall time is not
    comparable): p50 and p95 over every query sent, each sent once after a warm-up round."""
    if not timings:
        return {}
    ordered = sorted(timings)
    return {
        "n": len(ordered),
        "p50": round(ordered[len(ordered) // 2], 1),
        "p95": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))], 1),
    }


def run_queries(qrels: Path, timings: list[float]) -> dict:
    from django.test import Client

    client = Client()
    lines = [json.loads(line) for line in qrels.read_text(encoding="utf-8").splitlines() if line.strip()]
    for q in lines:  # warm-up: thesaurus, word lists, caches
        client.get("/api/v1/search", {"q": q["query"], "limit": 10})
    runs = {}
    for q in lines:
        started = time.process_time()
        response = client.get("/api/v1/search", {"q": q["query"], "limit": 10})
        timings.append((time.process_time() - started) * 1000)
        hits = response.json().get("results", []) if response.status_code == 200 else []
        runs[q["qid"]] = [stable_id(hit) for hit in hits]
    return runs


# --- scoring -----------------------------------------------------------------------------


def scorer():
    spec = importlib.util.spec_from_file_location("search_eval", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score(name: str, run: dict) -> dict:
    ev = scorer()
    qrels = ev.load_qrels(str(SETS[name.removesuffix(NO_THESAURUS)]))
    summary, per_query, _missing = ev.evaluate(qrels, run, k=10)
    by_kind: dict[str, list[str]] = {}
    for qid, q in qrels.items():
        for kind in answer_kinds(q["rel"]):
            by_kind.setdefault(kind, []).append(qid)
    kinds = {}
    for kind, qids in sorted(by_kind.items()):
        kinds[kind] = {"n": len(qids)} | {
            m: sum(per_query[q][m] for q in qids) / len(qids) for m in ("recall", "mrr", "ndcg")
        }
    return {"summary": summary, "kinds": kinds, "per_query": per_query, "qrels": qrels}


def print_scores(title: str, name: str, scored: dict, run: dict, per_query: bool) -> None:
    print(f"\n  {title}: {name} ({scored['summary']['ALL']['n']} Anfragen)")
    print(f"  {'Stil':<18} {'n':>3} {'R@10':>6} {'MRR@10':>7} {'nDCG@10':>8}")
    for style, row in scored["summary"].items():
        print(f"  {style:<18} {row['n']:>3} {row['recall']:>6.3f} {row['mrr']:>7.3f} {row['ndcg']:>8.3f}")
    if name.startswith(("portal", "tune")):
        print(f"  {'Art der Antwort':<18} {'n':>3} {'R@10':>6} {'MRR@10':>7} {'nDCG@10':>8}")
        for kind, row in scored["kinds"].items():
            label = KIND_LABELS.get(kind, kind)
            print(f"  {label:<18} {row['n']:>3} {row['recall']:>6.3f} {row['mrr']:>7.3f} {row['ndcg']:>8.3f}")
    if per_query and name.removesuffix(NO_THESAURUS) in TUNING_SETS:
        for qid, s in scored["per_query"].items():
            q = scored["qrels"][qid]
            firsts = ", ".join(run.get(qid, [])[:3])
            print(f"    {qid} {s['recall']:.2f} {s['ndcg']:.3f} {q['query'][:48]:<48} → {firsts[:110]}")


# --- driver ------------------------------------------------------------------------------


def run_worker(url: str, root: Path, full: bool, reuse: bool, without_thesaurus: bool, sets: str) -> dict:
    cmd = [PYTHON, str(Path(__file__).resolve()), "--worker", "--database-url", url, "--root", str(root)]
    cmd += ["--sets", sets]
    cmd += ["--full"] if full else []
    cmd += ["--reuse"] if reuse else []
    cmd += ["--without-thesaurus"] if without_thesaurus else []
    env = dict(os.environ, PYTHONPATH=str(root))
    proc = subprocess.run(cmd, cwd=root, capture_output=True, text=True, env=env)
    for line in proc.stdout.splitlines():
        if line.startswith("REPORT "):
            return json.loads(line[7:])
    raise SystemExit(f"Worker fehlgeschlagen:\n{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--reuse", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    parser.add_argument("--root", default=str(HERE), help="Checkout, dessen Code gemessen wird")
    parser.add_argument("--dbs", default="sqlite,postgres")
    parser.add_argument("--full", action="store_true", help="zusätzlich 86.189 Abschnitte")
    parser.add_argument("--only-full", action="store_true", help="nur 86.189 Abschnitte")
    parser.add_argument("--reuse-db", help="bestehende Demo-Datenbank (URL) nur abfragen")
    parser.add_argument(
        "--without-thesaurus",
        action="store_true",
        help="jede Menge zusätzlich ohne OpenThesaurus (settings.SEARCH_THESAURUS = False)",
    )
    parser.add_argument(
        "--per-query",
        action="store_true",
        help="Werte je Anfrage und die ersten Treffer (nur Dev- und Tuning-Menge, nie held-out)",
    )
    parser.add_argument(
        "--sets",
        default=",".join(SETS),
        help="nur diese Mengen abfragen (Komma-getrennt, z. B. dev,tune beim Abstimmen)",
    )
    parser.add_argument("--json", help="Läufe und Werte in diese Datei schreiben")
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    root = Path(args.root).resolve()
    results = []
    if args.reuse_db:
        plan = [("reuse", "?", args.reuse_db)]
    else:
        labels = ["86189"] if args.only_full else ["3179"] + (["86189"] if args.full else [])
        plan = [(db, label, None) for db in args.dbs.split(",") for label in labels]
    with tempfile.TemporaryDirectory() as tmp:
        for db, label, url in plan:
            name = f"h13eval_portal_{label}_{os.getpid()}"
            if url is None:
                url = fresh_database(db, name, Path(tmp))
            print(f"\n== {db}, {label} Abschnitte, Code aus {root} …", flush=True)
            try:
                report = run_worker(
                    url,
                    root,
                    full=label == "86189",
                    reuse=db == "reuse",
                    without_thesaurus=args.without_thesaurus,
                    sets=args.sets,
                )
            finally:
                if db != "reuse":
                    drop_database(db, name)
            print(
                f"  {report['documents']} Dokumente im Index"
                + (f", Demo in {report['setup_seconds']} s" if "setup_seconds" in report else "")
                + (f", Vollkorpus in {report['full_seconds']} s" if "full_seconds" in report else "")
            )
            if report.get("latency"):
                lat = report["latency"]
                print(
                    f"  CPU je Anfrage (in-process, {lat['n']} Anfragen): p50 {lat['p50']} ms, p95 {lat['p95']} ms"
                )
            for name_, run in report["runs"].items():
                scored = score(name_, run)
                print_scores(f"{db} {label}", name_, scored, run, args.per_query)
                results.append(
                    {
                        "db": db,
                        "corpus": label,
                        "set": name_,
                        "summary": scored["summary"],
                        "kinds": scored["kinds"],
                        "run": run,
                    }
                )
    print("\n  Übersicht (R@10 / MRR@10 / nDCG@10)")
    for r in results:
        a = r["summary"]["ALL"]
        worst = min(((s, v) for s, v in r["summary"].items() if s != "ALL"), key=lambda sv: sv[1]["recall"])
        print(
            f"  {r['db']:<9} {r['corpus']:>6} {r['set']:<23} {a['recall']:.3f} / {a['mrr']:.3f} / {a['ndcg']:.3f}"
            f"   schwächster Stil: {worst[0]} R@10 {worst[1]['recall']:.2f}"
        )
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
