from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def minutes(value: timedelta | None) -> int:
    """A duration in whole minutes, rounded up ("in 15 Minuten")."""
    if not value:
        return 0
    return max(1, -(-int(value.total_seconds()) // 60))
