"""Registering for an event in the browser, from the list to the cancellation; axe on every page."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_confirm_see_access_and_cancel_in_the_browser(
    live_server, page, axe, events_index, event_factory, smtp_server, settings
):
    settings.PORTAL_BASE_URL = live_server.url
    event_factory("Online-Sprechstunde Zweckverband", capacity=20, intro="Fragen und Antworten")
    event_factory("Fachtag Bauhof (vergangen)", days=-20, recording_url="https://video.example/bauhof")

    page.goto(live_server.url + "/veranstaltungen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Veranstaltungen")
    axe(page)
    page.get_by_role("link", name="Online-Sprechstunde Zweckverband").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Online-Sprechstunde Zweckverband")
    expect(page.get_by_text("noch 20 frei")).to_be_visible()
    assert "geheim-123" not in page.content()
    axe(page)

    # A wrong address: announced, nothing stored.
    page.get_by_label("Ihr Name").fill("Erika Muster")
    page.get_by_label("Ihre E-Mail-Adresse").fill("erika-at-kommune")
    page.get_by_label(re.compile("Ich bin einverstanden")).check()
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_text("Bitte geben Sie eine gültige E-Mail-Adresse ein")).to_be_visible()
    axe(page)

    page.get_by_label("Ihre E-Mail-Adresse").fill("erika@kommune.nrw.example")
    page.get_by_label("Körperschaft (freiwillig)").fill("Stadt Hückeswagen")
    page.get_by_label(re.compile("Ich bin einverstanden")).check()
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", name="Fast geschafft")).to_be_visible()
    axe(page)

    mail = smtp_server.wait_for(1)[0]
    page.goto(
        re.search(r"(http\S+/veranstaltungen/anmeldung/bestaetigen/\S+/)", smtp_server.body(mail)).group(1)
    )
    expect(page.get_by_role("heading", name="Sie sind angemeldet")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Zu Ihrer Anmeldung").click()
    expect(page.locator(".event-access")).to_have_text("https://konferenz.example/geheim-123")
    expect(page.locator(".event-status")).to_have_text("angemeldet")
    axe(page)

    page.get_by_role("button", name="Von der Veranstaltung abmelden").click()
    expect(page.locator("main").get_by_role("status")).to_contain_text("abgemeldet")
    axe(page)

    from ikz.events.models import Registration

    registration = Registration.objects.get()
    assert (registration.name, registration.organisation, registration.status) == (
        "Erika Muster",
        "Stadt Hückeswagen",
        "cancelled",
    )

    page.goto(live_server.url + "/veranstaltungen/archiv/")
    expect(page.get_by_role("link", name="Aufzeichnung ansehen")).to_be_visible()
    axe(page)
