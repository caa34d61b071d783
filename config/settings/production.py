"""Production settings. Refuses to start without a real SECRET_KEY and without ALLOWED_HOSTS."""

import os

from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, env_bool, env_list

DEBUG = False

# The keys committed for development and tests: public, so never a production secret, not
# even padded or repeated.
_PUBLIC_KEYS = ("dev-only-not-secret-ikz-portal", "test-only-not-secret")


def secret_key_problem(key: str) -> str | None:
    """Why `key` is no production secret (Django's check_deploy rule and more), or None."""
    if not key:
        return "SECRET_KEY fehlt."
    if len(key) < SECRET_KEY_MIN_LENGTH:
        return f"SECRET_KEY ist zu kurz (mindestens {SECRET_KEY_MIN_LENGTH} Zeichen)."
    if len(set(key)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS:
        return f"SECRET_KEY besteht aus zu wenigen verschiedenen Zeichen (mindestens {SECRET_KEY_MIN_UNIQUE_CHARACTERS})."
    if key.startswith(SECRET_KEY_INSECURE_PREFIX):
        return f"SECRET_KEY beginnt mit „{SECRET_KEY_INSECURE_PREFIX}“: das ist ein Entwicklungsschlüssel."
    if any(public in key for public in _PUBLIC_KEYS):
        return "SECRET_KEY enthält einen der öffentlich bekannten Entwicklungs- oder Testschlüssel."
    return None


SECRET_KEY = os.environ.get("SECRET_KEY", "")
if problem := secret_key_problem(SECRET_KEY):
    raise ImproperlyConfigured(
        f"{problem} Setzen Sie die Umgebungsvariable SECRET_KEY auf einen zufälligen Schlüssel, z. B. "
        "python -c 'from django.core.management.utils import get_random_secret_key as k; print(k())'"
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS fehlt. Setzen Sie die Umgebungsvariable ALLOWED_HOSTS, z. B. "
        "ALLOWED_HOSTS=ikz-portal.nrw.de"
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

STORAGES = {
    "default": {"BACKEND": "ikz.core.files.TrackedFileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# The longest a single SQL statement of a web request may run on PostgreSQL, in seconds (lock waits
# included): deploy/gunicorn.conf.py sets 30 for the web workers, whose threads a hung statement
# would otherwise hold for ever under gthread (decision 0023). Unset or 0: no limit – migrations,
# imports and the task worker run under these settings as well.
STATEMENT_TIMEOUT = int(os.environ.get("DATABASE_STATEMENT_TIMEOUT") or "0")
if STATEMENT_TIMEOUT and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c statement_timeout={STATEMENT_TIMEOUT}s".strip()

if os.environ.get("CACHE_URL", "").startswith("redis://"):
    # One Redis for all app servers: counters, and the page cache with its content version.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["CACHE_URL"],
        },
        "pagecache": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["CACHE_URL"],
            "KEY_PREFIX": "ikz",
        },
    }
