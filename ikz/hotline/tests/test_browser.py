import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_hotline_form_in_the_browser_and_axe(live_server, page, axe, home_page, smtp_server):
    page.goto(live_server.url + "/hotline/")
    axe(page)
    assert "0211 000000-0" in page.locator("main").inner_text()
    page.get_by_label("Betreff").fill("Gemeinsames Standesamt")
    page.get_by_label("Ihre Frage").fill("Welche Form passt für ein gemeinsames Standesamt?")
    page.get_by_label("Ihr Name").fill("Erika Muster")
    page.get_by_label("Ihre E-Mail-Adresse").fill("erika@kommune.nrw.example")
    page.get_by_label(re.compile("Ich bin damit einverstanden")).check()
    page.get_by_role("button", name="Anfrage senden").click()
    assert re.search(r"IKZ-\d{4}-\d{6}", page.locator(".hotline-reference").inner_text())
    axe(page)

    mail = smtp_server.wait_for(2) and smtp_server.to("erika@kommune.nrw.example")[0]
    link = re.search(r"(/hotline/nachtrag/\S+/)", smtp_server.body(mail)).group(1)
    page.goto(live_server.url + link)
    axe(page)
    page.get_by_label("Ihr Nachtrag").fill("Es sind zwei Gemeinden.")
    page.get_by_role("button", name="Nachtrag senden").click()
    assert "eingegangen" in page.locator("main").inner_text()


def test_hotline_errors_are_announced_and_pass_axe(live_server, page, axe, home_page):
    page.goto(live_server.url + "/hotline/")
    page.get_by_role("button", name="Anfrage senden").click()
    expect(page.get_by_role("alert")).to_be_visible()
    axe(page)
