"""Which settings a process runs with, and that demo commands never run on a production system.

The subprocess tests start manage.py, wsgi.py and asgi.py as cron or systemd would: without
DJANGO_SETTINGS_MODULE, with or without the operator's environment file.
"""

import json
import os
import secrets
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import get_commands, load_command_class

from config.settings.selection import env_file_read, settings_module_select
from ikz.core.demo_only import DemoOnlyCommand, demo_refusal

ROOT = Path(settings.BASE_DIR)
PRINT_SETTINGS = (
    "import json; from django.conf import settings as s; "
    "print(json.dumps({'module': s.SETTINGS_MODULE, 'debug': s.DEBUG, 'key': s.SECRET_KEY, "
    "'engine': s.DATABASES['default']['ENGINE'], 'name': str(s.DATABASES['default']['NAME'])}))"
)
CLEARED = ("DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "IKZ_ENV")


def run(args, **extra):
    """Run in a clean environment: no settings chosen, no env file unless the test names one."""
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    env["IKZ_ENV_FILE"] = ""
    env.update(extra)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def settings_seen(result) -> dict:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def production_env(tmp_path):
    """An operator's environment file as in the docs, with a SQLite file standing in for PostgreSQL."""
    values = {
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "ikz-portal.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
    }
    path = tmp_path / "env"
    path.write_text(
        "# /etc/ikz-portal/env\n" + "".join(f'{k}="{v}"\n' for k, v in values.items()), encoding="utf-8"
    )
    return {"path": path, "db": tmp_path / "production.sqlite3", **values}


def tables_in(path: Path) -> list[str]:
    if not path.exists():
        return []
    with sqlite3.connect(path) as conn:
        return [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]


def test_manage_py_refuses_when_nothing_is_configured():
    result = run(["manage.py", "check"])
    assert result.returncode == 2
    assert "nicht festgelegt, mit welchen Einstellungen" in result.stderr
    assert "DJANGO_SETTINGS_MODULE=config.settings.dev" in result.stderr


def test_manage_py_uses_production_settings_from_the_env_file(production_env):
    seen = settings_seen(
        run(["manage.py", "shell", "-c", PRINT_SETTINGS], IKZ_ENV_FILE=str(production_env["path"]))
    )
    assert seen == {
        "module": "config.settings.production",
        "debug": False,
        "key": production_env["SECRET_KEY"],
        "engine": "django.db.backends.sqlite3",
        "name": str(production_env["db"]),
    }


def test_manage_py_uses_production_settings_from_the_environment(production_env):
    variables = {k: production_env[k] for k in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL")}
    seen = settings_seen(run(["manage.py", "shell", "-c", PRINT_SETTINGS], **variables))
    assert (seen["module"], seen["debug"], seen["name"]) == (
        "config.settings.production",
        False,
        str(production_env["db"]),
    )


def test_process_environment_wins_over_the_env_file(production_env, tmp_path):
    other_db = tmp_path / "other.sqlite3"
    seen = settings_seen(
        run(
            ["manage.py", "shell", "-c", PRINT_SETTINGS],
            IKZ_ENV_FILE=str(production_env["path"]),
            DATABASE_URL=f"sqlite:///{other_db}",
        )
    )
    assert (seen["module"], seen["name"], seen["key"]) == (
        "config.settings.production",
        str(other_db),
        production_env["SECRET_KEY"],
    )


def test_explicit_dev_settings_never_read_the_production_env_file(production_env):
    seen = settings_seen(
        run(
            ["manage.py", "shell", "-c", PRINT_SETTINGS],
            IKZ_ENV_FILE=str(production_env["path"]),
            DJANGO_SETTINGS_MODULE="config.settings.dev",
        )
    )
    assert seen["module"] == "config.settings.dev"
    assert seen["name"] != str(production_env["db"])
    assert seen["key"] != production_env["SECRET_KEY"]


def test_the_settings_option_names_the_module_too(production_env):
    seen = settings_seen(
        run(
            ["manage.py", "shell", "--settings=config.settings.dev", "-c", PRINT_SETTINGS],
            IKZ_ENV_FILE=str(production_env["path"]),
        )
    )
    assert (seen["module"], seen["debug"]) == ("config.settings.dev", False)  # IKZ_DEBUG=1 turns it on
    assert seen["name"] != str(production_env["db"])


@pytest.mark.parametrize("entry_point", ["config.wsgi", "config.asgi"])
def test_server_entry_points_follow_the_same_rule(entry_point, production_env):
    code = f"import {entry_point}; {PRINT_SETTINGS}"
    seen = settings_seen(run(["-c", code], IKZ_ENV_FILE=str(production_env["path"])))
    assert (seen["module"], seen["debug"], seen["name"]) == (
        "config.settings.production",
        False,
        str(production_env["db"]),
    )
    # Nothing configured: a server takes production settings, which refuse without SECRET_KEY.
    result = run(["-c", f"import {entry_point}"])
    assert result.returncode != 0
    assert "SECRET_KEY fehlt" in result.stderr


def test_env_file_format(tmp_path):
    path = tmp_path / "env"
    path.write_text(
        "# Kommentar\n\nSECRET_KEY='a=b c'\nALLOWED_HOSTS = ikz.example\n; auch Kommentar\nEMPTY=\n",
        encoding="utf-8",
    )
    assert env_file_read(path) == {"SECRET_KEY": "a=b c", "ALLOWED_HOSTS": "ikz.example", "EMPTY": ""}
    environ = {"IKZ_ENV_FILE": str(path), "ALLOWED_HOSTS": "vorrang.example"}
    assert settings_module_select(environ=environ) == "config.settings.production"
    assert environ["ALLOWED_HOSTS"] == "vorrang.example"
    assert environ["SECRET_KEY"] == "a=b c"


def demo_commands() -> list[str]:
    return sorted(name for name, app in get_commands().items() if app.startswith("ikz.") and "demo" in name)


def test_every_demo_command_is_demo_only():
    names = demo_commands()
    assert {"setup_demo", "demo_accounts", "demo_mailsink", "setup_library_demo"} <= set(names)
    for name in names:
        command = load_command_class(get_commands()[name], name)
        assert isinstance(command, DemoOnlyCommand), f"{name} muss von DemoOnlyCommand erben"


def test_demo_commands_refuse_under_production_settings(production_env):
    for name in demo_commands():
        result = run(["manage.py", name], IKZ_ENV_FILE=str(production_env["path"]))
        assert result.returncode != 0, name
        assert "nur für die lokale Demo gedacht" in result.stderr, (name, result.stderr)
        assert "config.settings.production" in result.stderr
        assert tables_in(production_env["db"]) == [], name


def test_demo_commands_refuse_on_a_production_host_even_under_dev_settings(production_env, tmp_path):
    dev_db = tmp_path / "dev.sqlite3"
    for name in ("setup_demo", "demo_accounts"):
        result = run(
            ["manage.py", name],
            IKZ_ENV_FILE=str(production_env["path"]),
            DJANGO_SETTINGS_MODULE="config.settings.dev",
            DATABASE_URL=f"sqlite:///{dev_db}",
        )
        assert result.returncode != 0, name
        assert "dies ist ein Produktionssystem" in result.stderr, (name, result.stderr)
        assert tables_in(dev_db) == [], name
    result = run(
        ["manage.py", "demo_accounts"], DJANGO_SETTINGS_MODULE="config.settings.dev", IKZ_ENV="production"
    )
    assert "IKZ_ENV=production" in result.stderr


def test_demo_commands_may_run_under_test_settings(monkeypatch):
    monkeypatch.setenv("IKZ_ENV_FILE", "")
    monkeypatch.delenv("IKZ_ENV", raising=False)
    assert demo_refusal() is None
    monkeypatch.setenv("IKZ_ENV", "production")
    assert "IKZ_ENV=production" in demo_refusal()
