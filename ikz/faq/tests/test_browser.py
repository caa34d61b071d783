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
