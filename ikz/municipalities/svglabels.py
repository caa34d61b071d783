"""Text and geometry helpers for the server-drawn SVG maps and pictures.

The server cannot measure text, so label widths are estimated from the advance widths of
DejaVu Sans, the portal's first font (portal.css), plus a margin: the fallback fonts
(Segoe UI, Arial) are narrower, so an estimate that fits DejaVu fits them too.
"""

from dataclasses import dataclass
from functools import lru_cache

from django.db.models import Count
from shapely.geometry import LinearRing, MultiPolygon, Polygon, box
from shapely.geometry.polygon import orient
from shapely.ops import polylabel

from .models import Municipality, MunicipalityType

# Advance widths in thousandths of an em, read from DejaVuSans.ttf / DejaVuSans-Bold.ttf.
_REGULAR = dict(zip(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZäöüÄÖÜß -.,()/'’–&",
    (613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521,
     392, 634, 592, 818, 592, 592, 525, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557,
     863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 613, 612, 634, 684, 787,
     732, 630, 318, 361, 318, 318, 390, 390, 337, 275, 318, 500, 780),
    strict=True,
))  # fmt: skip
_BOLD = dict(zip(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZäöüÄÖÜß -.,()/'’–&",
    (675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595,
     478, 712, 652, 924, 645, 652, 582, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637,
     995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 675, 687, 712, 774, 850,
     812, 719, 348, 415, 380, 380, 457, 457, 365, 306, 380, 500, 872),
    strict=True,
))  # fmt: skip
_DIGIT = {False: 636, True: 696}
_UNKNOWN = {False: 700, True: 760}
SAFETY = 1.06  # rounding, kerning and hinting differences between renderers
LINE_HEIGHT = 1.2  # in em


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Estimated rendered width of one line of `text` at font size `size` (same units)."""
    table = _BOLD if bold else _REGULAR
    units = sum(_DIGIT[bold] if c.isdigit() else table.get(c, _UNKNOWN[bold]) for c in text)
    return units / 1000 * size * SAFETY


def wrap(text: str, size: float, max_width: float, *, bold: bool = False, max_lines: int = 3) -> list[str]:
    """Break a label at spaces or after hyphens so no line is wider than `max_width` where
    possible; a single word longer than that stays whole (the picture grows instead)."""
    if text_width(text, size, bold=bold) <= max_width:
        return [text]
    words: list[str] = []
    for part in text.split(" "):
        pieces = part.split("-")
        words += [p + "-" for p in pieces[:-1]] + [pieces[-1]]
    lines: list[str] = []
    for word in words:
        if not lines:
            lines.append(word)
            continue
        joiner = "" if lines[-1].endswith("-") else " "
        candidate = lines[-1] + joiner + word
        if text_width(candidate, size, bold=bold) <= max_width or len(lines) >= max_lines:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


@dataclass
class TextBlock:
    """A label of one or more lines; `x`, `y` are the anchor and the first line's baseline."""

    lines: list[str]
    x: float
    y: float
    size: float
    anchor: str = "middle"  # SVG text-anchor
    bold: bool = False

    @property
    def width(self) -> float:
        return max(text_width(line, self.size, bold=self.bold) for line in self.lines)

    @property
    def line_step(self) -> float:
        return round(self.size * LINE_HEIGHT, 2)

    @property
    def extent(self) -> tuple[float, float, float, float]:
        """(min_x, min_y, max_x, max_y) of the ink, ascenders and descenders included."""
        width = self.width
        left = {"start": self.x, "middle": self.x - width / 2, "end": self.x - width}[self.anchor]
        top = self.y - 0.95 * self.size
        bottom = self.y + (len(self.lines) - 1) * self.size * LINE_HEIGHT + 0.25 * self.size
        return (left, top, left + width, bottom)

    def shift(self, dx: float, dy: float) -> None:
        self.x = round(self.x + dx, 1)
        self.y = round(self.y + dy, 1)


def overlaps(a: tuple[float, ...], b: tuple[float, ...], gap: float = 0.0) -> bool:
    return not (a[2] + gap <= b[0] or b[2] + gap <= a[0] or a[3] + gap <= b[1] or b[3] + gap <= a[1])


# --- Names -----------------------------------------------------------------------------------


def ambiguous_names() -> set[str]:
    """Short names that more than one Körperschaft carries ("Düren": Kreis and Stadt)."""
    return set(
        Municipality.objects.values("short_name")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("short_name", flat=True)
    )


def short_label(municipality: Municipality, ambiguous: set[str]) -> str:
    """The shortest name that cannot be mistaken: "Kreis Düren" and "Stadt Düren", but just
    "Wermelskirchen"; a Kreis always says it is one ("Kreis Lippe", "Rhein-Erft-Kreis")."""
    if municipality.type == MunicipalityType.KREIS or municipality.short_name in ambiguous:
        return municipality.display_name
    return municipality.short_name


# --- Geometry of the stored SVG paths --------------------------------------------------------


def _rings(d: str) -> list[list[tuple[int, int]]]:
    """Parse the paths `svgmap.svg_path()` writes ("M x yL x y x y …Z", repeated)."""
    rings = []
    for chunk in d.split("Z"):
        chunk = chunk.strip()
        if not chunk:
            continue
        numbers = [int(n) for n in chunk.replace("M", " ").replace("L", " ").split()]
        rings.append(list(zip(numbers[0::2], numbers[1::2], strict=True)))
    return rings


@lru_cache(maxsize=2048)
def path_shape(d: str) -> MultiPolygon | Polygon:
    """The area a stored path encloses (even-odd: inner rings are holes, as the SVG draws it)."""
    shape = None
    for ring in _rings(d):
        if len(ring) < 3:
            continue
        polygon = Polygon(ring).buffer(0)
        shape = polygon if shape is None else shape.symmetric_difference(polygon)
    return shape if shape is not None else Polygon()


def label_point(
    d: str, view: tuple[float, float, float, float], avoid: list[tuple[float, ...]] = ()
) -> tuple[float, float, float] | None:
    """A point well inside the visible part of the area (minus the boxes in `avoid`) and the
    size of that part, or None if nothing of the area shows in `view` (min_x, min_y, max_x, max_y)."""
    visible = path_shape(d).intersection(box(*view))
    for other in avoid:
        visible = visible.difference(box(*other))
    polygons = [g for g in getattr(visible, "geoms", [visible]) if isinstance(g, Polygon) and g.area > 0]
    if not polygons:
        return None
    largest = max(polygons, key=lambda g: g.area)
    # The pole of inaccessibility: the point farthest from the edge, where a label fits best;
    # representative_point() only promises a point somewhere inside.
    point = polylabel(largest, tolerance=max(largest.area**0.5 / 20, 0.5))
    if not largest.contains(point):
        point = largest.representative_point()
    return (round(point.x, 1), round(point.y, 1), largest.area)


def _ring_d(points: list[tuple[int, int]]) -> str:
    """One closed ring as relative path data: small deltas instead of four-digit coordinates."""
    head, *tail = points
    out = [f"M{head[0]} {head[1]}l"]
    px, py = head
    parts = []
    for x, y in tail:
        parts.append(f"{x - px} {y - py}")
        px, py = x, y
    out.append(" ".join(parts).replace(" -", "-"))
    out.append("z")
    return "".join(out)


@lru_cache(maxsize=4096)
def compact_path(
    d: str, tolerance: float = 0.0, clip: tuple[float, float, float, float] | None = None
) -> str:
    """The stored path, cut to `clip` (min_x, min_y, max_x, max_y; pass a box a little larger
    than the frame, so the cut edges stay out of sight), simplified to `tolerance` map units
    (Douglas–Peucker, rings kept valid) and written with relative coordinates. The same input
    always gives the same output, and a cut only adds points on the clip box, so borders shared
    by two areas stay identical inside the frame."""
    if clip is None:
        rings = _rings(d)
    else:
        shape = path_shape(d).intersection(box(*clip))
        rings = []
        for polygon in getattr(shape, "geoms", [shape]):
            if not isinstance(polygon, Polygon) or polygon.is_empty:
                continue
            polygon = orient(polygon, 1.0)  # holes wind the other way: nonzero fill leaves them open
            for ring in [polygon.exterior, *polygon.interiors]:
                points = []
                for x, y in ring.coords[:-1]:
                    point = (round(x), round(y))
                    if not points or points[-1] != point:
                        points.append(point)
                rings.append(points)
    parts = []
    for ring in rings:
        if tolerance > 0 and len(ring) > 8:
            simplified = LinearRing(ring).simplify(tolerance, preserve_topology=True)
            coords = [(round(x), round(y)) for x, y in simplified.coords][:-1]
            if len(coords) >= 3:
                ring = coords
        if len(ring) >= 3:
            parts.append(_ring_d(ring))
    return "".join(parts)


# --- Placing labels on a map ------------------------------------------------------------------


def _label_block(text: str, x: float, y: float, font: float, strong: bool, width: float) -> TextBlock:
    lines = wrap(text, font, width, bold=strong)
    return TextBlock(
        lines, x, round(y + 0.35 * font - (len(lines) - 1) * font * LINE_HEIGHT / 2, 1), font, bold=strong
    )


def _fit_label(text, hit, font, strong, size, view, placed) -> TextBlock | None:
    """The label at `hit`, moved inside the frame; None if it is bigger than the visible part
    of its area or would touch a placed label."""
    margin, gap = size * 0.3, size * 0.15
    x, y, area = hit
    block = _label_block(text, x, y, font, strong, size * 9)
    left, top, right, bottom = block.extent
    if not strong and area < 0.35 * (right - left) * (bottom - top):
        return None
    block.shift(
        max(view[0] + margin - left, 0) + min(view[2] - margin - right, 0),
        max(view[1] + margin - top, 0) + min(view[3] - margin - bottom, 0),
    )
    if any(overlaps(block.extent, other.extent, gap=gap) for other in placed):
        return None
    return block


def labels_placed(items: list[tuple[str, str, bool]], box: list[float], size: float) -> list[TextBlock]:
    """Labels (path, text, strong) at a point inside each area's visible part, kept inside the
    frame; strong ones first, then by visible size. A label that would cover another is moved
    to another point of its area once; if that fails too, or the area is smaller than the label,
    it is left out (the name is still the area's link text and stands in the list)."""
    gap = size * 0.15
    view = (box[0], box[1], box[2], box[3])
    candidates = []
    for d, text, strong in items:
        hit = label_point(d, view) if d else None
        if hit is not None:
            candidates.append((not strong, -hit[2], d, hit, text, strong))
    candidates.sort(key=lambda c: c[:2])
    placed: list[TextBlock] = []
    for _weak, _size, d, hit, text, strong in candidates:
        font = round(size * 1.15, 2) if strong else size
        block = _fit_label(text, hit, font, strong, size, view, placed)
        if block is None and placed:
            # Try once more at a point where this label's centre cannot touch a placed one.
            left, top, right, bottom = _label_block(text, 0, 0, font, strong, size * 9).extent
            half_w, half_h = (right - left) / 2 + gap, (bottom - top) / 2 + gap
            avoid = [
                (b[0] - half_w, b[1] - half_h, b[2] + half_w, b[3] + half_h)
                for b in (p.extent for p in placed)
            ]
            hit = label_point(d, view, avoid)
            block = _fit_label(text, hit, font, strong, size, view, placed) if hit else None
        if block is not None:
            placed.append(block)
    return placed
