"""The main navigation on desktop widths: one row at 1280 px, still usable at 1024 px, WCAG AA.

The phone navigation (one sideways-scrolling row below 40rem) is tested in tests/test_scripts.py.
"""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ITEMS = ".main-nav li"


def _boxes(page):
    return page.eval_on_selector_all(
        ".main-nav a",
        "links => links.map(a => { const r = a.getBoundingClientRect();"
        " return {text: a.textContent.trim(), top: Math.round(r.top), left: r.left, right: r.right,"
        " width: r.width, height: r.height}; })",
    )


def _page_overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_twelve_sections_in_one_row_at_1280(live_server, page, axe, home_page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/")
    expect(page.locator(ITEMS)).to_have_count(12)
    boxes = _boxes(page)
    assert {box["top"] for box in boxes} == {boxes[0]["top"]}, [(b["text"], b["top"]) for b in boxes]
    assert [b["text"] for b in boxes][:2] == ["Start", "Wissen"] and boxes[-1]["text"] == "Newsletter"
    assert all(b["width"] >= 24 and b["height"] >= 24 for b in boxes)  # WCAG 2.5.8 target size
    assert all(b["left"] >= 0 and b["right"] <= 1280 for b in boxes)
    assert _page_overflow(page) <= 0
    # the keyboard focus is visible on a navigation link
    link = page.locator(".main-nav a", has_text="Newsletter")
    link.focus()
    expect(link).to_be_focused()
    outline = link.evaluate(
        "a => { const s = getComputedStyle(a); return [s.outlineStyle, s.outlineWidth]; }"
    )
    assert outline[0] != "none" and outline[1] != "0px"
    axe(page)


def test_at_1024_the_navigation_wraps_without_overflowing_the_page(live_server, page, axe, home_page):
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(live_server.url + "/")
    boxes = _boxes(page)
    assert len(boxes) == 12
    assert _page_overflow(page) <= 0
    assert all(b["left"] >= 0 and b["right"] <= 1024 for b in boxes)  # every section reachable
    assert all(b["width"] >= 24 and b["height"] >= 24 for b in boxes)
    assert len({b["top"] for b in boxes}) <= 2  # at most a second row, never a column
    for box in boxes:
        expect(page.locator(".main-nav a", has_text=box["text"]).first).to_be_visible()
    axe(page)
