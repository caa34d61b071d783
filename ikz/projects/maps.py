"""SVG maps and the partner network picture, drawn on the server from ikz.municipalities.svgmap."""

import math
from dataclasses import dataclass, field

from ikz.core.text import counted
from ikz.municipalities.models import Level, Municipality
from ikz.municipalities.svglabels import (
    LINE_HEIGHT,
    TextBlock,
    ambiguous_names,
    short_label,
    wrap,
)
from ikz.municipalities.svgmap import (
    _MAP_FIELDS,
    CURRENT,
    NEIGHBOUR,
    MapArea,
    SvgMap,
    _ordered,
    _view_box,
    compact,
    in_frame,
    label_size,
    place_labels,
)


@dataclass
class ProjectMap(SvgMap):
    legend_current: str = ""
    legend_partner: str = ""
    list_note: str = ""  # where the same links stand as a list on the page


def participants_map(
    *, highlighted: list[Municipality], current: Municipality | None = None, map_id: str, title: str,
    legend_current: str = "", legend_partner: str = "", list_note: str = "", ambiguous: set[str] | None = None,
) -> ProjectMap | None:  # fmt: skip
    """Kreis-level units of NRW with the given Gemeinden and Kreise drawn over them.

    `current` is hatched, `highlighted` dotted (or hatched when there is no `current`). Only the
    areas inside the frame are loaded; the marked ones are labelled where there is room.
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

    # Only the marked areas are links: the others are context, and the page lists the marked ones.
    areas = [
        MapArea(unit, unit.map_path, state(unit.ags), href=None if unit.ags in marked else "")
        for unit in in_frame(Municipality.objects.kreis_level(), box).only(*_MAP_FIELDS).order_by("ags")
    ]
    drawn = {area.municipality.ags for area in areas}
    gemeinden = [
        MapArea(m, m.map_path, state(m.ags))
        for m in units.values()
        if m.level == Level.GEMEINDE and m.ags not in drawn
    ]
    # Gemeinden over the Kreise, so a partner inside the hatched Kreis stays visible.
    areas = _ordered(areas) + _ordered(gemeinden)
    ambiguous = ambiguous_names() if ambiguous is None else ambiguous
    labels = place_labels(
        [
            (area.d, short_label(area.municipality, ambiguous), current is not None and area.state == CURRENT)
            for area in areas
            if area.state
        ],
        box,
    )
    for area in areas:
        area.d = compact(area.d, box)
    return ProjectMap(
        map_id=map_id, title=title, view_box=view_box, areas=areas, current=current,
        neighbour_count=len(marked) - (1 if current else 0), labels=labels, legend_current=legend_current,
        legend_partner=legend_partner, list_note=list_note,
    )  # fmt: skip


# --- The network picture -----------------------------------------------------------------------

NETWORK_LIMIT = 12  # more partners around one circle make the labels unreadable
FONT = 11  # px; the picture is drawn at its natural size (width attribute), so px stay px
CENTRE_FONT = 12
LABEL_WIDTH = 96  # px before a label wraps
NODE_RADIUS = 6
CENTRE_RADIUS = 10
MARGIN = 4


@dataclass
class NetworkNode:
    municipality: Municipality
    x: float
    y: float
    weight: int
    label: TextBlock
    name: str

    @property
    def title(self) -> str:
        return f"{self.municipality.display_name}: {counted(self.weight, 'gemeinsames Projekt', 'gemeinsame Projekte')}"


@dataclass
class Network:
    centre: Municipality
    middle: float
    centre_label: TextBlock
    nodes: list[NetworkNode]
    total: int  # all partners; `nodes` shows the first NETWORK_LIMIT of them
    box: list[float] = field(default_factory=list)

    @property
    def view_box(self) -> str:
        x0, y0, x1, y1 = self.box
        return f"{x0} {y0} {x1 - x0} {y1 - y0}"

    @property
    def width(self) -> int:
        return round(self.box[2] - self.box[0])

    @property
    def height(self) -> int:
        return round(self.box[3] - self.box[1])

    @property
    def is_complete(self) -> bool:
        return len(self.nodes) == self.total

    @property
    def labels(self) -> list[TextBlock]:
        return [self.centre_label, *(node.label for node in self.nodes)]


def _node_label(text: str, x: float, y: float, angle: float) -> TextBlock:
    """A label outside its node, pointing away from the centre: right of nodes on the right,
    left of nodes on the left, above the top and below the bottom ones."""
    cos, sin = math.cos(angle), math.sin(angle)
    lines = wrap(text, FONT, LABEL_WIDTH)
    step = FONT * LINE_HEIGHT
    gap = NODE_RADIUS + 4
    anchor = "start" if cos > 0.35 else ("end" if cos < -0.35 else "middle")
    lx = x + cos * gap if anchor != "middle" else x
    if sin > 0.35:  # below the node
        ly = y + gap + 0.8 * FONT
    elif sin < -0.35:  # above the node
        ly = y - gap - (len(lines) - 1) * step - 0.25 * FONT
    else:
        ly = y + 0.35 * FONT - (len(lines) - 1) * step / 2
    return TextBlock(lines, round(lx, 1), round(ly, 1), FONT, anchor=anchor)


def network(
    *, centre: Municipality, partners: list[tuple[Municipality, int]], limit: int = NETWORK_LIMIT,
    ambiguous: set[str] | None = None,
) -> Network:  # fmt: skip
    """A star diagram: the Körperschaft in the middle, its partners around it, line width =
    shared projects. Labels say which Körperschaft is meant ("Kreis Düren", "Stadt Düren"); the
    frame is grown to hold every label, estimated with svglabels.text_width."""
    shown = partners[:limit]
    ambiguous = ambiguous_names() if ambiguous is None else ambiguous
    radius = 110 if len(shown) > 6 else 85
    nodes = []
    for i, (m, weight) in enumerate(shown):
        angle = 2 * math.pi * i / max(len(shown), 1) - math.pi / 2
        x, y = round(radius * math.cos(angle), 1), round(radius * math.sin(angle), 1)
        name = short_label(m, ambiguous)
        nodes.append(NetworkNode(m, x, y, weight, _node_label(name, x, y, angle), name))
    # The centre's label sits below its dot, on a white halo over the lines.
    centre_lines = wrap(short_label(centre, ambiguous), CENTRE_FONT, LABEL_WIDTH * 1.2, bold=True)
    centre_label = TextBlock(centre_lines, 0, CENTRE_RADIUS + 4 + 0.8 * CENTRE_FONT, CENTRE_FONT, bold=True)
    extents = [label.extent for label in [centre_label, *(n.label for n in nodes)]]
    extents += [(n.x - NODE_RADIUS, n.y - NODE_RADIUS, n.x + NODE_RADIUS, n.y + NODE_RADIUS) for n in nodes]
    extents.append((-CENTRE_RADIUS, -CENTRE_RADIUS, CENTRE_RADIUS, CENTRE_RADIUS))
    box = [
        math.floor(min(e[0] for e in extents) - MARGIN),
        math.floor(min(e[1] for e in extents) - MARGIN),
        math.ceil(max(e[2] for e in extents) + MARGIN),
        math.ceil(max(e[3] for e in extents) + MARGIN),
    ]
    return Network(
        centre=centre, middle=0, centre_label=centre_label, nodes=nodes, total=len(partners), box=box
    )


# --- Where the projects are: the map on /projekte/ ---------------------------------------------

COUNT_CLASSES = ((1, 1), (2, 3), (4, 7), (8, None))  # shading steps, lightest first


def count_class(count: int) -> int:
    """0 for none, else 1–4 by COUNT_CLASSES."""
    for i, (low, high) in enumerate(COUNT_CLASSES, start=1):
        if count >= low and (high is None or count <= high):
            return i
    return 0


def _class_text(low: int, high: int | None) -> str:
    if high is None:
        return f"{low} und mehr Projekte"
    if low == high:
        return counted(low, "Projekt", "Projekte")
    return f"{low}–{high} Projekte"


def projects_map(*, kreis_facet, map_id: str = "projektkarte-nrw") -> ProjectMap | None:
    """NRW's Kreise and kreisfreie Städte shaded and numbered by the projects with a participant
    there, under every active filter except the Kreis filter itself (the facet's own counts);
    each area with projects links to the list filtered to it."""
    values = {v.value: v for v in kreis_facet.values}
    units = [u for u in Municipality.objects.kreis_level().only(*_MAP_FIELDS).order_by("ags") if u.map_bbox]
    if not units:
        return None  # no register loaded
    view_box, box = _view_box([u.map_bbox for u in units], padding=0.02)
    areas, numbers, current, present = [], [], None, set()
    for unit in units:
        value = values.get(unit.ags)
        count = value.count if value else 0
        selected = bool(value and value.selected)
        current = unit if selected else current
        klass = count_class(count)
        present.add(klass)
        what = counted(count, "Projekt", "Projekte")
        if selected:
            label = f"{unit.display_name}: {what} (ausgewählt – Filter entfernen)"
        elif count:
            label = f"{unit.display_name}: {what} – Liste darauf beschränken"
        else:
            label = f"{unit.display_name}: keine Projekte"
        areas.append(
            MapArea(
                unit, unit.map_path, CURRENT if selected else "",
                href=value.url if value and (count or selected) else "", link_label=label,
                note=what, fill_class=f"muni-map__count--{klass}" if klass else "",
            )
        )  # fmt: skip
        if count:
            numbers.append((unit.map_path, str(count), selected))
    # Drawn wider than the side-column maps (see .proj-map in municipalities.css): smaller numbers.
    labels = place_labels(numbers, box, size=round(label_size(box) * 0.85, 2))
    for area in areas:
        area.d = compact(area.d, box, whole=True)
    legend = [
        {"swatch": f"count-{i}", "text": _class_text(*COUNT_CLASSES[i - 1])}
        for i in range(1, len(COUNT_CLASSES) + 1)
        if i in present
    ]
    legend.append({"swatch": "count-0", "text": "keine Projekte"})
    legend.append(
        {
            "swatch": "",
            "text": "Zahl in der Fläche: Projekte mit Beteiligten aus dem Kreis oder der kreisfreien Stadt",
        }
    )
    linked = sum(1 for area in areas if area.href)
    return ProjectMap(
        map_id=map_id, title="Karte: Kooperationsprojekte nach Kreisen und kreisfreien Städten in Nordrhein-Westfalen",
        view_box=view_box, areas=_ordered(areas), current=current, labels=labels, legend_extra=legend,
        list_title=f"Die Karte als Liste: {counted(linked, 'Kreis oder kreisfreie Stadt', 'Kreise und kreisfreie Städte')} mit Projekten",
        link_note="Jede Fläche mit Projekten ist ein Link zur Liste ihrer Projekte; mit der Tastatur erreichen Sie "
        "dieselben Links über die Liste unter der Karte.",
    )  # fmt: skip
