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


def leave_the_zweckverband(page, base_url: str) -> str:
    """From the assistant's start to the steps for leaving a Zweckverband, and on to a cited section."""
    page.goto(base_url + "/assistent/")
    page.get_by_role("link", name="Schritte für Austritt und Auflösung").click()
    page.wait_for_url(re.compile(r"/assistent/beenden/$"))
    answer(page, "In welcher Rechtsform arbeiten Sie heute zusammen?", "Zweckverband")
    answer(
        page,
        "Wer will beenden?",
        "Wir wollen als einzelner Partner ausscheiden oder kündigen – die anderen machen weiter",
    )
    answer(
        page,
        "Sehen die Satzung, die Vereinbarung oder der Vertrag ein Recht zum Austritt oder zur Kündigung vor?",
        "Nein",
    )
    answer(page, "Gibt es gemeinsames Vermögen, Personal oder Schulden, die aufzuteilen sind?", "Ja")
    answer(
        page,
        "Hat die Aufsichtsbehörde die Zusammenarbeit angeordnet (Pflichtverband oder Pflichtregelung)?",
        "Nein",
    )
    page.get_by_role("button", name="Schritte zeigen").click()
    page.wait_for_url(re.compile(r"/assistent/beenden/\?"))
    steps_url = page.url
    steps = page.locator("#schritte + ol > li")
    assert steps.count() == 5
    assert steps.nth(1).inner_text().startswith("Beschluss der Verbandsversammlung über das Ausscheiden:")
    assert "zwei Dritteln der satzungsmäßigen Stimmenzahl" in steps.nth(1).inner_text()
    # the answers are filled in again for a change
    assert (
        page.get_by_role("group", name="Wer will beenden?")
        .get_by_label("Alle Partner wollen die Zusammenarbeit gemeinsam beenden", exact=True)
        .is_checked()
        is False
    )
    page.get_by_role("link", name="§ 20 Abs. 1 Satz 1 GkG NRW").first.click()
    page.wait_for_url(re.compile(r"/wissen/gesetze/.+/20/$"))
    assert "§ 20" in page.get_by_role("heading", level=1).inner_text()
    return steps_url


def test_leaving_without_javascript(live_server, site, browser):
    context = browser.new_context(locale="de-DE", java_script_enabled=False)
    context.set_default_timeout(15_000)
    try:
        leave_the_zweckverband(context.new_page(), live_server.url)
    finally:
        context.close()


def test_leaving_with_javascript_and_axe(live_server, site, page, axe):
    steps_url = leave_the_zweckverband(page, live_server.url)
    for url in (
        live_server.url + "/assistent/beenden/",
        steps_url,
        live_server.url + "/assistent/beenden/?rechtsform=gku&rolle=aufloesung&auseinandersetzung=ja",
        live_server.url + "/assistent/beenden/?rolle=austritt",  # the error page
        live_server.url + "/assistent/beenden/?rechtsform=gku&rolle=austritt&pflicht=ja",  # contradiction
        live_server.url + "/assistent/ergebnis.pdf?partner=Atlantis",  # the download's error page
    ):
        page.goto(url)
        axe(page)


def test_result_downloads_without_javascript(live_server, site, browser):
    """The links on the result page deliver the files – no script involved."""
    from urllib.parse import urlencode

    from .test_views import FULL

    context = browser.new_context(locale="de-DE", java_script_enabled=False, accept_downloads=True)
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/assistent/ergebnis/?" + urlencode(FULL))
        for name, suffix, magic in (("als PDF", ".pdf", b"%PDF-"), ("als Word-Datei (DOCX)", ".docx", b"PK")):
            with page.expect_download() as info:
                page.get_by_role("link", name=name).click()
            download = info.value
            assert download.suggested_filename.startswith(
                "Kooperationsassistent_Ergebnis_gemeinsamer-Bauhof_"
            )
            assert download.suggested_filename.endswith(suffix)
            with open(download.path(), "rb") as handle:
                assert handle.read(5).startswith(magic)
    finally:
        context.close()
