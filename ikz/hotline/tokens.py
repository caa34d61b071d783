"""Signed tokens of the hotline: the personal follow-up link and the form's start time."""

import secrets
import time
from datetime import timedelta

from django.core import signing

from ikz.core.throttle import token_consume

FOLLOW_UP_SALT = "ikz.hotline.follow_up"
FORM_STARTED_SALT = "ikz.hotline.form_started"
FOLLOW_UP_MAX_AGE = 60 * 60 * 24 * 365
FORM_STARTED_MAX_AGE = 60 * 60 * 24


def follow_up_token_make(*, inquiry) -> str:
    return signing.dumps({"i": inquiry.pk, "r": inquiry.reference}, salt=FOLLOW_UP_SALT, compress=True)


def follow_up_token_read(token: str) -> tuple[int, str] | None:
    try:
        data = signing.loads(token, salt=FOLLOW_UP_SALT, max_age=FOLLOW_UP_MAX_AGE)
        return int(data["i"]), str(data["r"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def form_started_make() -> str:
    # The nonce makes every rendered form's token unique, so it can be used up (form_started_consume).
    return signing.dumps({"t": time.time(), "n": secrets.token_urlsafe(9)}, salt=FORM_STARTED_SALT)


def form_started_age(value: str) -> float | None:
    """Seconds since the form was rendered, or None if the value was not made by us."""
    try:
        data = signing.loads(value, salt=FORM_STARTED_SALT, max_age=FORM_STARTED_MAX_AGE)
        started = data["t"] if isinstance(data, dict) else data  # tokens made before the nonce
        return time.time() - float(started)
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def form_started_consume(value: str) -> bool:
    """Use up the form's token: one rendered form carries one inquiry, never a second one."""
    return token_consume(
        scope="hotline.form_started", value=value, valid_for=timedelta(seconds=FORM_STARTED_MAX_AGE)
    )
