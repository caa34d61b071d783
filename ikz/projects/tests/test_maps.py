"""The network picture, the reach map and the map on /projekte/ (issue 11, item 10)."""

import re
from html import unescape
from html.parser import HTMLParser

import pytest
from django.template import Context, Template

from ikz.municipalities.svglabels import LINE_HEIGHT, text_width
from ikz.municipalities.tests.test_maps import tab_stops
from ikz.projects.maps import NETWORK_LIMIT, count_class, network
from ikz.projects.profile import cooperation_profile

pytestmark = pytest.mark.django_db


class SvgTexts(HTMLParser):
    """The viewBox and every <text> (x, y, anchor, class, lines) of the first <svg>."""

    def __init__(self):
        super().__init__()
        self.view_box = None
        self.texts: list[dict] = []
        self._text = None
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "svg" and self.view_box is None:
            self.view_box = [float(v) for v in attrs["viewbox"].split()]
        elif tag == "text":
            self._text = {
                "x": float(attrs["x"]), "y": float(attrs["y"]), "anchor": attrs.get("text-anchor", "start"),
                "class": attrs.get("class", ""), "size": float(attrs["font-size"]) if "font-size" in attrs else None,
                "lines": [],
            }  # fmt: skip
        elif tag == "tspan" and self._text is not None:
            self._text["lines"].append("")

    def handle_data(self, data):
        if self._text is not None and self._text["lines"]:
            self._text["lines"][-1] += data

    def handle_endtag(self, tag):
        if tag == "text" and self._text is not None:
            self.texts.append(self._text)
            self._text = None


def network_svg(html: str) -> str:
    start = html.index('<figure class="proj-network"')
    return html[start : html.index("</figure>", start)]


def assert_texts_inside(svg: str, *, default_size: float):
    """Every label, measured with the same estimate the server uses, lies inside the viewBox."""
    parser = SvgTexts()
    parser.feed(svg)
    x0, y0, w, h = parser.view_box
    assert parser.texts
    for t in parser.texts:
        bold = "centre" in t["class"] or "strong" in t["class"]
        size = t["size"] or (12 if "centre" in t["class"] else default_size)
        width = max(text_width(unescape(line), size, bold=bold) for line in t["lines"])
        left = {"start": t["x"], "middle": t["x"] - width / 2, "end": t["x"] - width}[t["anchor"]]
        top = t["y"] - 0.95 * size
        bottom = t["y"] + (len(t["lines"]) - 1) * size * LINE_HEIGHT + 0.25 * size
        assert x0 <= left and left + width <= x0 + w, t
        assert y0 <= top and bottom <= y0 + h, t
    return parser.texts


@pytest.fixture
def dueren_profile(demo_projects, kreis_dueren):
    return kreis_dueren, Template("{% load projects_tags %}{% cooperation_profile m %}").render(
        Context({"m": kreis_dueren})
    )


def test_network_names_kreis_and_stadt_apart_and_clips_no_label(dueren_profile):
    kreis, html = dueren_profile
    svg = network_svg(html)
    texts = assert_texts_inside(svg, default_size=11)
    labels = [" ".join(t["lines"]).replace("- ", "-") for t in texts]
    assert "Kreis Düren" in labels  # the centre
    assert "Stadt Düren" in labels and "Düren" not in labels
    assert "Kreis Euskirchen" in labels and "Stadt Euskirchen" in labels
    assert "…" not in svg  # nothing is cut with an ellipsis any more
    assert len(texts) == NETWORK_LIMIT + 1


def test_network_says_how_many_it_shows_and_links_the_full_list(dueren_profile):
    kreis, html = dueren_profile
    profile = cooperation_profile(kreis)
    total = len(profile["partners"])
    assert total == 36
    caption = re.search(r'<figcaption id="network-caption">(.*?)</figcaption>', html, re.S).group(1)
    assert (
        f"Die {NETWORK_LIMIT} Partner mit den meisten gemeinsamen Projekten – von {total} insgesamt"
        in caption
    )
    assert '<a href="#partners-heading">Liste der Partner</a>' in caption
    # The list beside the picture names every partner, with a link.
    start = html.index('id="partners-heading"')
    partner_list = html[start : html.index("</ul>", start)]
    assert f"Partner ({total})" in partner_list
    listed = re.findall(r'<li><a href="([^"]+)">([^<]+)</a>', partner_list)
    assert len(listed) == total
    assert {href for href, _ in listed} == {m.get_absolute_url() for m, _n in profile["partners"]}
    assert {"Stadt Düren", "Kreis Euskirchen", "Stadt Euskirchen"} <= {name for _, name in listed}


def test_network_with_long_names_grows_its_frame(register):
    names = [
        "05378032",
        "05374",
        "05378",
        "05334",
        "05958",
        "05962",
        "05766",
        "05770",
        "05316000",
        "05366016",
    ]
    partners = [(register[ags], i + 1) for i, ags in enumerate(names)]
    picture = network(centre=register["05358"], partners=partners)
    assert picture.is_complete and len(picture.nodes) == 10
    x0, y0, x1, y1 = picture.box
    for label in picture.labels:
        left, top, right, bottom = label.extent
        assert x0 <= left and right <= x1 and y0 <= top and bottom <= y1, label.lines
    texts = {" ".join(n.label.lines).replace("- ", "-") for n in picture.nodes}
    assert "Wermelskirchen" in texts and "Rheinisch-Bergischer Kreis" in texts
    assert "Stadt Euskirchen" in texts


def test_network_with_few_partners_shows_them_all(demo_projects, hueckeswagen):
    html = Template("{% load projects_tags %}{% cooperation_profile m %}").render(
        Context({"m": hueckeswagen})
    )
    caption = re.search(r'<figcaption id="network-caption">(.*?)</figcaption>', html, re.S).group(1)
    assert caption.startswith("Alle ")
    assert_texts_inside(network_svg(html), default_size=11)


def test_reach_map_links_only_partners_and_stays_out_of_the_tab_order(dueren_profile):
    kreis, html = dueren_profile
    start = html.index('<svg class="muni-map__svg"')
    svg = html[start : html.index("</svg>", start)]
    links = re.findall(r'<a href="([^"]+)"[^>]*>', svg)
    partners = {m.get_absolute_url() for m, _n in cooperation_profile(kreis)["partners"]}
    assert set(links) <= partners | {kreis.get_absolute_url()}
    assert tab_stops(svg) == []
    assert '<g class="muni-map__labels" aria-hidden="true"' in svg


# --- The map on /projekte/ -------------------------------------------------------------------


def test_count_classes():
    assert [count_class(n) for n in (0, 1, 2, 3, 4, 7, 8, 50)] == [0, 1, 2, 2, 3, 3, 4, 4]


def _project_map(html: str) -> str:
    start = html.index('<section class="proj-map"')
    return html[start : html.index("</section>", start)]


def _listed(section: str) -> dict[str, str]:
    start = section.index('<details class="muni-map__list"')
    part = section[start : section.index("</details>", start)]
    return {
        unescape(name): note
        for name, note in re.findall(
            r'<li><a href="[^"]+"[^>]*>([^<]+)</a> <span class="meta">\(([^)]+)\)', part
        )
    }


@pytest.fixture
def placed_projects(register, project_factory):
    r = register
    project_factory(title="Bauhof Düren", municipalities=[r["05358008"], r["05358"]], task_areas=["bauhof"])
    project_factory(
        title="IT Düren", municipalities=[r["05358"], r["05366016"]], task_areas=["it-digitalisierung"]
    )
    project_factory(
        title="Bauhof Oberberg", municipalities=[r["05374016"], r["05374052"]], task_areas=["bauhof"]
    )
    project_factory(title="Entwurf Köln", municipalities=[r["05315000"]], live=False)
    return r


def test_projects_page_has_a_map_of_where_the_projects_are(client, home_page, placed_projects):
    html = client.get("/projekte/").content.decode()
    section = _project_map(html)
    svg = section[section.index("<svg") : section.index("</svg>")]
    assert 'role="group"' in svg and "Kooperationsprojekte nach Kreisen" in svg
    assert len(re.findall(r'class="muni-map__area[ "]', svg)) == 53  # all of NRW
    listed = _listed(section)
    assert listed == {
        "Kreis Düren: 2 Projekte – Liste darauf beschränken": "2 Projekte",
        "Kreis Euskirchen: 1 Projekt – Liste darauf beschränken": "1 Projekt",
        "Oberbergischer Kreis: 1 Projekt – Liste darauf beschränken": "1 Projekt",
    }
    assert "Stadt Köln: keine Projekte" in svg  # the draft does not count
    assert re.search(r'<a href="\?kreis=05358"[^>]*class="muni-map__area muni-map__count--2"', svg)
    # The counts are drawn in the areas, the links stay out of the tab order.
    assert [t["lines"] for t in SvgTextsOf(svg)] and tab_stops(svg) == []
    assert tab_stops(section) == ["summary"]


def SvgTextsOf(svg: str) -> list[dict]:  # noqa: N802 - reads like the parser it wraps
    parser = SvgTexts()
    parser.feed(svg)
    return parser.texts


def test_projects_map_follows_the_filters(client, home_page, placed_projects):
    section = _project_map(client.get("/projekte/?task_area=bauhof").content.decode())
    assert set(_listed(section)) == {
        "Kreis Düren: 1 Projekt – Liste darauf beschränken",
        "Oberbergischer Kreis: 1 Projekt – Liste darauf beschränken",
    }
    assert sorted("".join(t["lines"]) for t in SvgTextsOf(section)) == ["1", "1"]
    # Links keep the other filters.
    assert (
        'href="?task_area=bauhof&amp;kreis=05374"' in section
        or 'href="?kreis=05374&amp;task_area=bauhof"' in section
    )

    section = _project_map(client.get("/projekte/?kreis=05358").content.decode())
    assert re.search(r'class="muni-map__area muni-map__area--current[^"]*"', section)
    assert "Kreis Düren: 2 Projekte (ausgewählt – Filter entfernen)" in section
    assert "Schraffiert, dick umrandet: Kreis Düren" in section
