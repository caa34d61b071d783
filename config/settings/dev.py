"""Local development and the demo: debug on, a fixed non-secret key, localhost only."""

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
SECRET_KEY = "dev-only-not-secret-ikz-portal"  # noqa: S105 - never used in production
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
EMAIL_PORT = int(__import__("os").environ.get("EMAIL_PORT", "1025"))
