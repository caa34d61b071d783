"""Working days in NRW: Monday to Friday without the statutory public holidays of the Land."""

from datetime import date, datetime, timedelta
from functools import lru_cache

from django.utils import timezone


def _easter(year: int) -> date:
    # Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's name
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=64)
def holidays_nrw(year: int) -> frozenset[date]:
    easter = _easter(year)
    return frozenset(
        {
            date(year, 1, 1),  # Neujahr
            easter - timedelta(days=2),  # Karfreitag
            easter + timedelta(days=1),  # Ostermontag
            date(year, 5, 1),  # Tag der Arbeit
            easter + timedelta(days=39),  # Christi Himmelfahrt
            easter + timedelta(days=50),  # Pfingstmontag
            easter + timedelta(days=60),  # Fronleichnam
            date(year, 10, 3),  # Tag der Deutschen Einheit
            date(year, 11, 1),  # Allerheiligen
            date(year, 12, 25),
            date(year, 12, 26),
        }
    )


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in holidays_nrw(day.year)


def working_days_between(start: datetime | date, end: datetime | date) -> int:
    """Full working days after the day of `start` up to and including the day of `end`."""
    if isinstance(start, datetime):
        start = timezone.localtime(start).date()
    if isinstance(end, datetime):
        end = timezone.localtime(end).date()
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
