"""WSGI entry point. Defaults to production settings: a server must never run dev settings
by accident (production.py refuses to start without SECRET_KEY and ALLOWED_HOSTS)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()
