"""Server-drawn SVG maps of NRW: no tiles, no script, nothing from another host.

Paths are projected once, at import (`svg_path()` → `Municipality.map_path` and `map_bbox`), so a
page only loads the areas inside its frame (a bounding-box filter in SQL) and sets a `viewBox`.
The projection is equirectangular with the cos(51.5°) correction: at NRW's size it is
indistinguishable from a conformal one. Coordinates are rounded to whole map units
(UNITS_PER_DEGREE → ≈ 140 m, finer than VG5000's 1:5 M) and written relative, simplified to what
the frame can show (`svglabels.compact_path`).

Keyboard: the areas are links for the mouse, but taken out of the tab order (tabindex="-1"); the
same links stand in a list beside the map, so a page does not gain dozens of tab stops.
"""

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ikz.core.collation import sort_key
from ikz.core.text import counted

from .models import Level, Municipality
from .svglabels import TextBlock, ambiguous_names, compact_path, labels_placed, short_label

UNITS_PER_DEGREE = 800
LON_ORIGIN = 5.8
LAT_ORIGIN = 52.6
LON_FACTOR = math.cos(math.radians(51.5))
PADDING = 0.06  # share of the width/height around a cropped map
MIN_SPAN = 120  # map units; a very small Gemeinde still shows its surroundings
ASPECT = (0.8, 1.4)  # width/height range of a cropped map: it sits in a narrow column
RENDERED_WIDTH = 360  # CSS px a map is drawn at on a phone and in the side column
LABEL_PX = 12  # label size at that width
SIMPLIFY_PX = 0.4  # geometry detail below this many CSS px is dropped

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
    href: str | None = None  # default: the Körperschaft's page; "" draws the area without a link
    link_label: str = ""  # default: the Körperschaft's name
    note: str = ""  # shown after the name in the list beside the map
    fill_class: str = ""  # a shading class (the project map's counts)

    def __post_init__(self):
        if self.href is None:
            self.href = self.municipality.get_absolute_url()

    @property
    def label(self) -> str:
        return self.link_label or self.municipality.display_name

    @property
    def title(self) -> str:
        if self.link_label:
            return self.link_label
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
    labels: list[TextBlock] = field(default_factory=list)
    legend_extra: list[dict] = field(default_factory=list)  # {"swatch": css suffix or "", "text": …}
    list_title: str = ""
    link_note: str = ""  # replaces the legend's last line

    @property
    def width(self) -> float:
        return float(self.view_box.split()[2])

    @property
    def pattern(self) -> dict[str, float]:
        """Pattern sizes in map units, so hatching looks the same at every zoom level."""
        size = round(max(self.width / 110, 2.0), 1)
        return {
            "size": size,
            "line": round(size * 0.38, 1),
            "centre": round(size / 2, 1),
            "radius": round(size * 0.22, 1),
        }

    @property
    def label_halo(self) -> float:
        return round(self.width * 3 / RENDERED_WIDTH, 2)

    @property
    def has_members(self) -> bool:
        return any(area.state == MEMBER for area in self.areas)

    @property
    def list_summary(self) -> str:
        if self.list_title:
            return self.list_title
        n = sum(1 for area in self.areas if area.href)
        return _("Die Karte als Liste: %(areas)s") % {"areas": counted(n, _("Fläche"), _("Flächen"))}

    @property
    def linked_areas(self) -> list[MapArea]:
        """The map's links as a list, for the keyboard and for screen readers."""
        rank = {CURRENT: 0, NEIGHBOUR: 1, MEMBER: 2, "": 3}
        linked = [area for area in self.areas if area.href]
        return sorted(linked, key=lambda area: (rank.get(area.state, 3), sort_key(area.label)))


_MAP_FIELDS = ("ags", "slug", "short_name", "name", "type", "level", "map_path", "map_bbox")


def _box_string(box: list[float]) -> str:
    return f"{box[0]} {box[1]} {box[2] - box[0]} {box[3] - box[1]}"


def _view_box(boxes: list[list[int]], *, padding: float = PADDING) -> tuple[str, list[float]]:
    x0 = min(b[0] for b in boxes)
    y0 = min(b[1] for b in boxes)
    x1 = max(b[2] for b in boxes)
    y1 = max(b[3] for b in boxes)
    width, height = max(x1 - x0, MIN_SPAN), max(y1 - y0, MIN_SPAN)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    width, height = width * (1 + 2 * padding), height * (1 + 2 * padding)
    box = [round(cx - width / 2), round(cy - height / 2), round(cx + width / 2), round(cy + height / 2)]
    return _box_string(box), box


def centred_view_box(
    centre: list[int], boxes: list[list[int]], *, padding: float = PADDING, reach: float = 2.2
) -> tuple[str, list[float]]:
    """A frame with the middle of `centre` in its middle that shows `boxes` (the neighbours),
    but no further than `reach` times the centre's own extent: a large neighbour is cut at
    the edge rather than shrinking the selected area to a dot."""
    cx, cy = (centre[0] + centre[2]) / 2, (centre[1] + centre[3]) / 2
    every = [centre, *boxes]
    own_w, own_h = (centre[2] - centre[0]) / 2, (centre[3] - centre[1]) / 2
    own = max(own_w, own_h)
    half_w = min(max(max(cx - b[0], b[2] - cx) for b in every), reach * own)
    half_h = min(max(max(cy - b[1], b[3] - cy) for b in every), reach * own)
    half_w, half_h = max(half_w, MIN_SPAN / 2), max(half_h, MIN_SPAN / 2)
    half_w, half_h = half_w * (1 + 2 * padding), half_h * (1 + 2 * padding)
    half_w = max(half_w, half_h * ASPECT[0])
    half_h = max(half_h, half_w / ASPECT[1])
    box = [round(cx - half_w), round(cy - half_h), round(cx + half_w), round(cy + half_h)]
    return _box_string(box), box


def in_frame(queryset, box: list[float]):
    """Only the rows whose bounding box reaches into `box` (JSON key lookups, both databases)."""
    return queryset.filter(
        map_bbox__0__lte=box[2], map_bbox__2__gte=box[0], map_bbox__1__lte=box[3], map_bbox__3__gte=box[1]
    )


def _ordered(areas: list[MapArea]) -> list[MapArea]:
    # Highlighted areas last, so their thick outline is not covered by a neighbour's fill.
    rank = {"": 0, MEMBER: 1, NEIGHBOUR: 2, CURRENT: 3}
    return sorted(areas, key=lambda area: rank[area.state])


def tolerance(box: list[float]) -> float:
    return (box[2] - box[0]) * SIMPLIFY_PX / RENDERED_WIDTH


def label_size(box: list[float]) -> float:
    return round((box[2] - box[0]) * LABEL_PX / RENDERED_WIDTH, 2)


def place_labels(
    items: list[tuple[str, str, bool]], box: list[float], *, size: float | None = None
) -> list[TextBlock]:
    """Labels (path, text, strong) for the frame `box`, at LABEL_PX unless `size` is given."""
    return labels_placed(items, box, size or label_size(box))


def clip_box(box: list[float]) -> tuple[float, float, float, float]:
    """The frame plus a margin: paths are cut there, so the cut edges are never visible."""
    mx, my = (box[2] - box[0]) * 0.03, (box[3] - box[1]) * 0.03
    return (box[0] - mx, box[1] - my, box[2] + mx, box[3] + my)


def compact(d: str, box: list[float], *, whole: bool = False) -> str:
    """A stored path as the frame `box` draws it: cut to the frame (unless `whole`), simplified, relative."""
    return compact_path(d, tolerance(box), None if whole else clip_box(box))


def _with_compact_paths(areas: list[MapArea], box: list[float], *, whole: bool = False) -> list[MapArea]:
    for area in areas:
        area.d = compact(area.d, box, whole=whole)
    return _ordered(areas)


def _state_labels(areas: list[MapArea], box: list[float]) -> list[TextBlock]:
    """Names of the selected area and its neighbours."""
    ambiguous = ambiguous_names()
    items = [
        (area.d, short_label(area.municipality, ambiguous), area.state == CURRENT)
        for area in areas
        if area.state in (CURRENT, NEIGHBOUR)
    ]
    return place_labels(items, box)


def kreis_level_map(
    *, current: Municipality | None = None, neighbour_ags: set[str] = frozenset(), map_id: str = "karte"
) -> SvgMap | None:
    """All 53 Kreis-level units (31 Kreise, 22 kreisfreie Städte) of NRW; None while no
    boundaries are loaded (a fresh installation before the register import)."""
    units = list(Municipality.objects.kreis_level().only(*_MAP_FIELDS).order_by("ags"))
    if not any(u.map_bbox for u in units):
        return None
    areas = []
    for unit in units:
        state = (
            CURRENT
            if current and unit.ags == current.ags
            else (NEIGHBOUR if unit.ags in neighbour_ags else "")
        )
        areas.append(MapArea(unit, unit.map_path, state))
    view_box, box = _view_box([u.map_bbox for u in units if u.map_bbox], padding=0.02)
    labels = _state_labels(areas, box)
    if current is None:
        title = _("Karte der Kreise und kreisfreien Städte in Nordrhein-Westfalen")
    else:
        title = _("Karte: %(name)s unter den Kreisen und kreisfreien Städten in Nordrhein-Westfalen") % {
            "name": current.display_name
        }
    return SvgMap(
        map_id=map_id, title=title, view_box=view_box, areas=_with_compact_paths(areas, box, whole=True),
        current=current, neighbour_count=len(neighbour_ags), labels=labels,
    )  # fmt: skip


def _focus_boxes(queryset, current: Municipality, neighbour_ags: set[str]):
    boxes = dict(queryset.filter(ags__in=[current.ags, *neighbour_ags]).values_list("ags", "map_bbox"))
    centre = boxes.pop(current.ags, None)
    return centre, [b for b in boxes.values() if b]


def kreis_map(*, current: Municipality, neighbour_ags: set[str], map_id: str = "karte") -> SvgMap | None:
    """A Kreis in the middle, its neighbouring Kreise and kreisfreie Städte around it, and the
    borders of its Gemeinden inside it."""
    centre, boxes = _focus_boxes(Municipality.objects.kreis_level(), current, neighbour_ags)
    if centre is None:
        return kreis_level_map(current=current, neighbour_ags=neighbour_ags, map_id=map_id)
    view_box, box = centred_view_box(centre, boxes)
    areas = []
    for unit in in_frame(Municipality.objects.kreis_level(), box).only(*_MAP_FIELDS).order_by("ags"):
        state = CURRENT if unit.ags == current.ags else (NEIGHBOUR if unit.ags in neighbour_ags else "")
        areas.append(MapArea(unit, unit.map_path, state))
    labels = _state_labels(areas, box)
    inner = [compact(d, box) for d in current.gemeinden.values_list("map_path", flat=True)]
    title = _("Karte: %(name)s und die angrenzenden Kreise und kreisfreien Städte") % {
        "name": current.display_name
    }
    return SvgMap(
        map_id=map_id, title=title, view_box=view_box, areas=_with_compact_paths(areas, box),
        inner_lines=inner, current=current, neighbour_count=len(neighbour_ags), labels=labels,
    )  # fmt: skip


def gemeinde_map(*, current: Municipality, neighbour_ags: set[str], map_id: str = "karte") -> SvgMap:
    """A Gemeinde in the middle, its neighbours around it and whatever else is in the frame,
    every Gemeinde a link, with the Kreis borders drawn over them."""
    centre, boxes = _focus_boxes(Municipality.objects.gemeinden(), current, neighbour_ags)
    view_box, box = centred_view_box(centre or [0, 0, MIN_SPAN, MIN_SPAN], boxes)
    areas = []
    for g in in_frame(Municipality.objects.gemeinden(), box).only(*_MAP_FIELDS, "kreis_id").order_by("ags"):
        if g.ags == current.ags:
            state = CURRENT
        elif g.ags in neighbour_ags:
            state = NEIGHBOUR
        elif current.kreis_id and g.kreis_id == current.kreis_id:
            state = MEMBER
        else:
            state = ""
        areas.append(MapArea(g, g.map_path, state))
    labels = _state_labels(areas, box)
    outlines = [
        compact(d, box)
        for d in in_frame(Municipality.objects.kreis_level(), box).values_list("map_path", flat=True)
    ]
    title = _("Karte: %(name)s, die Nachbargemeinden und die Gemeinden der Umgebung") % {
        "name": current.display_name
    }
    return SvgMap(
        map_id=map_id, title=title, view_box=view_box, areas=_with_compact_paths(areas, box),
        outlines=outlines, current=current, neighbour_count=len(neighbour_ags), labels=labels,
    )  # fmt: skip


def map_for(municipality: Municipality, *, neighbour_ags: set[str]) -> SvgMap | None:
    if municipality.level == Level.KREIS:
        return kreis_map(current=municipality, neighbour_ags=neighbour_ags)
    return gemeinde_map(current=municipality, neighbour_ags=neighbour_ags)
