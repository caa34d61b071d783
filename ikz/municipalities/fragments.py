"""Parts of the register's pages rendered once per content version (ikz.core.versioned_cache).

The register changes only with an import, yet /kommunen/ drew 427 table rows and the map of NRW,
and every Körperschaft page its map, neighbours and cooperation profile, on every request of a
member (anonymous visitors get the whole page from the page cache). What does not depend on the
visitor is rendered here once per content version and kept as markup; any committed write to a
table a public page may show (the register, projects, settings …) makes it be rendered anew.

- `register_rows()`: {ags: <tr>…</tr>} of the whole register; a filtered list is the ordered keys
  the filter selects (`register_order()`, in SQL) joined from it.
- `overview_map()`: the map of the 53 Kreis-level units, per highlighted Kreis.
- `municipality_profile()`: everything of a Körperschaft page below the header.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import get_template, render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ikz.core import versioned_cache

from .models import Level, Municipality, MunicipalityType
from .selectors import (
    is_ags,
    kreis_list,
    kreis_members,
    municipality_get,
    municipality_list,
    municipality_neighbours,
)
from .svgmap import kreis_level_map, map_for


def _key(*parts: object) -> str:
    # The language is part of every key: the markup holds translated names ("Kreisfreie Stadt").
    return ":".join(["municipalities", get_language() or "", *(str(p) for p in parts)])


def kreise() -> tuple[Municipality, ...]:
    """The 31 Kreise by name (the filter form's choices). Shared: do not change them."""
    return versioned_cache.get_or_build(_key("kreise"), lambda: tuple(kreis_list()))


def register_rows() -> dict[str, SafeString]:
    """Every Körperschaft's row of the register table, {ags: markup}."""

    def build() -> dict[str, SafeString]:
        row = get_template("municipalities/includes/register_row.html")
        return {m.ags: mark_safe(row.render({"m": m})) for m in municipality_list()}  # noqa: S308 - our template

    return versioned_cache.get_or_build(_key("rows"), build)


def register_order(filters: dict) -> tuple[str, ...]:
    """The keys the filters select, in the register's order: one query of keys only, cached per
    combination of the choice filters (a bounded set); a name search is not cached."""

    def build() -> tuple[str, ...]:
        return tuple(municipality_list(**filters).values_list("ags", flat=True))

    if filters.get("query"):
        return build()
    kreis = filters.get("kreis")
    key = _key(
        "order", filters.get("regierungsbezirk") or "", kreis.ags if kreis else "", filters.get("type") or ""
    )
    return versioned_cache.get_or_build(key, build)


def register_table(filters: dict) -> tuple[SafeString, int]:
    """(the table body's rows, their number) for the filtered register."""
    rows = register_rows()
    # A row missing from `rows` was added between the two reads (a new version); the next
    # request shows it.
    selected = [rows[ags] for ags in register_order(filters) if ags in rows]
    return mark_safe("".join(selected)), len(selected)  # noqa: S308 - joined from our own markup


def overview_map(*, current: Municipality | None) -> SafeString:
    """The map of NRW's Kreise and kreisfreie Städte on /kommunen/, `current` hatched."""

    def build() -> SafeString:
        svg_map = kreis_level_map(current=current, map_id="karte-nrw")
        if svg_map is None:
            return mark_safe("")  # noqa: S308 - nothing to draw before the register import
        return render_to_string("municipalities/includes/svg_map.html", {"svg_map": svg_map})

    return versioned_cache.get_or_build(_key("overview-map", current.ags if current else ""), build)


def register_slugs() -> dict[str, str]:
    """{ags: slug} of the whole register: a Körperschaft page answers 404 or redirects without
    asking the database, and unknown keys never fill the cache."""
    return versioned_cache.get_or_build(
        _key("slugs"), lambda: dict(Municipality.objects.values_list("ags", "slug"))
    )


# Facts the register's columns cannot express (DOMAIN.md): shown on the detail page.
STATUS_NOTES = {
    "05334002": _(
        "Die Stadt Aachen gehört zur Städteregion Aachen, behält aber die Rechte einer kreisfreien Stadt."
    ),
}


@dataclass(frozen=True)
class Profile:
    municipality: Municipality
    markup: SafeString


def _profile_build(ags: str) -> Profile | None:
    municipality = municipality_get(ags=ags)
    if municipality is None:
        return None
    neighbours = list(municipality_neighbours(municipality=municipality))
    kreis_neighbours = []
    if municipality.type == MunicipalityType.KREISFREIE_STADT:
        kreis_neighbours = list(municipality_neighbours(municipality=municipality, level=Level.KREIS))
    members = list(kreis_members(kreis=municipality)) if municipality.level == Level.KREIS else []
    svg_map = map_for(municipality, neighbour_ags={n.ags for n in neighbours})
    markup = render_to_string(
        "municipalities/includes/municipality_profile.html",
        {
            "municipality": municipality,
            "neighbours": neighbours,
            "kreis_neighbours": kreis_neighbours,
            "members": members,
            "svg_map": svg_map,
            "status_note": STATUS_NOTES.get(municipality.ags),
        },
    )
    return Profile(municipality, markup)


def municipality_profile(*, ags: str) -> Profile | None:
    """The Körperschaft and its page's content (facts, members, neighbours, map, cooperation
    profile); None for a key the register does not hold."""
    if not is_ags(ags) or ags not in register_slugs():
        return None
    return versioned_cache.get_or_build(_key("profile", ags), lambda: _profile_build(ags))
