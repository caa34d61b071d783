import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_faq_pages_and_helpful_vote_in_the_browser(live_server, page, axe, faq_page_factory):
    question = faq_page_factory("Was ist ein Zweckverband?", category="Grundlagen")
    page.goto(live_server.url + "/faq/")
    axe(page)
    page.get_by_role("link", name="Was ist ein Zweckverband?").click()
    assert page.get_by_role("heading", level=1).inner_text() == question.title
    axe(page)
    page.get_by_role("button", name="Ja").click()
    assert "Danke" in page.locator("#bewertung").inner_text()
    axe(page)
    page.goto(live_server.url + "/faq/?q=Zweckverband")
    axe(page)


def test_faq_with_the_demo_questions_stays_navigable(live_server, page, axe, home_page):
    """37 questions: the table of contents jumps to a category, an answer page shows its lists and
    section links, and both fit a 360 px phone screen without sideways scrolling."""
    from ikz.faq.content import faq_entries
    from ikz.faq.demo import faq_demo_setup

    faq_demo_setup(home=home_page)
    entries = faq_entries()
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + "/faq/")
    axe(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    toc = page.get_by_role("navigation", name="Themen")
    assert toc.get_by_role("link").count() == len({e.category for e in entries})
    toc.get_by_role("link", name="Datenschutz").click()
    assert page.url.endswith("#kategorie-datenschutz")
    heading = page.locator("#kategorie-datenschutz")
    assert 0 <= heading.bounding_box()["y"] < 200, "the jump link brings the category into view"

    question = next(e for e in entries if e.category_slug == "vergabe" and "<ul>" in e.html)
    page.get_by_role("link", name=question.question).click()
    assert page.get_by_role("heading", level=1).inner_text() == question.question
    assert page.locator("article li").count() >= 3
    assert page.locator('article a[href^="/wissen/gesetze/"]').count() >= 1
    related = page.get_by_role("navigation", name=f"Weitere Fragen zum Thema „{question.category}“")
    assert related.get_by_role("link").count() == sum(e.category_slug == "vergabe" for e in entries) - 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    axe(page)
