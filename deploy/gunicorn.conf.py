"""gunicorn settings for the IKZ-Portal: `gunicorn -c deploy/gunicorn.conf.py config.wsgi`.

Python's garbage collector is the problem this file solves (issue 12): a worker holds ~200,000
long-lived objects (Django, Wagtail, templates, the compound-splitting word list), and every full
collection walked all of them – 110–150 ms each, 40–50 % of the CPU on the heavy pages. So:

1. `preload_app`: the master imports Django and the portal once; then `gc.freeze()` moves
   everything it holds into the permanent generation before the workers are forked. The collector
   never looks at those objects again, and since it no longer writes to their headers, the forked
   workers copy fewer of the memory pages they share with the master.
2. Warm-up in each worker (`post_worker_init`): a few requests through the WSGI application fill
   the lazy caches (URL resolvers, compiled templates, Wagtail's site root, the search's word
   lists); then `gc.freeze()` again, so only what a request creates is ever collected.
3. `gc.set_threshold`: a larger first generation – a page creates tens of thousands of container
   objects, with Python's 700 a page triggered dozens of young collections.

Settings from the environment (all optional): GUNICORN_BIND (127.0.0.1:8000), WEB_CONCURRENCY
(number of workers, default: number of CPU cores), GUNICORN_TIMEOUT (60), GUNICORN_WARMUP
(comma-separated paths; default "/,/suche/?q=Zweckverband"; empty: none), GUNICORN_GC_THRESHOLD
(default "20000,20,20"; empty: Python's own), GUNICORN_GC_FREEZE (1; 0 switches 1 and 2 off, for
comparisons), GUNICORN_WORKER_CLASS (gthread; or sync) and GUNICORN_THREADS (for gthread, default 4).
See docs/operations.md.

A hung request (docs/decisions/0023-gunicorn-gthread.md): under sync, gunicorn's `timeout` ends the
worker that answers a request for longer (the worker cannot send its heartbeat meanwhile). Under
gthread the heartbeat comes from the worker's main thread, never from a request thread – a request
may hang for ever. So, under gthread, a watchdog thread in each worker does what the timeout does
under sync: a request running longer than GUNICORN_TIMEOUT is logged with its stack, the worker
stops accepting, lets its other requests finish (at most `graceful_timeout`) and exits; the master
starts a new one. And the statements of web requests are bounded on PostgreSQL: this file sets
DATABASE_STATEMENT_TIMEOUT (seconds, default 30; 0: none) for config/settings/production.py, so a
query waiting on a lock or running away ends with an error instead of holding a thread.
"""

import gc
import io
import os
import sys
import threading
import time
import traceback

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or os.cpu_count() or 2)
# gthread (decision 0023): GUNICORN_THREADS requests at a time per worker, client connections kept
# open between requests; a page-cache hit costs less CPU than under sync and a slow page no longer
# holds up the hits behind it in the same worker (measured in docs/operations.md, "Leistung"). The
# per-process caches are safe for threads (ikz/core/tests/test_thread_safety.py). sync
# (GUNICORN_WORKER_CLASS=sync): one request at a time, the connection closed after each answer.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS", "4" if worker_class == "gthread" else "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# Read by config/settings/production.py when the app is loaded (preload: in the master, after this
# file): only the web server bounds its statements, not migrations, imports or the task worker.
os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT", "30")
preload_app = True
# nginx in front buffers slow clients; the portal sits on a local port.
keepalive = 2
forwarded_allow_ips = "127.0.0.1,::1"
# gunicorn >= 25 opens a control socket under $HOME by default; the portal is managed by systemd,
# and two servers on one host (e.g. a benchmark beside the service) would fight over the path.
control_socket_disable = True

FREEZE = os.environ.get("GUNICORN_GC_FREEZE", "1") != "0"
WARMUP = [p for p in os.environ.get("GUNICORN_WARMUP", "/,/suche/?q=Zweckverband").split(",") if p.strip()]
THRESHOLD = os.environ.get("GUNICORN_GC_THRESHOLD", "20000,20,20")


def gc_threshold_apply() -> None:
    if THRESHOLD.strip():
        gc.set_threshold(*(int(part) for part in THRESHOLD.split(",")))


def when_ready(server):
    """In the master, after the application was imported (preload) and before the first fork."""
    # No database connection may cross the fork (the workers would share its socket).
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        connection.close()
    gc_threshold_apply()
    if FREEZE:
        gc.collect()
        gc.freeze()
        server.log.info("gc.freeze() im Master: %d Objekte eingefroren", gc.get_freeze_count())


def warmup_environ(path: str) -> dict:
    """A WSGI environ for an anonymous HTTPS request to `path` that skips the page cache."""
    from django.conf import settings

    hosts = [h.lstrip(".") for h in settings.ALLOWED_HOSTS if h not in ("*", "")]
    host = hosts[0] if hosts else "localhost"
    path, _, query = path.strip().partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": host,
        "SERVER_PORT": "443",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": host,
        "HTTP_X_FORWARDED_PROTO": "https",
        # Any cookie but the CSRF cookie bypasses the page cache: the page is really rendered.
        "HTTP_COOKIE": "gunicorn_warmup=1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "https",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def post_worker_init(worker):
    """In each worker, before it accepts requests: warm up, then freeze what the warm-up built."""
    gc_threshold_apply()
    statuses = []
    for path in WARMUP:
        try:
            result = worker.wsgi(
                warmup_environ(path), lambda status, headers, exc_info=None: statuses.append(status)
            )
            for _chunk in result:
                pass
            if hasattr(result, "close"):
                result.close()
        except Exception:  # a warm-up must never keep a worker from serving
            worker.log.exception("Aufwärmen mit %s fehlgeschlagen", path)
    if FREEZE:
        gc.collect()
        gc.freeze()
    worker.log.info(
        "Worker %s aufgewärmt (%s), %d Objekte eingefroren",
        worker.pid,
        ", ".join(statuses),
        gc.get_freeze_count(),
    )
    if _threaded(worker) and timeout > 0:
        worker.ikz_running = {}
        threading.Thread(target=watchdog, args=(worker, timeout), name="ikz-watchdog", daemon=True).start()


# --- gthread: a request that outlives GUNICORN_TIMEOUT ends its worker, as under sync --------------


def _threaded(worker) -> bool:
    from gunicorn.workers.gthread import ThreadWorker

    return isinstance(worker, ThreadWorker)


def pre_request(worker, req):
    worker.log.debug("%s %s", req.method, req.path)  # gunicorn's own pre_request
    running = getattr(worker, "ikz_running", None)
    if running is not None:
        running[threading.get_ident()] = (time.monotonic(), req.method, req.path)


def post_request(worker, req, environ, resp):
    running = getattr(worker, "ikz_running", None)
    if running is not None:
        running.pop(threading.get_ident(), None)


def watchdog(worker, limit: float, interval: float | None = None) -> None:
    """Runs in each gthread worker. Returns only if the worker shuts down without a hung request."""
    running = worker.ikz_running
    interval = interval or min(5.0, limit / 4)
    while True:
        time.sleep(interval)
        now = time.monotonic()
        hung = {ident: r for ident, r in running.copy().items() if now - r[0] > limit}
        if hung:
            break
        if not worker.alive and not running:
            return
    frames = sys._current_frames()
    for ident, (start, method, path) in hung.items():
        stack = "".join(traceback.format_stack(frames[ident])) if ident in frames else "(kein Stack)\n"
        worker.log.critical(
            "Anfrage %s %s läuft seit %.0f s, länger als GUNICORN_TIMEOUT (%d s): Worker %s wird beendet."
            "\nStack des Threads:\n%s",
            method, path, now - start, limit, worker.pid, stack,
        )  # fmt: skip
    worker.alive = False  # accept nothing more; the main thread stops its loop within a second
    deadline = time.monotonic() + worker.cfg.graceful_timeout
    while time.monotonic() < deadline and any(ident not in hung for ident in running.copy()):
        time.sleep(0.1)  # the other threads finish what they answer
    if not running:
        return  # the hung request ended after all: gunicorn exits the worker itself
    worker.log.critical("Worker %s beendet wegen hängender Anfrage", worker.pid)
    logging_flush()
    os._exit(1)  # a thread cannot be stopped; the process can (the master starts a new worker)


def logging_flush() -> None:
    import logging

    for handler in logging.getLogger("gunicorn.error").handlers:
        handler.flush()
