"""Signed tokens of the hotline: the personal follow-up link and the form's start time."""

import time

from django.core import signing

FOLLOW_UP_SALT = "ikz.hotline.follow_up"
FORM_STARTED_SALT = "ikz.hotline.form_started"
FOLLOW_UP_MAX_AGE = 60 * 60 * 24 * 365


def follow_up_token_make(*, inquiry) -> str:
    return signing.dumps({"i": inquiry.pk, "r": inquiry.reference}, salt=FOLLOW_UP_SALT, compress=True)


def follow_up_token_read(token: str) -> tuple[int, str] | None:
    try:
        data = signing.loads(token, salt=FOLLOW_UP_SALT, max_age=FOLLOW_UP_MAX_AGE)
        return int(data["i"]), str(data["r"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def form_started_make() -> str:
    return signing.dumps(time.time(), salt=FORM_STARTED_SALT)


def form_started_age(value: str) -> float | None:
    """Seconds since the form was rendered, or None if the value was not made by us."""
    try:
        return time.time() - float(signing.loads(value, salt=FORM_STARTED_SALT, max_age=60 * 60 * 24))
    except (signing.BadSignature, TypeError, ValueError):
        return None
