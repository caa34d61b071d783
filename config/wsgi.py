"""WSGI entry point. The settings follow the rule in config/settings/selection.py; with nothing
configured a server takes production settings, which refuse to start without SECRET_KEY and
ALLOWED_HOSTS – a server never runs the dev settings by accident.

Page-cache hits are answered by the fast path in front of Django's handler
(ikz/core/pagecache/fastpath.py); `PAGE_CACHE_FAST_PATH=0` leaves every request to Django (for
comparisons – the answers are the same)."""

import os

from django.core.wsgi import get_wsgi_application

from config.settings.selection import settings_module_select

settings_module_select(server=True)

django_application = get_wsgi_application()

if os.environ.get("PAGE_CACHE_FAST_PATH", "1") != "0":
    from ikz.core.pagecache.fastpath import PageCacheFastPath

    application = PageCacheFastPath(django_application)
else:
    application = django_application
