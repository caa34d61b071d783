"""The confirmation link of the double opt-in: signed, bound to the address, expiring."""

from django.conf import settings
from django.core import signing

SALT = "ikz.newsletter.confirm"


def confirmation_days() -> int:
    return int(getattr(settings, "NEWSLETTER_CONFIRMATION_DAYS", 7))


def confirm_token_make(*, subscription) -> str:
    return signing.dumps({"s": subscription.pk, "e": subscription.email}, salt=SALT, compress=True)


def confirm_token_read(token: str) -> tuple[int, str] | None:
    try:
        data = signing.loads(token, salt=SALT, max_age=confirmation_days() * 86400)
        return int(data["s"]), str(data["e"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
