"""Server-drawn SVG maps of NRW: no tiles, no script, nothing from another host.

Paths are projected once, at import (`svg_path()` → `Municipality.map_path` and `map_bbox`), so a
page only picks the areas it shows and sets a `viewBox`. The projection is equirectangular with
the cos(51.5°) correction: at NRW's size it is indistinguishable from a conformal one. Coordinates
are rounded to whole map units (UNITS_PER_DEGREE → ≈ 140 m, finer than VG5000's 1:5 M).
"""

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .models import Level, Municipality

UNITS_PER_DEGREE = 800
LON_ORIGIN = 5.8
LAT_ORIGIN = 52.6
LON_FACTOR = math.cos(math.radians(51.5))
PADDING = 0.06  # share of the width/height around a cropped map
MIN_SPAN = 120  # map units; a very small Gemeinde still shows its surroundings

CURRENT = "current"
NEIGHBOUR = "neighbour"
MEMBER = "member"  # a Gemeinde of the shown Kreis


def project(lon: float, lat: float) -> tuple[int, int]:
    return (
        round((lon - LON_ORIGIN) * LON_FACTOR * UNITS_PER_DEGREE),
        round((LAT_ORIGIN - lat) * UNITS_PER_DEGREE),
    )


def svg_path(geometry: dict) -> tuple[str, list[int]]:
    """GeoJSON Polygon/MultiPolygon → (SVG path data, [min_x, min_y, max_x, max_y])."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    parts: list[str] = []
    xs: list[int] = []
    ys: list[int] = []
    for polygon in polygons:
        for ring in polygon:
            points: list[tuple[int, int]] = []
            for lon, lat, *_rest in ring:
                point = project(lon, lat)
                if not points or points[-1] != point:
                    points.append(point)
            if len(points) > 1 and points[0] == points[-1]:
                points.pop()  # "Z" closes the ring
            if len(points) < 3:
                continue
            xs.extend(x for x, _y in points)
            ys.extend(y for _x, y in points)
            head, *tail = points
            parts.append(f"M{head[0]} {head[1]}L" + " ".join(f"{x} {y}" for x, y in tail) + "Z")
    if not parts:
        return "", [0, 0, 0, 0]
    return "".join(parts), [min(xs), min(ys), max(xs), max(ys)]


@dataclass
class MapArea:
    municipality: Municipality
    d: str
    state: str = ""

    @property
    def label(self) -> str:
        return self.municipality.display_name

    @property
    def title(self) -> str:
        if self.state == CURRENT:
            return _("%(name)s (ausgewählt)") % {"name": self.label}
        if self.state == NEIGHBOUR:
            return _("%(name)s (Nachbar)") % {"name": self.label}
        return self.label


@dataclass
class SvgMap:
    """What `municipalities/includes/svg_map.html` draws."""

    map_id: str
    title: str
    view_box: str
    areas: list[MapArea]
    outlines: list[str] = field(default_factory=list)  # Kreis borders drawn over Gemeinden
    inner_lines: list[str] = field(default_factory=list)  # Gemeinde borders inside a Kreis
    current: Municipality | None = None
    neighbour_count: int = 0

    @property
    def pattern(self) -> dict[str, float]:
        """Pattern sizes in map units, so hatching looks the same at every zoom level."""
        width = float(self.view_box.split()[2])
        size = round(max(width / 110, 2.0), 1)
        return {
            "size": size,
            "line": round(size * 0.38, 1),
            "centre": round(size / 2, 1),
            "radius": round(size * 0.22, 1),
        }

    @property
    def has_members(self) -> bool:
        return any(area.state == MEMBER for area in self.areas)


_MAP_FIELDS = ("ags", "slug", "short_name", "name", "type", "level", "map_path", "map_bbox")


def _view_box(boxes: list[list[int]], *, padding: float = PADDING) -> tuple[str, list[float]]:
    x0 = min(b[0] for b in boxes)
    y0 = min(b[1] for b in boxes)
    x1 = max(b[2] for b in boxes)
    y1 = max(b[3] for b in boxes)
    width, height = max(x1 - x0, MIN_SPAN), max(y1 - y0, MIN_SPAN)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    width, height = width * (1 + 2 * padding), height * (1 + 2 * padding)
    box = [round(cx - width / 2), round(cy - height / 2), round(cx + width / 2), round(cy + height / 2)]
    return f"{box[0]} {box[1]} {box[2] - box[0]} {box[3] - box[1]}", box


def _overlaps(bbox: list[int], box: list[float]) -> bool:
    return not (bbox[2] < box[0] or bbox[0] > box[2] or bbox[3] < box[1] or bbox[1] > box[3])


def _ordered(areas: list[MapArea]) -> list[MapArea]:
    # Highlighted areas last, so their thick outline is not covered by a neighbour's fill.
    rank = {"": 0, MEMBER: 1, NEIGHBOUR: 2, CURRENT: 3}
    return sorted(areas, key=lambda area: rank[area.state])


def kreis_level_map(
    *, current: Municipality | None = None, neighbour_ags: set[str] = frozenset(), map_id: str = "karte"
) -> SvgMap:
    """All 53 Kreis-level units (31 Kreise, 22 kreisfreie Städte) of NRW."""
    units = list(Municipality.objects.kreis_level().only(*_MAP_FIELDS).order_by("ags"))
    areas = []
    for unit in units:
        state = (
            CURRENT
            if current and unit.ags == current.ags
            else (NEIGHBOUR if unit.ags in neighbour_ags else "")
        )
        areas.append(MapArea(unit, unit.map_path, state))
    view_box, _box = _view_box([u.map_bbox for u in units if u.map_bbox], padding=0.02)
    inner = []
    if current is not None and current.level == Level.KREIS:
        inner = list(current.gemeinden.values_list("map_path", flat=True))
    if current is None:
        title = _("Karte der Kreise und kreisfreien Städte in Nordrhein-Westfalen")
    else:
        title = _("Karte: %(name)s und die angrenzenden Kreise und kreisfreien Städte") % {
            "name": current.display_name
        }
    return SvgMap(
        map_id=map_id, title=title, view_box=view_box, areas=_ordered(areas), inner_lines=inner,
        current=current, neighbour_count=len(neighbour_ags),
    )  # fmt: skip


def gemeinde_map(*, current: Municipality, neighbour_ags: set[str], map_id: str = "karte") -> SvgMap:
    """A Gemeinde, its neighbours and the other Gemeinden of its Kreis, cropped to that region,
    with every Gemeinde in the frame as a link and the Kreis borders drawn over them."""
    gemeinden = list(Municipality.objects.gemeinden().only(*_MAP_FIELDS, "kreis_id").order_by("ags"))
    focus = [
        g for g in gemeinden
        if g.ags == current.ags or g.ags in neighbour_ags or (current.kreis_id and g.kreis_id == current.kreis_id)
    ]  # fmt: skip
    view_box, box = _view_box([g.map_bbox for g in focus if g.map_bbox])
    areas = []
    for g in gemeinden:
        if not g.map_bbox or not _overlaps(g.map_bbox, box):
            continue
        if g.ags == current.ags:
            state = CURRENT
        elif g.ags in neighbour_ags:
            state = NEIGHBOUR
        elif current.kreis_id and g.kreis_id == current.kreis_id:
            state = MEMBER
        else:
            state = ""
        areas.append(MapArea(g, g.map_path, state))
    outlines = [
        path
        for path, bbox in Municipality.objects.kreis_level().values_list("map_path", "map_bbox")
        if bbox and _overlaps(bbox, box)
    ]
    title = _("Karte: %(name)s, die Nachbargemeinden und die Gemeinden der Umgebung") % {
        "name": current.display_name
    }
    return SvgMap(
        map_id=map_id, title=title, view_box=view_box, areas=_ordered(areas), outlines=outlines,
        current=current, neighbour_count=len(neighbour_ags),
    )  # fmt: skip


def map_for(municipality: Municipality, *, neighbour_ags: set[str]) -> SvgMap:
    if municipality.level == Level.KREIS:
        return kreis_level_map(current=municipality, neighbour_ags=neighbour_ags)
    return gemeinde_map(current=municipality, neighbour_ags=neighbour_ags)
