"""WSGI entry point. The settings follow the rule in config/settings/selection.py; with nothing
configured a server takes production settings, which refuse to start without SECRET_KEY and
ALLOWED_HOSTS – a server never runs the dev settings by accident."""

from django.core.wsgi import get_wsgi_application

from config.settings.selection import settings_module_select

settings_module_select(server=True)

application = get_wsgi_application()
