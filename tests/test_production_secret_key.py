"""Production settings refuse every SECRET_KEY that is not a real secret."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def import_production_settings(secret_key: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"}}
    env.update(SECRET_KEY=secret_key, ALLOWED_HOSTS="ikz-portal.example")
    return subprocess.run(
        [sys.executable, "-c", "import config.settings.production"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


WEAK_KEYS = {
    "missing": "",
    "too short": secrets.token_urlsafe(30)[:49],
    "one character": "x" * 64,
    "four characters": "abcd" * 16,
    "django-insecure": "django-insecure-" + secrets.token_urlsafe(50),
    "dev key repeated": "dev-only-not-secret-ikz-portal" * 2,
    "test key padded": "test-only-not-secret-" + secrets.token_urlsafe(50),
}


@pytest.mark.parametrize("key", WEAK_KEYS.values(), ids=WEAK_KEYS.keys())
def test_a_weak_secret_key_stops_production_settings(key):
    result = import_production_settings(key)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "SECRET_KEY" in result.stderr


def test_a_random_secret_key_is_accepted():
    result = import_production_settings(secrets.token_urlsafe(50))
    assert result.returncode == 0, result.stderr
