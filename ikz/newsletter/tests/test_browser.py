import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_subscribe_confirm_and_unsubscribe_in_the_browser(
    live_server, page, axe, newsletter_index, edition_factory, smtp_server, settings
):
    settings.PORTAL_BASE_URL = live_server.url
    edition = edition_factory("Newsletter Juni")
    page.goto(live_server.url + "/newsletter/")
    axe(page)
    page.get_by_label("Ihre E-Mail-Adresse").fill("leserin@kommune.nrw.example")
    page.get_by_label(re.compile("Ich möchte den Newsletter")).check()
    page.get_by_role("button", name="Abonnieren").click()
    assert "Fast geschafft" in page.locator("main").inner_text()
    axe(page)

    mail = smtp_server.wait_for(1)[0]
    page.goto(re.search(r"(http\S+/newsletter/bestaetigen/\S+/)", smtp_server.body(mail)).group(1))
    assert "bestätigt" in page.locator("main").inner_text()
    axe(page)

    from ikz.newsletter.models import Subscription

    token = Subscription.objects.get().token
    page.goto(f"{live_server.url}/newsletter/abmelden/{token}/")
    axe(page)
    page.get_by_role("button", name="Jetzt abbestellen").click()
    assert "abgemeldet" in page.locator("main").inner_text()
    axe(page)

    for path in ("/newsletter/archiv/", edition.url):
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        axe(page)
