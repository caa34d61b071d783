"""The account key django-axes counts failures under (settings.AXES_USERNAME_CALLABLE)."""

from django.conf import settings
from django.http import HttpRequest


def axes_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The submitted e-mail address, trimmed and lower-cased.

    Login is case-insensitive, so the lock must be too: otherwise "A@x" and "a@x" would be
    counted as two accounts and each get five tries.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    value = credentials.get(field) if credentials else getattr(request, "data", request.POST).get(field)
    return value.strip().lower() if isinstance(value, str) else value
