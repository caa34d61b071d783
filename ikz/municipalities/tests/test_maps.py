"""The SVG maps of the register: labels, frame, keyboard, size (issue 11, item 10)."""

import re
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ikz.municipalities.selectors import municipality_neighbours
from ikz.municipalities.svglabels import (
    TextBlock,
    ambiguous_names,
    compact_path,
    label_point,
    overlaps,
    path_shape,
    short_label,
    text_width,
    wrap,
)
from ikz.municipalities.svgmap import MIN_SPAN, centred_view_box, map_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(home_page, register):
    return register


def _box(view_box: str) -> tuple[float, float, float, float]:
    x, y, w, h = (float(v) for v in view_box.split())
    return (x, y, x + w, y + h)


def _map_of(ags: str, *, capture=None):
    from ikz.municipalities.selectors import municipality_get

    m = municipality_get(ags=ags)
    neighbour_ags = {n.ags for n in municipality_neighbours(municipality=m)}
    if capture is None:
        return map_for(m, neighbour_ags=neighbour_ags)
    with capture:
        return map_for(m, neighbour_ags=neighbour_ags)


class Focusable(HTMLParser):
    """Counts what the Tab key stops at between two markers: links and controls without
    tabindex="-1", elements with tabindex >= 0, and <summary>; nothing inside a closed
    <details> except its summary."""

    def __init__(self):
        super().__init__()
        self.stops: list[str] = []
        self.closed_details = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "details":
            if self.closed_details or "open" not in attrs:
                self.closed_details += 1
            return
        tabindex = attrs.get("tabindex")
        if tag == "summary":
            self.stops.append("summary")
            return
        if self.closed_details:
            return
        if tabindex is not None:
            if int(tabindex) >= 0:
                self.stops.append(tag)
        elif (tag == "a" and "href" in attrs) or tag in ("button", "input", "select", "textarea"):
            self.stops.append(tag)

    def handle_endtag(self, tag):
        if tag == "details" and self.closed_details:
            self.closed_details -= 1


def tab_stops(html: str) -> list[str]:
    parser = Focusable()
    parser.feed(html)
    return parser.stops


# --- Labels --------------------------------------------------------------------------------


def test_labels_say_kreis_or_stadt_where_a_name_is_shared(site):
    ambiguous = ambiguous_names()
    assert {"Düren", "Euskirchen", "Kleve"} <= ambiguous
    assert "Wermelskirchen" not in ambiguous

    assert short_label(site["05358"], ambiguous) == "Kreis Düren"
    assert short_label(site["05358008"], ambiguous) == "Stadt Düren"
    assert short_label(site["05366"], ambiguous) == "Kreis Euskirchen"
    assert short_label(site["05366016"], ambiguous) == "Stadt Euskirchen"
    assert short_label(site["05378032"], ambiguous) == "Wermelskirchen"
    assert short_label(site["05362"], ambiguous) == "Rhein-Erft-Kreis"
    assert short_label(site["05334"], ambiguous) == "Städteregion Aachen"
    # Every label of the register is unique.
    labels = [short_label(m, ambiguous) for m in site.values()]
    assert len(labels) == len(set(labels))


def test_text_width_grows_with_text_and_size():
    assert text_width("Wermelskirchen", 11) > text_width("Wermelskirche", 11) > 0
    assert text_width("Kreis Düren", 22) == pytest.approx(2 * text_width("Kreis Düren", 11))
    assert text_width("Kreis Düren", 11, bold=True) > text_width("Kreis Düren", 11)
    # DejaVu Sans, the portal's font: "m" is three and a half times as wide as "i".
    assert text_width("m", 10) > 3 * text_width("i", 10)


def test_wrap_breaks_at_spaces_and_hyphens_and_keeps_every_letter():
    assert wrap("Rheinisch-Bergischer Kreis", 11, 110) == ["Rheinisch-", "Bergischer Kreis"]
    assert wrap("Rheinisch-Bergischer Kreis", 11, 70) == ["Rheinisch-", "Bergischer", "Kreis"]
    assert wrap("Stadt Euskirchen", 11, 200) == ["Stadt Euskirchen"]
    long = wrap("Wermelskirchen", 11, 20)
    assert long == ["Wermelskirchen"]  # one word is never cut; the picture grows instead


def test_text_block_extent_follows_the_anchor():
    block = TextBlock(["Hilden"], 100, 50, 10, anchor="start")
    left, top, right, bottom = block.extent
    assert left == 100 and right == pytest.approx(100 + text_width("Hilden", 10))
    assert top < 50 < bottom
    block.anchor = "end"
    assert block.extent[2] == 100


# --- Geometry ------------------------------------------------------------------------------


def test_compact_path_is_relative_and_draws_the_same_shape(site):
    from ikz.municipalities.models import Municipality

    d = Municipality.objects.get(ags="05111000").map_path
    compact = compact_path(d)
    assert len(compact) < 0.75 * len(d)
    # Back to absolute points: the same rings.
    absolute = []
    for ring in re.findall(r"M(-?\d+) (-?\d+)l([^z]*)z", compact):
        x, y = int(ring[0]), int(ring[1])
        points = [(x, y)]
        numbers = [int(n) for n in re.findall(r"-?\d+", ring[2])]
        for dx, dy in zip(numbers[0::2], numbers[1::2], strict=True):
            x, y = x + dx, y + dy
            points.append((x, y))
        absolute.append(points)
    original = re.findall(r"M(-?\d+) (-?\d+)L([^Z]*)Z", d)
    assert len(absolute) == len(original)
    first = [int(n) for n in re.findall(r"-?\d+", original[0][2])]
    assert absolute[0][1:] == list(zip(first[0::2], first[1::2], strict=True))


def test_cut_paths_keep_the_area_inside_the_cut(site):
    from ikz.municipalities.models import Municipality

    d = Municipality.objects.get(ags="05358").map_path
    shape = path_shape(d)
    x0, y0, x1, y1 = shape.bounds
    half = (x0, y0, (x0 + x1) / 2, y1)
    cut = compact_path(d, 0.0, half)
    assert len(cut) < len(compact_path(d))
    absolute_x = []
    for head_x, _y, rest in re.findall(r"M(-?\d+) (-?\d+)l([^z]*)z", cut):
        x = int(head_x)
        absolute_x.append(x)
        for dx in [int(n) for n in re.findall(r"-?\d+", rest)][0::2]:
            x += dx
            absolute_x.append(x)
    assert max(absolute_x) <= round(half[2]) and min(absolute_x) >= x0


def test_label_point_lies_inside_the_visible_part(site):
    from shapely.geometry import Point

    from ikz.municipalities.models import Municipality

    d = Municipality.objects.get(ags="05374016").map_path
    shape = path_shape(d)
    x, y, area = label_point(d, (-10_000, -10_000, 10_000, 10_000))
    assert shape.contains(Point(x, y)) and area == pytest.approx(shape.area)
    assert label_point(d, (0, 0, 1, 1)) is None


def test_centred_frame_has_the_area_in_its_middle():
    view_box, box = centred_view_box([100, 100, 140, 160], [[60, 80, 120, 200], [130, 90, 190, 150]])
    assert (box[0] + box[2]) / 2 == pytest.approx(120, abs=1)
    assert (box[1] + box[3]) / 2 == pytest.approx(130, abs=1)
    assert box[2] - box[0] >= MIN_SPAN and box[3] - box[1] >= MIN_SPAN
    assert view_box == f"{box[0]} {box[1]} {box[2] - box[0]} {box[3] - box[1]}"


@pytest.mark.parametrize("ags", ["05358", "05111000", "05374016", "05334002", "05966"])
def test_selected_area_is_in_the_middle_and_labelled_inside_the_frame(site, ags):
    svg_map = _map_of(ags)
    x0, y0, x1, y1 = _box(svg_map.view_box)
    bbox = site[ags].__class__.objects.get(ags=ags).map_bbox
    # Centred: the area's middle is the frame's middle, and there is room on every side.
    assert (bbox[0] + bbox[2]) / 2 == pytest.approx((x0 + x1) / 2, abs=1)
    assert (bbox[1] + bbox[3]) / 2 == pytest.approx((y0 + y1) / 2, abs=1)
    assert bbox[0] > x0 and bbox[2] < x1 and bbox[1] > y0 and bbox[3] < y1

    current = [t for t in svg_map.labels if t.bold]
    assert len(current) == 1
    assert " ".join(current[0].lines).replace("- ", "-") in (site[ags].short_name, site[ags].display_name)
    neighbours = svg_map.neighbour_count
    assert len(svg_map.labels) >= min(neighbours, 3) + 1
    for label in svg_map.labels:
        left, top, right, bottom = label.extent
        assert x0 <= left and right <= x1 and y0 <= top and bottom <= y1, label.lines
    for i, a in enumerate(svg_map.labels):
        for b in svg_map.labels[i + 1 :]:
            assert not overlaps(a.extent, b.extent), (a.lines, b.lines)


def test_gemeinde_map_loads_only_what_it_draws(site):
    queries = CaptureQueriesContext(connection)
    svg_map = _map_of("05111000", capture=queries)
    drawn = len(svg_map.areas)
    assert 20 < drawn < 100
    for query in queries.captured_queries:
        sql = query["sql"]
        if "map_path" in sql.split("FROM")[0]:
            where = sql.split("WHERE", 1)[1] if "WHERE" in sql else ""
            assert "map_bbox" in where or "kreis_id" in where or '"ags" IN' in where, sql


# --- Pages ---------------------------------------------------------------------------------


def _aside(html: str) -> str:
    start = html.index('<section class="muni-layout__aside"')
    return html[start : html.index("</section>", start)]


@pytest.mark.parametrize(
    "path",
    ["/kommunen/05111000/duesseldorf/", "/kommunen/05358/kreis-dueren/", "/kommunen/05374016/hueckeswagen/"],
)
def test_map_adds_at_most_one_tab_stop_and_lists_its_links(client, site, path):
    html = client.get(path).content.decode()
    aside = _aside(html)
    svg = aside[aside.index("<svg") : aside.index("</svg>", aside.index("muni-map__svg"))]
    assert svg.count("<a ") > 5
    assert svg.count('tabindex="-1"') == svg.count("<a ")
    assert tab_stops(aside) == ["summary"]
    # Every link of the map stands in the list, with the same address.
    start = aside.index('<details class="muni-map__list"')
    listed = set(re.findall(r'<li><a href="([^"]+)"', aside[start : aside.index("</details>", start)]))
    assert set(re.findall(r'<a href="([^"]+)"[^>]*tabindex="-1"', svg)) == listed
    # Labels are hidden from screen readers: the links already carry the names.
    assert '<g class="muni-map__labels" aria-hidden="true"' in svg


def test_koerperschaft_page_maps_and_picture_have_few_tab_stops(client, site, demo_projects):
    html = client.get("/kommunen/05358/kreis-dueren/").content.decode()
    svgs = re.findall(r"<svg.*?</svg>", html, re.S)
    assert sum(len(tab_stops(svg)) for svg in svgs) == 0
    figures = re.findall(r"<figure.*?</figure>", html, re.S)
    assert len(figures) >= 3  # network picture, reach map, register map
    assert sum(len(tab_stops(f)) for f in figures) <= 2


def test_koerperschaft_page_inline_svg_is_small(client, site):
    html = client.get("/kommunen/05111000/duesseldorf/").content.decode()
    svg_bytes = sum(len(s.encode()) for s in re.findall(r"<svg.*?</svg>", html, re.S))
    assert svg_bytes < 32_000  # was 48 KB before the maps were cut, simplified and relative


def test_overview_map_lists_all_53_units(client, site):
    html = client.get("/kommunen/").content.decode()
    start = html.index('<details class="muni-map__list"')
    listed = re.findall(r'<li><a href="([^"]+)"', html[start : html.index("</details>", start)])
    assert len(listed) == 53
