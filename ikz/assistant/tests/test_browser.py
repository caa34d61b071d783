"""The assistant in Chromium: the whole path without JavaScript and with it, axe on every page."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(transactional_db, register, rules, assistant_laws):
    return register


def answer(page, question: str, option: str) -> None:
    page.get_by_role("group", name=question).get_by_label(option, exact=True).check()


def walk_the_path(page, base_url: str) -> str:
    """Fill the form as a Hauptamtsleiterin would, submit, read all result pages; returns the result URL."""
    page.goto(base_url + "/assistent/")
    page.get_by_label("Aufgabenbereich").select_option("bauhof")
    page.get_by_label("Die Aufgabe in eigenen Worten").fill("gemeinsamer Bauhof")
    page.get_by_label("Partner 1 (federführend)").fill("Stadt Düren (05358008)")
    page.get_by_label("Partner 2", exact=True).fill("05358032")
    page.get_by_label("Partner 3", exact=True).fill("Niederzier")
    answer(page, "Soll sich ein privates Unternehmen beteiligen (als Partner oder Gesellschafter)?", "Nein")
    answer(
        page,
        "Was soll sich an der Verantwortung für die Aufgabe ändern?",
        "Nur die Arbeit: ein Partner erledigt sie für die anderen, die Verantwortung bleibt",
    )
    page.get_by_label("eigenes Personal").check()
    answer(page, "Für wie lange ist die Zusammenarbeit geplant?", "5 bis 20 Jahre")
    answer(
        page,
        "Fließt Geld zwischen den Partnern – und auf welcher Grundlage?",
        "Ja, nur als Erstattung der Kosten",
    )
    answer(
        page,
        "Auf welcher Grundlage soll die Zusammenarbeit stehen?",
        "öffentlich-rechtlich (Vereinbarung, Zweckverband, Anstalt)",
    )
    answer(
        page,
        "Ist die Aufgabe eine öffentliche Aufgabe, die allen Partnern obliegt, und verfolgen sie damit gemeinsame Ziele?",
        "Ja",
    )
    answer(page, "Bietet einer der Partner diese Leistung auch auf dem Markt an (für Dritte)?", "Nein")
    page.get_by_label("Zuwendungsfähige Ausgaben des Vorhabens (Euro)").fill("300000")
    page.get_by_role("button", name="Auswerten").click()
    page.wait_for_url(re.compile(r"/assistent/ergebnis/\?"))
    result_url = page.url

    assert page.get_by_role("heading", level=1).inner_text() == "Ergebnis des Kooperationsassistenten"
    main = page.locator("main").inner_text()
    assert "Voraussichtlich vergaberechtsfrei nach § 108 Abs. 6 GWB – Voraussetzungen:" in main
    assert "Voraussichtlich keine Umsatzsteuer" in main
    assert "Öffentlich-rechtliche Vereinbarung – mandatierend – Empfehlung" in main
    assert "Zuwendung nach den Regeln: 210.000 €" in main  # three NRW Gemeinden, 90 % of 300,000 is more
    assert "Bewilligungsbehörde: Bezirksregierung Köln" in main

    page.get_by_role("link", name="Nur die Förderung").click()
    page.wait_for_url(re.compile(r"/assistent/foerderung/\?"))
    assert "210.000 €" in page.locator("main").inner_text()

    page.get_by_role("link", name="Nur die Rechtsform").click()
    page.wait_for_url(re.compile(r"/assistent/rechtsform/\?"))
    page.get_by_role("link", name="§ 23 Abs. 1 GkG NRW").first.click()
    page.wait_for_url(re.compile(r"/wissen/gesetze/.+/23/$"))
    assert "§ 23" in page.get_by_role("heading", level=1).inner_text()

    # Back to the form: every answer is filled in again, and submitting it unchanged gives the same result.
    page.goto(result_url)
    page.get_by_role("link", name="Antworten ändern").click()
    assert page.get_by_label("Partner 3", exact=True).input_value() == "Niederzier"
    assert page.get_by_label("eigenes Personal").is_checked()
    page.get_by_role("button", name="Auswerten").click()
    page.wait_for_url(re.compile(r"/assistent/ergebnis/\?"))
    assert sorted(page.url.split("?", 1)[1].split("&")) == sorted(result_url.split("?", 1)[1].split("&"))
    return result_url


def test_whole_path_without_javascript(live_server, site, browser):
    context = browser.new_context(locale="de-DE", java_script_enabled=False)
    context.set_default_timeout(15_000)
    try:
        walk_the_path(context.new_page(), live_server.url)
    finally:
        context.close()


def test_whole_path_with_javascript_and_axe_on_every_page(live_server, site, page, axe):
    result_url = walk_the_path(page, live_server.url)
    query = result_url.split("?", 1)[1]
    for path in (
        "/assistent/",
        f"/assistent/?{query}",
        f"/assistent/ergebnis/?{query}",
        f"/assistent/rechtsform/?{query}",
        f"/assistent/foerderung/?{query}",
        "/assistent/ergebnis/?partner=Atlantis",  # the error page
        "/assistent/ergebnis/?partner=05358008&partner=05358032&markt=nein&marktanteil=30",
    ):  # contradiction
        page.goto(live_server.url + path)
        axe(page)  # fmt: skip
