"""Page benchmark (issue 12): the portal under gunicorn with production settings, beside nginx.

    .venv/bin/python benchmarks/bench_pages.py                       # SQLite, 5 s per measurement
    .venv/bin/python benchmarks/bench_pages.py --db postgres         # PostgreSQL (BENCH_PG_URL, BENCH_PG_NAME)
    .venv/bin/python benchmarks/bench_pages.py --db both --seconds 10 --connections 32,64
    .venv/bin/python benchmarks/bench_pages.py --sqlite-file demo.sqlite3   # reuse a demo database

For each database: builds a fresh demo database (`migrate`, `setup_demo` under the dev settings),
runs `collectstatic` and starts gunicorn with deploy/gunicorn.conf.py and config.settings.production
(page cache in files, PROXY_COUNT=1, no TLS redirect), and one nginx with two servers: the caching
proxy of deploy/nginx/ikz-portal.conf in front of that gunicorn, and a plain server with each page's
HTML saved as a static file. Then, page after page (interleaved, so background noise hits all modes
alike), it loads each page with wrk (or, without wrk, a threaded keep-alive client in this script):

- static:  nginx serving the saved HTML (the reference),
- cached:  gunicorn directly, anonymous – the page cache's WSGI fast path answers (config/wsgi.py),
- django:  the same hit through Django's handler and middleware chain (a second gunicorn with
           PAGE_CACHE_FAST_PATH=0, same database and page cache) – what the fast path saves,
- empty:   gunicorn with the same configuration around a WSGI function that only returns the saved
           HTML from memory – gunicorn's own ceiling, what no application code can beat,
- proxy:   through the caching proxy – nginx's cache answers, revalidating every few seconds,
- dynamic: gunicorn directly with a cookie that bypasses the page cache – rendered every time,

and prints req/s, p50, p99, errors, gunicorn CPU ms per request (the workers' /proc CPU time
delta over the requests answered) and the rate relative to nginx static. Prints figures; never
fails on them (timing is not a test). Needs nginx (nginx-light) and gunicorn; wrk is optional.
"""

# ruff: noqa: S603, S607, S310, T201 - a developer tool: runs this interpreter, gunicorn, nginx, wrk on 127.0.0.1

from __future__ import annotations

import argparse
import http.client
import importlib.util
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG_ADMIN = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
PG_NAME = os.environ.get("BENCH_PG_NAME", "bench_pages")  # dropped and created anew
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
WRK = shutil.which("wrk")
BYPASS_COOKIE = "bench_nocache=1"  # any cookie but csrftoken: the page cache steps aside

# name, path (None: found at run time)
PAGES = [
    ("home", "/"),
    ("koerperschaft", None),  # /kommunen/05111000/… (Düsseldorf), after its redirect
    ("suche", "/suche/?q=Zweckverband+gr%C3%BCnden"),
    ("api-suche", "/api/v1/search?q=Zweckverband"),
    ("projekte", "/projekte/"),
    ("kommunen", "/kommunen/"),
    ("gwb", "/wissen/gesetze/gwb/"),
    ("projekt", None),  # the first project linked from /projekte/
]
MODES = ["static", "empty", "cached", "django", "proxy", "dynamic"]


EMPTY_APP = """
from pathlib import Path

PAGES = {{"/" + p.name: p.read_bytes() for p in Path({html!r}).glob("*.html")}}


def application(environ, start_response):
    body = PAGES.get(environ["PATH_INFO"])
    if body is None:
        start_response("404 Not Found", [("Content-Length", "0")])
        return [b""]
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))])
    return [body]
"""


def _render_module():
    spec = importlib.util.spec_from_file_location("ikz_nginx_render", ROOT / "deploy" / "nginx" / "render.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_port(port: int, proc: subprocess.Popen, what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(f"{what} startet nicht (Exit {proc.returncode})") from None
            time.sleep(0.1)
    raise SystemExit(f"{what} antwortet nicht auf Port {port}")


# --- database ------------------------------------------------------------------------------------


def database_build(kind: str, work: Path, sqlite_file: str | None) -> str:
    if kind == "sqlite":
        target = work / "demo.sqlite3"
        if sqlite_file:
            shutil.copy(sqlite_file, target)
            print(f"SQLite: Demo-Datenbank kopiert aus {sqlite_file}", flush=True)
            return f"sqlite:///{target}"
        url = f"sqlite:///{target}"
    else:
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {PG_NAME}")
        url = PG_ADMIN.rsplit("/", 1)[0] + f"/{PG_NAME}"
    env = base_env(work, url) | {"DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    started = time.monotonic()
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [PYTHON, "manage.py", "setup_demo"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )
    print(f"{kind}: Demo-Datenbank in {time.monotonic() - started:.0f} s aufgebaut", flush=True)
    return url


def database_drop(kind: str) -> None:
    if kind == "postgres":
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)")


def base_env(work: Path, database_url: str) -> dict:
    return {
        **os.environ,
        "IKZ_ENV_FILE": "",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(work / "media"),
        "STATIC_ROOT": str(work / "static"),
        "PAGE_CACHE_DIR": str(work / "pagecache"),
    }


def production_env(work: Path, database_url: str) -> dict:
    return base_env(work, database_url) | {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "PROXY_COUNT": "1",
        "PAGE_CACHE": "1",
        "IKZ_RELEASE": "bench",
    }


# --- servers -------------------------------------------------------------------------------------


def cpu_seconds(master: int, with_master: bool = False) -> float:
    """User + system CPU seconds of a server's worker processes (children of `master`)."""
    try:
        pids = [int(pid) for pid in Path(f"/proc/{master}/task/{master}/children").read_text().split()]
    except FileNotFoundError:
        return 0.0
    total = 0
    for pid in [master, *pids] if with_master or not pids else pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


class Gunicorn:
    def __init__(self, env: dict, workers: int, work: Path, name: str = "gunicorn", app: str = "config.wsgi"):
        self.port = free_port()
        gunicorn = shutil.which("gunicorn", path=str(Path(PYTHON).parent)) or "gunicorn"
        env = env | {"GUNICORN_BIND": f"127.0.0.1:{self.port}", "WEB_CONCURRENCY": str(workers)}
        log = work / f"{name}.log"
        self.log = open(log, "w")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [gunicorn, "-c", str(ROOT / "deploy" / "gunicorn.conf.py"), "--pythonpath", str(work), app],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        wait_port(self.port, self.proc, "gunicorn")
        # Workers warm up before they accept: wait until each has said so.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and log.read_text().count("aufgewärmt") < workers:
            time.sleep(0.2)

    def cpu_seconds(self) -> float:
        return cpu_seconds(self.proc.pid)

    def settle(self, limit: float = 60) -> None:
        """Wait until the workers are idle: requests a load run left in the queue are done."""
        deadline = time.monotonic() + limit
        before = self.cpu_seconds()
        while time.monotonic() < deadline:
            time.sleep(0.3)
            now = self.cpu_seconds()
            if now - before < 0.02:
                return
            before = now

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


class Nginx:
    """One nginx: the shipped caching proxy in front of gunicorn, and the saved HTML as files."""

    def __init__(self, work: Path, upstream_port: int, html: Path):
        self.proxy_port, self.static_port = free_port(), free_port()
        static_server = f"""
    server {{
        listen 127.0.0.1:{self.static_port};
        location / {{ root {html}; default_type text/html; }}
    }}
"""
        conf = _render_module().standalone(
            work / "nginx",
            connections=4096,
            extra=static_server,
            processes=os.cpu_count() or 2,
            listen=f"127.0.0.1:{self.proxy_port}",
            upstream=f"127.0.0.1:{upstream_port}",
            static_root=str(work / "static"),
            media_root=str(work / "media"),
        )
        self.proc = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(conf.parent)])
        wait_port(self.proxy_port, self.proc, "nginx")

    def cpu_seconds(self) -> float:
        return cpu_seconds(self.proc.pid)

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


# --- load ----------------------------------------------------------------------------------------


@dataclass
class Result:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


def load_wrk(url: str, connections: int, seconds: float, cookie: str | None) -> Result:
    command = [WRK, "-t2", f"-c{connections}", f"-d{seconds:g}s", "--latency", "--timeout", "10s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    requests = re.search(r"(\d+) requests in", out).group(1)
    duration_s = _ms(re.search(r"requests in ([\d.]+(?:us|ms|s|m))", out).group(1)) / 1000
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+(?:us|ms|s|m))", out, re.M))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors += int(match.group(1))
    return Result(int(requests), duration_s, _ms(latency["50"]), _ms(latency["99"]), errors)


def load_threads(url: str, connections: int, seconds: float, cookie: str | None) -> Result:
    """Without wrk: `connections` threads, each on a keep-alive connection (reconnecting when the
    server closes). Python's own CPU limits the rate well below nginx's – use wrk for nginx."""
    parts = urllib.parse.urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    headers = {"Cookie": cookie} if cookie else {}
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def run():
        conn, mine, bad = None, [], 0
        while time.monotonic() < stop_at:
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
                started = time.perf_counter()
                conn.request("GET", target, headers=headers)
                response = conn.getresponse()
                response.read()
                mine.append((time.perf_counter() - started) * 1000)
                if response.status >= 400:
                    bad += 1
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException):
                bad += 1
                conn = None
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    started = time.monotonic()
    threads = [threading.Thread(target=run) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    if not latencies:
        return Result(0, elapsed, 0.0, 0.0, errors[0])
    return Result(
        len(latencies),
        elapsed,
        statistics.median(latencies),
        latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
        errors[0],
    )


load = load_wrk if WRK else load_threads


# --- run -----------------------------------------------------------------------------------------


def ratio(rate: float, static_rate: float | None) -> str:
    """Rate relative to nginx static: "1/480" when far below, "0.85" near it, "1.10" above."""
    if not rate or not static_rate:
        return ""
    share = rate / static_rate
    return f"{share:.2f}" if share >= 0.5 else f"1/{1 / share:.0f}"


def fetch(url: str, cookie: str | None = None) -> tuple[int, str, bytes, dict]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.status, response.geturl(), response.read(), dict(response.headers)


def pages_resolve(base: str) -> list[tuple[str, str]]:
    resolved = []
    for name, path in PAGES:
        if name == "koerperschaft":
            _, final, _, _ = fetch(base + "/kommunen/05111000/", BYPASS_COOKIE)
            path = urllib.parse.urlsplit(final).path
        elif name == "projekt":
            _, _, body, _ = fetch(base + "/projekte/", BYPASS_COOKIE)
            match = re.search(rb'href="(/projekte/\d+/[^"/]+/)"', body)
            if not match:
                print("Keine Projektseite in /projekte/ gefunden – übersprungen", flush=True)
                continue
            path = match.group(1).decode()
        resolved.append((name, path))
    return resolved


def run_database(kind: str, args) -> None:
    work = Path(tempfile.mkdtemp(prefix=f"bench-pages-{kind}-"))
    work.chmod(0o755)  # nginx's workers run as an unprivileged user when started by root
    gunicorn = nginx = slow = empty = None
    try:
        url = database_build(kind, work, args.sqlite_file if kind == "sqlite" else None)
        env = production_env(work, url) | dict(item.split("=", 1) for item in args.set)
        subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
        )
        gunicorn = Gunicorn(env, args.workers, work)
        direct = f"http://127.0.0.1:{gunicorn.port}"
        modes = [m for m in MODES if m in args.modes.split(",")]
        if "django" in modes:
            slow = Gunicorn(env | {"PAGE_CACHE_FAST_PATH": "0"}, args.workers, work, "gunicorn-django")
            behind_django = f"http://127.0.0.1:{slow.port}"
        pages = pages_resolve(direct)
        if args.pages:
            pages = [(name, path) for name, path in pages if name in args.pages.split(",")]
        html = work / "html"
        html.mkdir()
        for name, path in pages:
            status, _, body, _ = fetch(direct + path, BYPASS_COOKIE)
            (html / f"{name}.html").write_bytes(body)
            print(f"  {name:14} {path}  {status}, {len(body) // 1024} KB", flush=True)
        nginx = Nginx(work, gunicorn.port, html)
        if "empty" in modes:
            (work / "bench_empty_app.py").write_text(EMPTY_APP.format(html=str(html)))
            empty = Gunicorn(env, args.workers, work, "gunicorn-empty", app="bench_empty_app:application")
        proxy = f"http://127.0.0.1:{nginx.proxy_port}"
        static = f"http://127.0.0.1:{nginx.static_port}"
        for name, path in pages:  # fill both caches (page cache and proxy) and show they answer
            for _ in range(2):
                _, _, fast_body, via_app = fetch(direct + path)
                _, _, _, via_proxy = fetch(proxy + path)
            same = ""
            if "django" in modes:
                _, _, django_body, via_django = fetch(behind_django + path)
                same = f", über Django: {via_django.get('X-Page-Cache', '–')}" + (
                    ", gleicher Inhalt" if django_body == fast_body else ", ANDERER INHALT"
                )
            print(
                f"  {name:14} Seiten-Cache: {via_app.get('X-Page-Cache', '–')}{same}, "
                f"Proxy: {via_proxy.get('X-Proxy-Cache', '–')}",
                flush=True,
            )
        load_average = Path("/proc/loadavg").read_text().split()[:3]
        print(
            f"\n{kind}: gunicorn {args.workers} Worker, {args.seconds:g} s je Messung, "
            f"Last mit {'wrk -t2' if WRK else 'Python-Threads (kein wrk)'}"
            + (f", {' '.join(args.set)}" if args.set else "")
            + f"; Systemlast vorher (1/5/15 min): {' '.join(load_average)}",
            flush=True,
        )
        header = (
            f"{'Seite':14} {'Modus':8} {'Verb.':>5} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} "
            f"{'Fehler':>6} {'CPU ms/req':>10} {'nginx ms/req':>12} {'vs. nginx':>9}"
        )
        for connections in args.connections:
            print(f"\n{header}\n{'-' * len(header)}", flush=True)
            for name, path in pages:
                targets = {
                    "static": (f"{static}/{name}.html", None),
                    "cached": (direct + path, None),
                    "django": (behind_django + path, None) if "django" in modes else None,
                    "empty": (f"http://127.0.0.1:{empty.port}/{name}.html", None) if empty else None,
                    "proxy": (proxy + path, None),
                    "dynamic": (direct + path, BYPASS_COOKIE),
                }
                static_rate = None
                for mode in modes:
                    target, cookie = targets[mode]
                    server = {"django": slow, "empty": empty}.get(mode, gunicorn)
                    server.settle()
                    cpu_before, nginx_before = server.cpu_seconds(), nginx.cpu_seconds()
                    result = load(target, connections, args.seconds, cookie)
                    cpu = (server.cpu_seconds() - cpu_before) * 1000
                    nginx_cpu = (nginx.cpu_seconds() - nginx_before) * 1000
                    static_rate = result.rate if mode == "static" else static_rate
                    share = ratio(result.rate, static_rate) if mode != "static" else ""
                    per_request = (
                        f"{cpu / result.requests:.2f}" if mode != "static" and result.requests else ""
                    )
                    nginx_per_request = (
                        f"{nginx_cpu / result.requests:.3f}"
                        if mode in ("static", "proxy") and result.requests
                        else ""
                    )
                    print(
                        f"{name:14} {mode:8} {connections:5} {result.rate:9.0f} {result.p50_ms:8.2f} "
                        f"{result.p99_ms:8.1f} {result.errors:6} {per_request:>10} {nginx_per_request:>12} {share:>9}",
                        flush=True,
                    )
    finally:
        if nginx:
            nginx.stop()
        if gunicorn:
            gunicorn.stop()
        if slow:
            slow.stop()
        if empty:
            empty.stop()
        database_drop(kind)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"Arbeitsverzeichnis: {work}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="sqlite")
    parser.add_argument("--seconds", type=float, default=5, help="Dauer je Messung (Vorgabe 5)")
    parser.add_argument(
        "--connections", type=lambda s: [int(n) for n in s.split(",")], default=[32, 64], help="z. B. 32,64"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn-Worker (Vorgabe 2)")
    parser.add_argument("--sqlite-file", help="vorhandene Demo-Datenbank (SQLite) kopieren statt aufbauen")
    parser.add_argument("--keep", action="store_true", help="Arbeitsverzeichnis behalten")
    parser.add_argument(
        "--pages", help="nur diese Seiten (Namen mit Komma, z. B. home,projekte); Vorgabe: alle"
    )
    parser.add_argument(
        "--modes", default=",".join(MODES), help=f"nur diese Modi (Vorgabe: {','.join(MODES)})"
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=WERT",
        help="Umgebung für gunicorn, z. B. --set GUNICORN_GC_FREEZE=0 (Vergleich ohne gc.freeze)",
    )
    args = parser.parse_args()
    if not Path(NGINX).exists():
        raise SystemExit("nginx fehlt (apt-get install nginx-light)")
    for kind in ["sqlite", "postgres"] if args.db == "both" else [args.db]:
        run_database(kind, args)


if __name__ == "__main__":
    main()
