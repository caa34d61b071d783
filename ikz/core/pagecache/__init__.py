"""Anonymous pages from a page cache, invalidated by a content version (docs/decisions/0014-page-cache.md).

- middleware.PageCacheMiddleware serves and stores pages (before sessions, CSRF and auth);
  middleware.TextGZipMiddleware compresses text responses.
- invalidation: the content version, `bump()`, the `content_changed` signal and the cursor
  wrapper that bumps after every committed write to a table public pages may show.
- rules: which views and page types are public, which models' writes never matter.
"""

from .invalidation import bump, content_changed, current_version


def connect() -> None:
    """Wire the invalidation into Django and Wagtail (called from CoreConfig.ready)."""
    from django.db import connections
    from django.db.backends.signals import connection_created
    from django.utils.autoreload import file_changed
    from wagtail import hooks

    from . import checks  # noqa: F401 - registers the system check
    from .invalidation import file_changed as on_file_changed
    from .invalidation import watch_connection
    from .middleware import remember_page

    connection_created.connect(watch_connection, dispatch_uid="ikz.core.pagecache")
    for connection in connections.all(initialized_only=True):
        watch_connection(connection)
    file_changed.connect(on_file_changed, dispatch_uid="ikz.core.pagecache")
    hooks.register("before_serve_page", remember_page)


__all__ = ["bump", "connect", "content_changed", "current_version"]
