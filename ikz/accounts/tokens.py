"""Signed, expiring links for confirming an e-mail address.

The token carries the user id and the address, so it stops working when the address changes;
it needs no database row. Confirming twice is harmless (see services.user_email_confirm).
"""

from datetime import timedelta

from django.core import signing

EMAIL_CONFIRMATION_SALT = "ikz.accounts.email-confirmation"
EMAIL_CONFIRMATION_MAX_AGE = timedelta(days=3)


class InvalidToken(Exception):
    """The link is broken, forged or expired."""

    def __init__(self, *, expired: bool = False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def email_confirmation_token_make(*, user_id: int, email: str) -> str:
    return signing.dumps({"u": user_id, "e": email.lower()}, salt=EMAIL_CONFIRMATION_SALT, compress=True)


def email_confirmation_token_read(token: str) -> tuple[int, str]:
    """Return (user id, e-mail) or raise InvalidToken."""
    try:
        data = signing.loads(token, salt=EMAIL_CONFIRMATION_SALT, max_age=EMAIL_CONFIRMATION_MAX_AGE)
    except signing.SignatureExpired:
        raise InvalidToken(expired=True) from None
    except signing.BadSignature:
        raise InvalidToken() from None
    try:
        return int(data["u"]), str(data["e"])
    except (KeyError, TypeError, ValueError):
        raise InvalidToken() from None
