"""Reading numbers from a request: one place that decides what counts as a number.

`int()` accepts far more than a person types into a URL – '٣' (Arabic-Indic three), ' 7 ',
'1_000' – and raises for '²', which `str.isdigit()` lets through. Both ended in server errors
or surprising pages. Here only ASCII digits count, at most 18 of them (a database integer).
"""

from django.http import HttpRequest

MAX_DIGITS = 18


def parse_int(value: object, default: int | None = None) -> int | None:
    """The number written in value with ASCII digits only (an optional leading '-'), else default."""
    if not isinstance(value, str):
        return default
    digits = value[1:] if value.startswith("-") else value
    if not digits or len(digits) > MAX_DIGITS or not (digits.isascii() and digits.isdigit()):
        return default
    return int(value)


def int_param(
    request: HttpRequest,
    name: str,
    default: int,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    source: str = "GET",
) -> int:
    """The integer query (or form) parameter `name`; `default` when missing or not a number,
    clamped to [minimum, maximum]."""
    number = parse_int(getattr(request, source).get(name), default)
    if minimum is not None:
        number = max(minimum, number)
    if maximum is not None:
        number = min(maximum, number)
    return number
