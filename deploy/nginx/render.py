"""Render deploy/nginx/ikz-portal.conf: fill in the placeholders (@NAME@).

    python deploy/nginx/render.py --server-name ikz-portal.nrw.de --listen "443 ssl" \
        --tls-include /etc/nginx/snippets/ikz-tls.conf --static-root /srv/ikz/static \
        --media-root /srv/ikz/media > /etc/nginx/conf.d/ikz-portal.conf

`--standalone DIR` writes a complete nginx.conf for a private nginx (tests, benchmarks): no daemon,
pid, logs and temp files in DIR, the site included. Used by tests/test_caching_proxy.py and
benchmarks/bench_pages.py.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

TEMPLATE = Path(__file__).with_name("ikz-portal.conf")

DEFAULTS = {
    "listen": "80",
    "server_name": "_",
    "tls_include": "",
    "upstream": "127.0.0.1:8000",
    "static_url": "/static/",
    "static_root": "/srv/ikz/static",
    "media_url": "/media/",
    "media_root": "/srv/ikz/media",
    "cache_dir": "/var/cache/nginx/ikz-portal",
    "cache_ttl": "5s",
    "csrf_cookie": "csrftoken",
}

STANDALONE = """\
daemon off;
{processes}
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections {connections}; }}
http {{
    include {mime_types};
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {site};
{extra}}}
"""


def render(**values: str) -> str:
    """The site configuration with every placeholder filled in (unknown names are an error)."""
    unknown = set(values) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"unknown placeholders: {sorted(unknown)}")
    filled = {**DEFAULTS, **{k: v for k, v in values.items() if v is not None}}
    filled["static_root"] = str(filled["static_root"]).rstrip("/")
    filled["media_root"] = str(filled["media_root"]).rstrip("/")
    filled["tls_include"] = f"include {filled['tls_include']};" if filled["tls_include"] else ""
    text = TEMPLATE.read_text()
    for name, value in filled.items():
        text = text.replace(f"@{name.upper()}@", str(value))
    if left := re.findall(r"@[A-Z_]+@", text):
        raise ValueError(f"placeholders left: {left}")
    return text


def standalone(
    directory: Path, connections: int = 1024, extra: str = "", processes: int = 1, **values: str
) -> Path:
    """A complete nginx.conf in `directory` running the site for one user; returns its path.
    `extra`: more directives for the http block (e.g. another server); `processes`: worker processes
    (1: no master process)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    values.setdefault("cache_dir", str(directory / "cache"))
    site = directory / "ikz-portal.conf"
    site.write_text(render(**values))
    mime_types = "/etc/nginx/mime.types"
    if not Path(mime_types).exists():  # pragma: no cover - nginx packages ship it
        mime_types = str(directory / "mime.types")
        Path(mime_types).write_text("types { text/html html; text/css css; application/javascript js; }\n")
    conf = directory / "nginx.conf"
    conf.write_text(
        STANDALONE.format(
            tmp=directory,
            processes="master_process off;" if processes == 1 else f"worker_processes {processes};",
            connections=connections,
            mime_types=mime_types,
            site=site,
            extra=extra,
        )
    )
    return conf


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for name, default in DEFAULTS.items():
        parser.add_argument("--" + name.replace("_", "-"), help=f"Vorgabe: {default!r}")
    parser.add_argument(
        "--standalone", metavar="DIR", help="vollständige nginx.conf für ein eigenes nginx in DIR"
    )
    args = {k: v for k, v in vars(parser.parse_args(argv)).items() if v is not None}
    directory = args.pop("standalone", None)
    if directory:
        print(standalone(Path(directory), **args))
    else:
        sys.stdout.write(render(**args))


if __name__ == "__main__":
    main()
