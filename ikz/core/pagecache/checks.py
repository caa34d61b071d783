"""System checks: the page cache must be shared by every process that serves or writes pages."""

from django.conf import settings
from django.core import checks

from .invalidation import CACHE_ALIAS


@checks.register(checks.Tags.caches)
def page_cache_shared(app_configs=None, **kwargs):
    if not getattr(settings, "PAGE_CACHE_ENABLED", False):
        return []
    backend = settings.CACHES.get(CACHE_ALIAS, {}).get("BACKEND", "")
    if not backend:
        return [
            checks.Error(
                f"Der Seiten-Cache ist eingeschaltet, aber CACHES hat keinen Eintrag „{CACHE_ALIAS}“.",
                hint="Dateien (FileBasedCache) auf einem Rechner, Redis für mehrere; oder PAGE_CACHE=0.",
                id="ikz.pagecache.E001",
            )
        ]
    if backend.endswith("LocMemCache"):
        return [
            checks.Warning(
                "Der Seiten-Cache liegt im Speicher eines Prozesses: Änderungen aus anderen Prozessen "
                "(weitere gunicorn-Worker, der Aufgaben-Worker, manage.py) erreichen ihn nicht.",
                hint="FileBasedCache (PAGE_CACHE_DIR) oder Redis (CACHE_URL) verwenden.",
                id="ikz.pagecache.W001",
            )
        ]
    return []
