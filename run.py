#!/usr/bin/env python3
"""Set up and run the IKZ-Portal with nothing but Python ≥ 3.11 and pip.

    python3 run.py demo    install, create the SQLite database with the register and demo
                           content, start the task worker and serve http://127.0.0.1:8000
    python3 run.py test    install the test tools and run the whole test suite (one process per core)

Both create the virtual environment `.venv` from the lock files first (again only when a
lock file changed). Extra arguments after `test` go to pytest.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
NGINX = Path("/usr/sbin/nginx")


def say(text: str) -> None:
    print(f"\n==> {text}", flush=True)


def run(*args: str | os.PathLike, env: dict | None = None, check: bool = True) -> int:
    result = subprocess.run([str(a) for a in args], cwd=ROOT, env=env)  # noqa: S603
    if check and result.returncode != 0:
        sys.exit(result.returncode)
    return result.returncode


def ensure_venv(lock: str) -> None:
    """Create .venv and install the pinned packages of `lock`, once per change of the file."""
    if sys.version_info < (3, 11):  # noqa: UP036 - run.py is what an old Python meets first
        sys.exit("Das IKZ-Portal braucht Python 3.11 oder neuer.")
    lock_path = ROOT / lock
    digest = hashlib.sha256(lock_path.read_bytes()).hexdigest()
    stamp = VENV / f".installed-{lock}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    if not PYTHON.exists():
        say("Lege die virtuelle Umgebung .venv an")
        venv.EnvBuilder(with_pip=True).create(VENV)
    say(f"Installiere die Pakete aus {lock}")
    run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", lock_path)
    stamp.write_text(digest)


def manage(*args: str, env: dict | None = None) -> None:
    run(PYTHON, "manage.py", *args, env=env)


def ensure_chromium() -> None:
    """Browser tests drive Debian's Chromium, the login lock is tested behind nginx; install both
    where we may (root with apt-get)."""
    if CHROMIUM.exists() and NGINX.exists():
        return
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        say("Installiere Chromium und nginx für die Browser- und Proxy-Tests (apt-get)")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        run("apt-get", "update", "-q", env=env, check=False)
        packages = ["chromium", "fonts-dejavu-core", "nginx-light"]
        run("apt-get", "install", "-y", "-q", *packages, env=env, check=False)
    if not NGINX.exists():
        print("Hinweis: nginx fehlt; der Test hinter einem Reverse-Proxy wird übersprungen.", flush=True)
    if not CHROMIUM.exists():
        print(
            "Hinweis: Chromium fehlt (/usr/bin/chromium); die Browser-Tests werden übersprungen. "
            "Installieren Sie es mit: sudo apt-get install chromium",
            flush=True,
        )


def demo() -> None:
    ensure_venv("requirements-dev.lock")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    say("Richte die Datenbank ein (SQLite: db.sqlite3)")
    manage("migrate", "--no-input", env=env)
    say("Lade das Verzeichnis der Körperschaften und die Beispielinhalte")
    manage("setup_demo", env=env)
    say(
        "Starte Hintergrund-Worker (Protokoll: worker.log) und Mail-Empfänger (E-Mails erscheinen hier im Terminal)"
    )
    worker_log = (ROOT / "worker.log").open("a")
    helpers = [
        subprocess.Popen([str(PYTHON), "manage.py", "demo_mailsink", "--port", "1025"], cwd=ROOT, env=env),  # noqa: S603
        subprocess.Popen(  # noqa: S603
            [str(PYTHON), "manage.py", "db_worker", "--interval", "1"],
            cwd=ROOT,
            env=env,
            stdout=worker_log,
            stderr=subprocess.STDOUT,
        ),
    ]
    say("Das Portal läuft auf http://127.0.0.1:8000 (Beenden mit Strg+C)")
    try:
        run(PYTHON, "manage.py", "runserver", "127.0.0.1:8000", env=env, check=False)
    except KeyboardInterrupt:
        pass
    finally:
        for proc in helpers:
            proc.send_signal(signal.SIGTERM)
        for proc in helpers:
            proc.wait(timeout=10)
        worker_log.close()


def test(pytest_args: list[str]) -> None:
    ensure_venv("requirements-dev.lock")
    ensure_chromium()
    db = os.environ.get("DATABASE_URL") or "SQLite"
    say(f"Starte die Testsuite (Datenbank: {db.split('@')[-1]})")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    # One worker process per core (pytest-xdist), each with its own test database. Tests go out
    # one by one in pytest-django's order (tests in a transaction first, then the transactional
    # ones whose flush empties the tables), so in every worker no test runs after a flush that
    # would have removed what the migrations created. `-n 0` after `test` runs them serially.
    # The 25 slowest tests close the log, so a suite that grows slower shows where.
    parallel = ["-n", "auto", "--dist", "load", "--durations=25"]
    code = run(PYTHON, "-m", "pytest", *parallel, *pytest_args, env=env, check=False)
    sys.exit(code)


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in {"demo", "test"}:
        sys.exit(__doc__)
    if sys.argv[1] == "demo":
        demo()
    else:
        test(sys.argv[2:])


if __name__ == "__main__":
    main()
