"""Which settings module a process runs with – one rule for manage.py and wsgi.py.

A cron line such as `cd /srv/ikz && .venv/bin/python manage.py purge_hotline_personal_data`
carries no environment. If manage.py then fell back to the dev settings, the command would run
against the SQLite file in the checkout with the committed dev key and never touch the
production data. So the rule is, in this order:

1. `DJANGO_SETTINGS_MODULE` is set (or manage.py's `--settings`): that module. Only for the production module is the
   environment file (below) read, so a dev or test run never picks up the production database.
2. The environment file exists (`IKZ_ENV_FILE`, default `/etc/ikz-portal/env`, the same file the
   systemd units name as `EnvironmentFile=`): its variables are added to the environment (the
   process's own variables win) and the module it names in `DJANGO_SETTINGS_MODULE` is used,
   otherwise `config.settings.production`.
3. `IKZ_ENV=production`, `SECRET_KEY` or `DATABASE_URL` is set: production.
4. Nothing of that: manage.py refuses with a message that names the choices; a server entry
   point (wsgi.py) takes production, which refuses to start without SECRET_KEY.

The dev settings are therefore only ever used when asked for by name (`run.py demo` and
`run.py test` do so).
"""

from __future__ import annotations

import os
from pathlib import Path

PRODUCTION = "config.settings.production"
DEFAULT_ENV_FILE = "/etc/ikz-portal/env"
PRODUCTION_VARIABLES = ("SECRET_KEY", "DATABASE_URL")


class SettingsNotChosen(Exception):
    """Neither a settings module nor a production configuration was found."""


def env_file_path(environ=None) -> Path | None:
    """The operator's environment file, or None where `IKZ_ENV_FILE` is set empty."""
    environ = os.environ if environ is None else environ
    value = environ.get("IKZ_ENV_FILE", DEFAULT_ENV_FILE)
    return Path(value) if value else None


def env_file_read(path: Path) -> dict[str, str]:
    """KEY=VALUE lines as systemd's EnvironmentFile= reads them: # comments, optional quotes."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SettingsNotChosen(
            f"Die Umgebungsdatei {path} ist vorhanden, kann aber nicht gelesen werden ({exc.strerror}). "
            "Führen Sie den Befehl unter dem Dienstkonto des Portals aus."
        ) from exc
    values = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")) or "=" not in line:
            continue
        key, value = line.split("=", 1)
        key, value = key.strip(), value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key] = value
    return values


def production_marker(environ=None) -> str | None:
    """Why this host counts as a production host, or None. Demo commands refuse where it is set."""
    environ = os.environ if environ is None else environ
    path = env_file_path(environ)
    if path is not None and path.exists():
        return f"die Umgebungsdatei {path} ist vorhanden"
    if environ.get("IKZ_ENV", "").strip().lower() == "production":
        return "IKZ_ENV=production ist gesetzt"
    return None


def _load_env_file(environ) -> str | None:
    path = env_file_path(environ)
    if path is None or not path.exists():
        return None
    for key, value in env_file_read(path).items():
        environ.setdefault(key, value)
    return str(path)


def _settings_option(argv) -> str:
    """The value of manage.py's `--settings` option, which counts as naming the module."""
    for i, arg in enumerate(argv):
        if arg.startswith("--settings="):
            return arg.split("=", 1)[1]
        if arg == "--settings" and i + 1 < len(argv):
            return argv[i + 1]
    return ""


def settings_module_select(*, server: bool = False, environ=None, argv=()) -> str:
    """Set and return DJANGO_SETTINGS_MODULE by the rule above; raises SettingsNotChosen."""
    environ = os.environ if environ is None else environ
    chosen = _settings_option(argv).strip() or environ.get("DJANGO_SETTINGS_MODULE", "").strip()
    if chosen:
        if chosen == PRODUCTION:
            _load_env_file(environ)
        return chosen
    if _load_env_file(environ):
        environ.setdefault("DJANGO_SETTINGS_MODULE", PRODUCTION)
        return environ["DJANGO_SETTINGS_MODULE"]
    if production_marker(environ) or any(environ.get(name) for name in PRODUCTION_VARIABLES) or server:
        environ["DJANGO_SETTINGS_MODULE"] = PRODUCTION
        return PRODUCTION
    raise SettingsNotChosen(
        "Es ist nicht festgelegt, mit welchen Einstellungen das Portal laufen soll.\n"
        f"- Betrieb: Legen Sie die Umgebungsdatei {env_file_path(environ) or DEFAULT_ENV_FILE} an "
        "(SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL …) oder setzen Sie "
        f"DJANGO_SETTINGS_MODULE={PRODUCTION}.\n"
        "- Entwicklung und Demo: Setzen Sie DJANGO_SETTINGS_MODULE=config.settings.dev "
        "oder starten Sie mit python3 run.py demo.\n"
        "Die Entwicklungs-Einstellungen werden nie stillschweigend gewählt, damit kein Befehl "
        "versehentlich die Demo-Datenbank statt der Produktionsdaten bearbeitet."
    )
