"""Links of a registration: the confirmation (expiring) and the personal page (until the event's
data is deleted). Both are signed over the registration's pk and its random key."""

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "ikz.events.confirm"
PERSONAL_SALT = "ikz.events.personal"


def confirmation_days() -> int:
    return int(getattr(settings, "EVENTS_CONFIRMATION_DAYS", 7))


def _make(registration, salt: str) -> str:
    return signing.dumps({"r": registration.pk, "k": registration.key}, salt=salt, compress=True)


def _read(token: str, salt: str, max_age: int | None) -> tuple[int, str] | None:
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
        return int(data["r"]), str(data["k"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def confirm_token_make(*, registration) -> str:
    return _make(registration, CONFIRM_SALT)


def confirm_token_read(token: str) -> tuple[int, str] | None:
    return _read(token, CONFIRM_SALT, confirmation_days() * 86400)


def personal_token_make(*, registration) -> str:
    return _make(registration, PERSONAL_SALT)


def personal_token_read(token: str) -> tuple[int, str] | None:
    return _read(token, PERSONAL_SALT, None)
