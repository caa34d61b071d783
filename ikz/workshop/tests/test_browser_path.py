"""The whole path in Chromium: open a Werkstatt → invite (real SMTP) → note → upload a document (a
refused one first) → publish as project → the Redaktion finds it in the moderation; axe on every page."""

import re

import pytest
from playwright.sync_api import expect

from ikz.library.docgen import Document, Paragraph, pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INVITED = "kollegin@lindlar.nrw.example"


@pytest.fixture(autouse=True)
def _file_root(settings, tmp_path):
    settings.WORKSHOP_FILE_ROOT = tmp_path / "werkstatt"


def _login(page, live_server, client, user):
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def test_from_opening_a_workshop_to_the_project_in_moderation(
    live_server, home_page, page, browser, axe, client, smtp_server, lead, editor, member_factory,
    municipality_factory,
):  # fmt: skip
    from ikz.projects.models import ModerationStatus, Project
    from ikz.workshop.models import Workshop, WorkshopDocument

    lindlar = municipality_factory("05374020")
    member_factory(municipality=lindlar, email=INVITED, first_name="Karla", last_name="Kollegin")
    _login(page, live_server, client, lead)
    page.goto(live_server.url + "/werkstatt/")
    axe(page)

    # open
    page.get_by_label("Titel der Werkstatt").fill("Gemeinsamer Bauhof")
    page.get_by_label("Aufgabenbereich").select_option("bauhof")
    page.get_by_label("Aufgabe", exact=True).fill("Ein Bauhof für Hückeswagen und Lindlar (Beispiel).")
    page.get_by_label("Partner-Körperschaften").fill("05374016\n05374020")
    page.get_by_role("button", name="Werkstatt eröffnen").click()
    page.wait_for_url(re.compile(r"/werkstatt/[0-9a-f-]{36}/$"))
    axe(page)
    workshop = Workshop.objects.get()

    # invite: the mail goes out through the outbox to the real SMTP server
    page.get_by_label("E-Mail-Adresse").fill(INVITED)
    page.get_by_role("button", name="Einladung senden").click()
    expect(page.get_by_text(f"Die Einladung an {INVITED} ist unterwegs")).to_be_visible()
    axe(page)
    mail = smtp_server.wait_for(1) and smtp_server.to(INVITED)[0]
    assert re.search(r"/werkstatt/einladung/[\w-]+/", smtp_server.body(mail))

    # a note
    page.get_by_label("Überschrift").fill("Ratsbeschlüsse")
    page.get_by_label("Text", exact=True).fill("Beide Räte beschließen im März.")
    page.get_by_role("button", name="Notiz speichern").click()
    expect(page.get_by_role("heading", name="Notiz: Ratsbeschlüsse")).to_be_visible()
    axe(page)

    # documents: a file whose content does not match is refused in German, the title stays
    page.get_by_role("link", name="Dokumente ansehen und hochladen").click()
    axe(page)
    page.get_by_label("Bezeichnung").fill("Vereinbarung (Entwurf)")
    page.get_by_label("Datei").set_input_files(
        {"name": "Vereinbarung.pdf", "mimeType": "application/pdf", "buffer": b"Nur Text, kein PDF"}
    )
    page.get_by_role("button", name="Dokument hochladen").click()
    expect(
        page.get_by_text("Der Inhalt von „Vereinbarung.pdf“ passt nicht zur Dateiendung „.pdf“.")
    ).to_be_visible()
    expect(page.get_by_label("Bezeichnung")).to_have_value("Vereinbarung (Entwurf)")
    axe(page)
    data = pdf_bytes(Document(title="Vereinbarung", blocks=[Paragraph("Beispiel")]))
    page.get_by_label("Datei").set_input_files(
        {"name": "Vereinbarung.pdf", "mimeType": "application/pdf", "buffer": data}
    )
    page.get_by_role("button", name="Dokument hochladen").click()
    expect(page.get_by_role("heading", name="Vereinbarung (Entwurf)", level=1)).to_be_visible()
    axe(page)
    document = WorkshopDocument.objects.get()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"Vereinbarung\.pdf herunterladen")).click()
    with open(download.value.path(), "rb") as fetched:
        assert fetched.read() == data

    # publish as project: prefilled from the Werkstatt, the document chosen for publication
    page.goto(live_server.url + f"/werkstatt/{workshop.key}/")
    page.get_by_role("link", name="Als Projekt veröffentlichen").click()
    axe(page)
    expect(page.get_by_label("Titel des Projekts")).to_have_value("Gemeinsamer Bauhof")
    expect(page.get_by_label("Kurzbeschreibung")).to_have_value(
        "Ein Bauhof für Hückeswagen und Lindlar (Beispiel)."
    )
    page.get_by_label("Rechtsform").select_option("oerv")
    page.get_by_label("Vereinbarung (Entwurf)").check()
    page.get_by_role("button", name="Projekt anlegen und zur Prüfung einreichen").click()
    page.wait_for_url(f"**/werkstatt/{workshop.key}/")
    expect(page.get_by_text("liegt der Redaktion zur Prüfung vor").first).to_be_visible()
    axe(page)
    project = Project.objects.get()
    assert project.moderation_status == ModerationStatus.SUBMITTED and not project.live
    assert [d.title for d in project.documents.all()] == [document.title]
    expect(page.get_by_role("link", name="„Gemeinsamer Bauhof“")).to_be_visible()

    # the Redaktion finds it in the moderation queue
    reviewer = browser.new_context(locale="de-DE", timezone_id="Europe/Berlin").new_page()
    reviewer.context.set_default_timeout(15_000)
    _login(reviewer, live_server, client.__class__(), editor)
    reviewer.goto(live_server.url + "/admin/projektpruefung/")
    expect(reviewer.get_by_text("Gemeinsamer Bauhof").first).to_be_visible()
    axe(reviewer)
    # … but not the Werkstatt itself: the Redaktion is not invited
    assert reviewer.goto(live_server.url + f"/werkstatt/{workshop.key}/").status == 404
    reviewer.context.close()
