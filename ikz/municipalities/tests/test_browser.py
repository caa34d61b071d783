"""The register in Chromium: filter without JS tricks, click on the map, axe."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(transactional_db, home_page, register):
    return register


def test_filter_by_regierungsbezirk_and_type(live_server, site, page):
    page.goto(live_server.url + "/kommunen/")
    assert page.locator("#result-count").inner_text().startswith("427 Treffer")

    page.get_by_label("Regierungsbezirk").select_option("Münster")
    page.get_by_label("Art", exact=True).select_option(label="Kreisfreie Stadt")
    page.get_by_role("button", name="Anzeigen").click()

    page.wait_for_url(re.compile(r"regierungsbezirk=M%C3%BCnster"))
    assert page.locator("#result-count").inner_text().startswith("3 Treffer")
    rows = page.locator("table.muni-table tbody th a").all_inner_texts()
    assert sorted(rows) == ["Stadt Bottrop", "Stadt Gelsenkirchen", "Stadt Münster"]

    page.get_by_role("link", name="Filter zurücksetzen").first.click()
    assert page.locator("#result-count").inner_text().startswith("427 Treffer")


def test_search_by_name(live_server, site, page):
    page.goto(live_server.url + "/kommunen/")
    page.get_by_label("Name oder AGS").fill("Koeln")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=Koeln"))
    assert page.locator("#result-count").inner_text().startswith("1 Treffer")
    assert page.locator("table.muni-table tbody th a").all_inner_texts() == ["Stadt Köln"]


def test_click_on_the_map_opens_the_koerperschaft(live_server, site, page):
    page.goto(live_server.url + "/kommunen/")
    area = page.locator('svg.muni-map__svg a[aria-label="Kreis Düren"]')
    assert area.count() == 1
    area.click()
    page.wait_for_url(live_server.url + "/kommunen/05358/kreis-dueren/")
    assert page.get_by_role("heading", level=1).inner_text() == "Kreis Düren"

    # From the Kreis map on to a neighbour, then into a Gemeinde map.
    page.locator('svg.muni-map__svg a[aria-label="Städteregion Aachen"]').click()
    page.wait_for_url(re.compile(r"/kommunen/05334/"))
    page.get_by_role("link", name="Stadt Aachen", exact=True).first.click()
    page.wait_for_url(re.compile(r"/kommunen/05334002/aachen/"))
    current = page.locator("svg.muni-map__svg a.muni-map__area--current")
    assert current.get_attribute("aria-label") == "Stadt Aachen"


def test_map_areas_are_reached_by_keyboard_through_the_list_beside_the_map(live_server, site, page):
    """The areas are out of the tab order (tabindex=-1); the same links are in the list under the map."""
    page.goto(live_server.url + "/kommunen/05111000/duesseldorf/")
    assert page.locator('svg.muni-map__svg a[aria-label="Stadt Ratingen"]').get_attribute("tabindex") == "-1"
    summary = page.locator("details.muni-map__list summary").first
    summary.focus()
    page.keyboard.press("Enter")  # opens the list
    link = page.locator("details.muni-map__list a", has_text="Ratingen").first
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/kommunen/05158028/ratingen/"))


@pytest.mark.parametrize(
    "path",
    [
        "/kommunen/",
        "/kommunen/?regierungsbezirk=Nirgendwo&q=zzz",
        "/kommunen/05111000/duesseldorf/",
        "/kommunen/05358/kreis-dueren/",
        "/kommunen/05374016/hueckeswagen/",
    ],
)
def test_pages_pass_axe(live_server, site, page, axe, path):
    page.goto(live_server.url + path)
    assert page.locator("svg.muni-map__svg a").count() > 0
    axe(page)


def test_map_fits_a_phone(live_server, site, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="de-DE")
    phone = context.new_page()
    phone.goto(live_server.url + "/kommunen/05111000/duesseldorf/")
    box = phone.locator("svg.muni-map__svg").bounding_box()
    assert 200 < box["width"] <= 360
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
