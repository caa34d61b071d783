"""The Werkstatt in Chromium: open → invite (real SMTP) → accept → note with a conflict; axe on every page."""

import re
from urllib.parse import urlencode

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INVITED = "kollegin@lindlar.nrw.example"


def _login(page, live_server, client, user):
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def test_open_invite_accept_and_edit_together(
    live_server,
    home_page,
    page,
    browser,
    axe,
    client,
    smtp_server,
    lead,
    member_factory,
    municipality_factory,
):
    from ikz.workshop.models import Note, Workshop

    municipality_factory("05374020")
    invited = member_factory(municipality=municipality_factory("05374020"), email=INVITED,
                             first_name="Karla", last_name="Kollegin")  # fmt: skip
    # the colleague is signed in already (a login would accept an open invitation at once)
    other = browser.new_context(locale="de-DE", timezone_id="Europe/Berlin").new_page()
    other.context.set_default_timeout(15_000)
    _login(other, live_server, client.__class__(), invited)
    _login(page, live_server, client, lead)
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Werkstätten").click()
    axe(page)

    # open a Werkstatt; an unknown partner gets a German error, the input stays
    page.get_by_label("Titel der Werkstatt").fill("Gemeinsamer Bauhof")
    page.get_by_label("Aufgabenbereich").select_option("bauhof")
    page.get_by_label("Partner-Körperschaften").fill("05374020\nGibtsnichthausen")
    page.get_by_role("button", name="Werkstatt eröffnen").click()
    assert "„Gibtsnichthausen“ wurde im Register nicht gefunden" in page.locator("main").inner_text()
    assert page.get_by_label("Titel der Werkstatt").input_value() == "Gemeinsamer Bauhof"
    axe(page)
    page.get_by_label("Partner-Körperschaften").fill("05374020")
    page.get_by_role("button", name="Werkstatt eröffnen").click()
    page.wait_for_url(re.compile(r"/werkstatt/[0-9a-f-]{36}/$"))
    main = page.locator("main").inner_text()
    assert (
        "Nur die Mitglieder dieser Werkstatt sehen sie – auch die Redaktion nur, wenn sie eingeladen ist."
        in main
    )
    assert "Lindlar" in main
    axe(page)
    workshop = Workshop.objects.get()

    # invite; the mail arrives through the outbox and the real SMTP server
    page.get_by_label("E-Mail-Adresse").fill(INVITED)
    page.get_by_role("button", name="Einladung senden").click()
    assert f"Die Einladung an {INVITED} ist unterwegs" in page.locator("main").inner_text()
    axe(page)
    mail = smtp_server.wait_for(1) and smtp_server.to(INVITED)[0]
    link = re.search(r"(/werkstatt/einladung/[\w-]+/)", smtp_server.body(mail)).group(1)

    # anonymous: the link explains how to get in
    anonymous = browser.new_context(locale="de-DE").new_page()
    anonymous.goto(live_server.url + link)
    assert "Registrieren Sie sich mit genau dieser Adresse" in anonymous.locator("main").inner_text()
    axe(anonymous)
    anonymous.context.close()

    # the invited colleague accepts
    other.goto(live_server.url + link)
    axe(other)
    other.get_by_role("button", name="Einladung annehmen").click()
    other.wait_for_url(f"**/werkstatt/{workshop.key}/")
    assert "Willkommen in der Werkstatt „Gemeinsamer Bauhof“" in other.locator("main").inner_text()
    assert "Karla Kollegin ist der Werkstatt beigetreten" in other.locator("main").inner_text()
    anonymous = browser.new_context(locale="de-DE").new_page()
    anonymous.goto(live_server.url + link)  # once only
    assert "gilt nicht (mehr)" in anonymous.locator("main").inner_text()
    axe(anonymous)
    anonymous.context.close()

    # a note, then both edit it at the same time
    other.goto(live_server.url + f"/werkstatt/{workshop.key}/")
    other.get_by_label("Überschrift").fill("Zeitplan")
    other.get_by_label("Text").fill("Ratsbeschlüsse im März.")
    other.get_by_role("button", name="Notiz speichern").click()
    note = Note.objects.get()
    other.get_by_role("link", name=re.compile(r"Bearbeiten\W+Zeitplan")).click()
    axe(other)
    page.goto(live_server.url + f"/werkstatt/{workshop.key}/notizen/{note.pk}/")
    page.get_by_label("Text").fill("Ratsbeschlüsse im Februar.")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url(f"**/werkstatt/{workshop.key}/#notiz-{note.pk}")

    other.get_by_label("Text").fill("Ratsbeschlüsse im April.")
    other.get_by_role("button", name="Speichern").click()
    conflict = other.locator(".proj-conflict")
    assert "Lea Leitung" in conflict.inner_text() and "Ratsbeschlüsse im Februar." in conflict.inner_text()
    assert other.get_by_label("Text", exact=True).input_value() == "Ratsbeschlüsse im April."
    axe(other)
    other.get_by_role("button", name="Meine Fassung speichern").click()
    other.wait_for_url(f"**/werkstatt/{workshop.key}/#notiz-{note.pk}")
    note.refresh_from_db()
    assert note.text == "Ratsbeschlüsse im April." and note.updated_by == invited

    # the lead removes the colleague: her next click answers 404
    page.goto(live_server.url + f"/werkstatt/{workshop.key}/")
    page.get_by_role("button", name=re.compile(r"Entfernen\W+Karla Kollegin")).click()
    assert "Karla Kollegin gehört der Werkstatt nicht mehr an" in page.locator("main").inner_text()
    response = other.goto(live_server.url + f"/werkstatt/{workshop.key}/")
    assert response.status == 404
    other.context.close()

    # edit the Werkstatt's data
    page.get_by_role("link", name="Angaben bearbeiten").click()
    axe(page)
    page.get_by_label("Aufgabe", exact=True).fill("Ein Bauhof für beide Gemeinden.")
    page.get_by_role("button", name="Speichern").click()
    assert "Die Angaben der Werkstatt sind gespeichert." in page.locator("main").inner_text()

    # close and archive
    page.get_by_role("link", name="Werkstatt abschließen und archivieren").click()
    axe(page)
    page.get_by_role("button", name="Ja, Werkstatt abschließen und archivieren").click()
    assert "kann nur noch gelesen werden" in page.locator("main").inner_text()
    axe(page)
    page.get_by_role("link", name="Meine Werkstätten").click()
    assert "Abgeschlossene Werkstätten" in page.locator("main").inner_text()
    axe(page)


def test_assistant_result_into_a_new_workshop(
    live_server, home_page, page, axe, client, lead, municipality_factory
):
    from ikz.assistant.loader import rules_sync
    from ikz.workshop.models import Workshop

    rules_sync()
    municipality_factory("05374020")
    answers = [("bereich", "bauhof"), ("aufgabe", "Gemeinsamer Bauhof"), ("partner", "05374016"),
               ("partner", "05374020"), ("privat", "nein")]  # fmt: skip
    url = live_server.url + "/assistent/ergebnis/?" + urlencode(answers)
    page.goto(url)
    assert "Mitglieder des Portals können dieses Ergebnis" in page.locator("main").inner_text()
    _login(page, live_server, client, lead)
    page.goto(url)
    page.get_by_role("link", name="In eine Werkstatt übernehmen").click()
    axe(page)
    assert page.get_by_label("Titel der Werkstatt").input_value() == "Gemeinsamer Bauhof"
    page.get_by_role("button", name="Werkstatt eröffnen").click()
    page.wait_for_url(re.compile(r"/werkstatt/[0-9a-f-]{36}/$"))
    workshop = Workshop.objects.get()
    assert workshop.task_area.slug == "bauhof" and workshop.partners.count() == 2
    page.get_by_role("link", name="Ergebnis mit diesen Antworten neu berechnen").click()
    assert "Ergebnis des Kooperationsassistenten" in page.locator("h1").inner_text()
    assert "Gemeinsamer Bauhof" in page.locator("main").inner_text()
