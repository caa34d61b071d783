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
comparisons), GUNICORN_WORKER_CLASS (sync) and GUNICORN_THREADS (for gthread, default 4).
See docs/operations.md.
"""

import gc
import io
import os
import sys

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or os.cpu_count() or 2)
# sync: one request at a time per worker, the connection closed after each answer (nginx in front
# keeps slow clients away). gthread (GUNICORN_WORKER_CLASS=gthread, GUNICORN_THREADS) keeps client
# connections open between requests – only worth it where clients or the proxy reuse connections
# (measured in docs/operations.md, "Leistung").
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "4" if worker_class == "gthread" else "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
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
