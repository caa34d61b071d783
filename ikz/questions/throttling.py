"""Rate limits against abuse (ikz.core.throttle): per person, counted only for valid submissions.
Settings can change them: THROTTLE_RATES = {"questions.ask": (5, 86400), ...}."""

import math

from ikz.core.throttle import Throttled, throttle_hit

RATES = {
    "questions.ask": ((5, 24 * 60 * 60), "Sie haben heute schon mehrere Fragen gestellt."),
    "questions.answer": ((20, 60 * 60), "Sie haben in der letzten Stunde schon viele Antworten geschrieben."),
    "questions.report": ((10, 60 * 60), "Sie haben in der letzten Stunde schon viele Beiträge gemeldet."),
}


class RateLimited(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _wait(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    if minutes >= 120:
        hours = math.ceil(minutes / 60)
        return f"{hours} Stunden"
    return "einer Minute" if minutes == 1 else f"{minutes} Minuten"


def rate_limit(scope: str, user) -> None:
    """Count one write of `user` under `scope`; RateLimited with a German message when over."""
    default, reason = RATES[scope]
    try:
        throttle_hit(scope=scope, limits={"user": (str(user.pk), default)})
    except Throttled as exc:
        raise RateLimited(f"{reason} Bitte versuchen Sie es in {_wait(exc.wait_seconds)} erneut.") from None
