"""ASGI entry point (for an ASGI server such as uvicorn); the same settings rule as wsgi.py."""

from django.core.asgi import get_asgi_application

from config.settings.selection import settings_module_select

settings_module_select(server=True)

application = get_asgi_application()
