"""Reads of the register used by views and by other apps."""

import re

from django.db.models import Q, QuerySet

from ikz.core.collation import collated

from .models import Municipality
from .names import search_variants

AGS_PATTERN = re.compile(r"05\d{3}(?:\d{3})?")
# Large columns that lists never show.
HEAVY_FIELDS = ("boundary", "map_path", "map_bbox", "search_text")
# The same for the Kreis loaded beside a row (select_related): without this every row of the
# register list decoded its Kreis's whole GeoJSON boundary.
WITH_KREIS_LIGHT = (*HEAVY_FIELDS, *(f"kreis__{name}" for name in HEAVY_FIELDS))


def is_ags(value: str) -> bool:
    """An NRW key: 8 digits for a Gemeinde, 5 for a Kreis, both starting with 05."""
    return bool(AGS_PATTERN.fullmatch(value or ""))


def municipality_get(*, ags: str) -> Municipality | None:
    if not is_ags(ags):
        return None
    return Municipality.objects.select_related("kreis").defer(*WITH_KREIS_LIGHT).filter(ags=ags).first()


def municipality_list(
    *,
    query: str = "",
    regierungsbezirk: str = "",
    kreis: Municipality | None = None,
    type: str = "",  # noqa: A002 - the model field's name
) -> QuerySet[Municipality]:
    """The register filtered as on /kommunen/; the name search ignores case and umlaut spelling
    ("Koeln", "koln" and "Köln" all find Köln) and also matches the AGS."""
    qs = (
        Municipality.objects.select_related("kreis")
        .defer(*WITH_KREIS_LIGHT)
        .order_by(collated("short_name"), "ags")
    )
    if regierungsbezirk:
        qs = qs.filter(regierungsbezirk=regierungsbezirk)
    if kreis is not None:
        qs = qs.filter(kreis=kreis)
    if type:
        qs = qs.filter(type=type)
    query = " ".join(query.split())
    if query:
        condition = Q()
        for variant in search_variants(query):
            condition |= Q(search_text__contains=variant)
        qs = qs.filter(condition)
    return qs


def kreis_list() -> QuerySet[Municipality]:
    """The 31 Kreise (Städteregion Aachen included), by name."""
    return Municipality.objects.kreise().defer(*HEAVY_FIELDS).order_by(collated("short_name"))


def municipality_neighbours(
    *, municipality: Municipality, level: str | None = None
) -> QuerySet[Municipality]:
    """Units sharing a border with `municipality`, by name. `level` defaults to its own level;
    pass Level.KREIS for the Kreis-level neighbours of a kreisfreie Stadt."""
    return (
        Municipality.objects.neighbours_of(municipality, level=level)
        .select_related("kreis")
        .defer(*WITH_KREIS_LIGHT)
        .order_by(collated("short_name"), "ags")
    )


def kreis_members(*, kreis: Municipality) -> QuerySet[Municipality]:
    return kreis.gemeinden.defer(*HEAVY_FIELDS).order_by(collated("short_name"))


def municipalities_by_ags(*, ags: list[str] | set[str]) -> dict[str, Municipality]:
    """Look up many keys at once (for other apps' imports): {ags: Municipality}."""
    return {m.ags: m for m in Municipality.objects.defer(*HEAVY_FIELDS).filter(ags__in=list(ags))}
