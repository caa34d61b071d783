"""Test fixtures of the core shared by every app's tests (loaded through conftest.pytest_plugins)."""

import uuid

import pytest


@pytest.fixture
def page_cache(settings):
    """The page cache switched on – a local-memory cache of its own for this test, empty."""
    from django.conf import settings as django_settings
    from django.core.cache import caches

    settings.CACHES = {
        **django_settings.CACHES,
        "pagecache": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"pc-{uuid.uuid4()}",
        },
    }
    settings.PAGE_CACHE_ENABLED = True
    caches["pagecache"].clear()
    yield caches["pagecache"]
    caches["pagecache"].clear()
