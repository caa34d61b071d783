import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_core_pages_pass_axe(live_server, page, axe, home_page):
    for path in ["/", "/impressum/", "/datenschutz/", "/barrierefreiheit/", "/gibt-es-nicht/"]:
        response = page.goto(live_server.url + path)
        assert response.status == (404 if path == "/gibt-es-nicht/" else 200), path
        assert page.locator("html").get_attribute("lang") == "de"
        axe(page)


def test_skip_link_moves_focus_to_main_content(live_server, page, home_page):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#inhalt"


def test_layout_fits_phone_width(live_server, page, home_page):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + "/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
