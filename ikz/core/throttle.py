"""Abuse limits for forms that make the portal send mail: rate limits and single-use form tokens.

Every public form that sends a mail to an address somebody typed in (registration, "resend
confirmation", password reset, hotline) is limited per target address and per client address
with `throttle_hit()`; the counters live in the shared cache (Redis in production, see
CACHE_URL), so all workers count together. Limits can be changed per scope with the setting
THROTTLE_RATES = {"scope": (limit, seconds)}.

`token_consume()` makes a signed token single-use: the first use stores its fingerprint in the
database, and any later use of the same token fails, in every worker.
"""

import hashlib
import math
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.module_loading import import_string

from .outbox import ConsumedToken


class Throttled(Exception):
    def __init__(self, wait_seconds: int):
        super().__init__(wait_seconds)
        self.wait_seconds = wait_seconds

    @property
    def message(self) -> str:
        return throttle_message(self.wait_seconds)


def throttle_message(wait_seconds: int) -> str:
    minutes = max(1, math.ceil(wait_seconds / 60))
    unit = "Minute" if minutes == 1 else "Minuten"
    return f"Zu viele Anfragen in kurzer Zeit. Bitte versuchen Sie es in {minutes} {unit} erneut."


def client_address(request: HttpRequest) -> str:
    """The visitor's address as the login lock sees it (honours PROXY_COUNT), else REMOTE_ADDR."""
    dotted = getattr(settings, "AXES_CLIENT_IP_CALLABLE", None)
    if dotted:
        address = import_string(dotted)(request)
        if address:
            return str(address)
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _rate(scope: str, kind: str, default: tuple[int, int]) -> tuple[int, int]:
    rates = getattr(settings, "THROTTLE_RATES", {})
    return tuple(rates.get(f"{scope}:{kind}", rates.get(scope, default)))


def throttle_hit(*, scope: str, limits: dict[str, tuple[str, tuple[int, int]]]) -> None:
    """Count one attempt under every key; raise Throttled if any of them is over its limit.

    `limits` maps a kind ("address", "ip") to (value, (limit, window_seconds)). Values are
    hashed, so the cache holds no address in clear. Each kind has a fixed window that starts
    with its first attempt.
    """
    wait = 0
    now = time.time()
    for kind, (value, default) in limits.items():
        if not value:
            continue
        limit, window = _rate(scope, kind, default)
        digest = hashlib.sha256(f"{scope}\0{kind}\0{value.strip().lower()}".encode()).hexdigest()[:32]
        key = f"throttle:{digest}"
        cache.add(f"{key}:start", now, window)
        cache.add(key, 0, window)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, window)
            count = 1
        if count > limit:
            started = cache.get(f"{key}:start", now)
            wait = max(wait, int(started + window - now) + 1)
    if wait:
        raise Throttled(wait)


def throttle_reset() -> None:
    """For tests: forget all counters."""
    cache.clear()


def token_consume(*, scope: str, value: str, valid_for: timedelta) -> bool:
    """Mark a token as used; False if it was used before (by anyone, in any worker)."""
    digest = hashlib.sha256(value.encode()).hexdigest()
    try:
        with transaction.atomic():
            ConsumedToken.objects.create(key=f"{scope}:{digest}"[:120], expires_at=timezone.now() + valid_for)
    except IntegrityError:
        return False
    return True


def tokens_prune() -> int:
    deleted, _ = ConsumedToken.objects.filter(expires_at__lt=timezone.now()).delete()
    return deleted
