"""SVG maps and the partner network picture, drawn on the server from ikz.municipalities.svgmap."""

import math
from dataclasses import dataclass

from ikz.municipalities.models import Level, Municipality
from ikz.municipalities.svgmap import (
    _MAP_FIELDS,
    CURRENT,
    NEIGHBOUR,
    MapArea,
    SvgMap,
    _ordered,
    _overlaps,
    _view_box,
)


@dataclass
class ProjectMap(SvgMap):
    legend_current: str = ""
    legend_partner: str = ""


def participants_map(
    *, highlighted: list[Municipality], current: Municipality | None = None, map_id: str, title: str,
    legend_current: str = "", legend_partner: str = "",
) -> ProjectMap | None:  # fmt: skip
    """Kreis-level units of NRW with the given Gemeinden and Kreise drawn over them.

    `current` is hatched, `highlighted` dotted (or hatched when there is no `current`).
    """
    marked = {m.ags for m in highlighted}
    if current is not None:
        marked.add(current.ags)
    units = {
        m.ags: m
        for m in Municipality.objects.filter(ags__in=marked).only(*_MAP_FIELDS, "kreis_id")
        if m.map_bbox
    }
    if not units:
        return None
    view_box, box = _view_box([m.map_bbox for m in units.values()], padding=0.12)
    other_state = NEIGHBOUR if current is not None else CURRENT

    def state(ags: str) -> str:
        if current is not None and ags == current.ags:
            return CURRENT
        return other_state if ags in marked else ""

    areas = [
        MapArea(unit, unit.map_path, state(unit.ags))
        for unit in Municipality.objects.kreis_level().only(*_MAP_FIELDS)
        if unit.map_bbox and _overlaps(unit.map_bbox, box)
    ]
    drawn = {area.municipality.ags for area in areas}
    areas += [
        MapArea(m, m.map_path, state(m.ags))
        for m in units.values()
        if m.level == Level.GEMEINDE and m.ags not in drawn
    ]
    return ProjectMap(
        map_id=map_id, title=title, view_box=view_box, areas=_ordered(areas), current=current,
        neighbour_count=len(marked) - (1 if current else 0), legend_current=legend_current,
        legend_partner=legend_partner,
    )  # fmt: skip


@dataclass
class NetworkNode:
    municipality: Municipality
    x: float
    y: float
    weight: int
    label_anchor: str


def network(*, centre: Municipality, partners: list[tuple[Municipality, int]], size: int = 320) -> dict:
    """A star diagram: the Körperschaft in the middle, its partners around it, line width = shared projects."""
    partners = partners[:12]
    middle = size / 2
    radius = size / 2 - 70
    nodes = []
    for i, (m, weight) in enumerate(partners):
        angle = 2 * math.pi * i / max(len(partners), 1) - math.pi / 2
        x = middle + radius * math.cos(angle)
        y = middle + radius * math.sin(angle)
        anchor = "middle" if abs(x - middle) < 10 else ("start" if x > middle else "end")
        nodes.append(NetworkNode(m, round(x, 1), round(y, 1), weight, anchor))
    return {"centre": centre, "nodes": nodes, "size": size, "middle": middle}
