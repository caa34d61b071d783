"""Local development and the demo: a fixed non-secret key, localhost only.

DEBUG stays off, so a newcomer meets the portal's own German error pages (404, 500) instead of
Django's English debug page with every URL pattern; IKZ_DEBUG=1 turns it on for debugging.
Static files are served by WhiteNoise straight from the apps (as in the tests), uploads by
config/urls.py (SERVE_MEDIA) – runserver serves neither when DEBUG is off.
"""

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = env_bool("IKZ_DEBUG")
SECRET_KEY = "dev-only-not-secret-ikz-portal"  # noqa: S105 - never used in production
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
EMAIL_PORT = int(__import__("os").environ.get("EMAIL_PORT", "1025"))
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SERVE_MEDIA = True
