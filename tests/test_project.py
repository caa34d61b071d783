"""Project-wide checks that belong in every test run: lint, migrations, deploy settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROD_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "x" * 20 + "-production-test-key-with-enough-entropy-0123456789",
    "ALLOWED_HOSTS": "ikz-portal.example",
}


def run(args, env_extra=None, drop=()):
    skip = {*drop, "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env.update(env_extra or {})
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def test_ruff_lint_is_clean():
    result = run([sys.executable, "-m", "ruff", "check", "."])
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_missing_migrations():
    result = run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        {"DJANGO_SETTINGS_MODULE": "config.settings.test"},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_is_clean_under_production_settings():
    result = run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], PROD_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("missing", "message"),
    [("SECRET_KEY", "SECRET_KEY fehlt"), ("ALLOWED_HOSTS", "ALLOWED_HOSTS fehlt")],
)
def test_production_settings_refuse_to_start_without(missing, message):
    env = {k: v for k, v in PROD_ENV.items() if k != missing}
    result = run([sys.executable, "manage.py", "check"], env, drop=(missing,))
    assert result.returncode != 0
    assert message in result.stderr


def test_wsgi_defaults_to_production_settings():
    result = run([sys.executable, "-c", "import config.wsgi"], drop=("SECRET_KEY", "ALLOWED_HOSTS"))
    assert result.returncode != 0
    assert "SECRET_KEY fehlt" in result.stderr
