"""The maps and the network picture in Chromium: tab stops, real text extents, axe."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_MAP_TAB_STOPS = 3  # the map list's summary, the caption's link to the partner list, spare

# Where the focused element is: inside a map or picture (<figure>, <svg>) or the map's list.
WHERE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const inMap = !!el.closest('figure, svg, .muni-map__list');
  return {inMap, tag: el.tagName.toLowerCase(), text: (el.textContent || '').trim().slice(0, 60)};
}"""

# Text extents in the SVG's own coordinates (getBBox), against its viewBox.
CLIPPED = """(selector) => {
  const out = [];
  for (const svg of document.querySelectorAll(selector)) {
    const vb = svg.viewBox.baseVal;
    for (const t of svg.querySelectorAll('text')) {
      const b = t.getBBox();
      if (b.x < vb.x - 0.5 || b.y < vb.y - 0.5 || b.x + b.width > vb.x + vb.width + 0.5
          || b.y + b.height > vb.y + vb.height + 0.5) out.push(t.textContent);
    }
  }
  return out;
}"""


@pytest.fixture
def site(transactional_db, home_page, demo_projects):
    return demo_projects


def _tab_through(page, limit: int = 400) -> list[dict]:
    stops = []
    page.locator("body").click(position={"x": 1, "y": 1})
    for _ in range(limit):
        page.keyboard.press("Tab")
        where = page.evaluate(WHERE)
        if where is None:
            break  # back at the start of the page
        if stops and where == stops[0]:
            break
        stops.append(where)
    return stops


def test_koerperschaft_page_maps_cost_few_tab_stops(live_server, site, page):
    page.goto(live_server.url + "/kommunen/05358/kreis-dueren/")
    assert page.locator("svg.muni-map__svg a").count() > 30  # the areas are still links for the mouse
    stops = _tab_through(page)
    in_map = [s for s in stops if s["inMap"]]
    assert len(stops) > 40  # the page's own links: partner list, neighbours, Gemeinden …
    assert len(in_map) <= MAX_MAP_TAB_STOPS, in_map
    assert not [s for s in in_map if s["tag"] == "a" and not s["text"]]

    # The list beside the map reaches the same pages by keyboard.
    summary = page.locator("details.muni-map__list summary").first
    summary.focus()
    page.keyboard.press("Enter")
    link = page.locator("details.muni-map__list").first.get_by_role("link", name="Rhein-Erft-Kreis")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/kommunen/05362/rhein-erft-kreis/")


@pytest.mark.parametrize("path", ["/kommunen/05358/kreis-dueren/", "/kommunen/05374016/hueckeswagen/"])
def test_no_label_is_clipped_in_the_browser(live_server, site, page, path):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + path)
    assert page.locator(".proj-network svg text").count() >= 3
    assert page.evaluate(CLIPPED, ".proj-network svg") == []
    assert page.locator("svg.muni-map__svg .muni-map__labels text").count() >= 3
    assert page.evaluate(CLIPPED, "svg.muni-map__svg") == []


@pytest.mark.parametrize(
    "path",
    [
        "/kommunen/05358/kreis-dueren/",
        "/kommunen/05111000/duesseldorf/",
        "/projekte/",
        "/projekte/?kreis=05358",
    ],
)
def test_pages_with_maps_pass_axe(live_server, site, page, axe, path):
    page.goto(live_server.url + path)
    assert page.locator("svg.muni-map__svg").count() >= 1
    page.locator("details.muni-map__list summary").first.click()  # the open list is checked too
    axe(page)


def test_projects_map_area_filters_the_list(live_server, site, page):
    page.goto(live_server.url + "/projekte/")
    area = page.locator('.proj-map svg a[aria-label^="Kreis Düren:"]')
    assert area.count() == 1
    area.click()
    page.wait_for_url(live_server.url + "/projekte/?kreis=05358")
    assert page.locator(".proj-map svg a.muni-map__area--current").count() == 1
    count = page.locator("#result-count").inner_text()
    assert count.split()[0].isdigit() and int(count.split()[0]) >= 1
