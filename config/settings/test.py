"""Settings for the test suite. The database comes from DATABASE_URL (SQLite by default)."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; tests only
# Tasks run at once inside the test, mails go over real SMTP to the test's aiosmtpd server.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = 0  # set per test by the smtp_server fixture
STORAGES = {
    "default": {"BACKEND": "ikz.core.files.TrackedFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# The page cache is off, so no test sees a page another test rendered; the tests of the cache
# itself switch it on (ikz/core/tests/test_pagecache.py). Its content version still changes.
PAGE_CACHE_ENABLED = False
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pagecache": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pagecache"},
}

# pytest-xdist runs the suite in several processes (run.py: one per core). Each gets its own
# directories for uploads and hotline attachments unless the environment names them (the
# subprocess tests do); pytest-django gives each its own test database.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if _WORKER:
    if "MEDIA_ROOT" not in os.environ:
        MEDIA_ROOT = BASE_DIR / "var" / "test" / _WORKER / "media"
    if "HOTLINE_ATTACHMENT_ROOT" not in os.environ:
        HOTLINE_ATTACHMENT_ROOT = BASE_DIR / "var" / "test" / _WORKER / "hotline"

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A test database need not survive a crash of the server: no wait for the disk at commit.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"
