"""The whole way from registration to membership, in Chromium, with axe on every public page."""

import re

import pytest
from playwright.sync_api import expect

from ikz.accounts.fixtures import TEST_PASSWORD
from ikz.accounts.models import Membership, MembershipStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Gemeinsam-stark-2025"


@pytest.fixture
def portal(home_page, live_server, settings, smtp_server, municipality_factory, roles):
    settings.PORTAL_BASE_URL = live_server.url
    for ags in ["05374", "05374016", "05374020", "05111000"]:
        municipality_factory(ags)
    return live_server.url


def test_register_confirm_decide_and_see_membership(portal, page, axe, editor, smtp_server, browser):
    # Registration, with the register grouped by Kreis in a plain <select>.
    page.goto(f"{portal}/konto/registrieren/")
    axe(page)
    page.get_by_role("button", name="Konto anlegen").click()  # empty: German errors beside the fields
    expect(page.get_by_text("Bitte geben Sie Ihren Vornamen an.")).to_be_visible()
    axe(page)
    page.get_by_label("Vorname").fill("Nora")
    page.get_by_label("Nachname").fill("Neu")
    page.get_by_label("Funktion (freiwillig)").fill("Organisationsamt")
    page.get_by_label("Dienstliche E-Mail-Adresse").fill("nora.neu@hueckeswagen.nrw.example")
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_label("Passwort wiederholen").fill(PASSWORD)
    page.get_by_label("Körperschaft").select_option("05374016")
    page.get_by_label(re.compile("Datenschutzhinweis gelesen")).check()
    page.get_by_role("button", name="Konto anlegen").click()
    page.wait_for_url(f"{portal}/konto/registrieren/gesendet/")
    axe(page)

    # Not yet confirmed: login is refused with the way out.
    page.goto(f"{portal}/konto/anmelden/")
    axe(page)
    page.get_by_label("E-Mail-Adresse").fill("nora.neu@hueckeswagen.nrw.example")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_text("noch nicht bestätigt")).to_be_visible()
    page.get_by_role("link", name="Bestätigungsmail erneut senden").click()
    axe(page)

    # The confirmation link from the real mail.
    smtp_server.wait_for(1)
    link = re.search(r"http://\S+/konto/bestaetigen/\S+/", smtp_server.body(smtp_server.messages[0])).group(0)
    assert link.startswith(portal)
    page.goto(link)
    expect(page.get_by_role("heading", name="Ihre E-Mail-Adresse ist bestätigt")).to_be_visible()
    axe(page)
    membership = Membership.objects.get(user__email="nora.neu@hueckeswagen.nrw.example")
    assert membership.status == MembershipStatus.REQUESTED

    # The Redaktion decides in the Wagtail admin.
    editor_page = browser.new_context(locale="de-DE").new_page()
    editor_page.goto(f"{portal}/admin/login/")
    editor_page.fill("#id_username", editor.email)
    editor_page.fill("#id_password", TEST_PASSWORD)
    editor_page.locator("form button[type=submit]").first.click()
    editor_page.wait_for_url(f"{portal}/admin/")
    editor_page.get_by_role("link", name=re.compile(r"Mitgliedschaften \(1 offen\)")).first.click()
    editor_page.get_by_role("link", name="Bestätigen oder ablehnen").first.click()
    editor_page.get_by_label("Begründung (freiwillig)").fill("Beschäftigung bestätigt.")
    editor_page.get_by_role("button", name="Mitgliedschaft bestätigen").click()
    editor_page.wait_for_url(re.compile(r"/admin/mitgliedschaften/$"))
    expect(editor_page.get_by_text("Mitgliedschaft bestätigt").first).to_be_visible()
    editor_page.context.close()
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.CONFIRMED

    # The new member logs in and sees it.
    page.goto(f"{portal}/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill("Nora.Neu@hueckeswagen.nrw.example")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(f"{portal}/konto/")
    expect(page.get_by_role("cell", name="Mitglied (bestätigt)")).to_be_visible()
    expect(page.get_by_text("Rolle")).to_be_visible()
    expect(page.locator("dd", has_text="Mitglied").first).to_be_visible()
    axe(page)
    smtp_server.wait_for(3)  # confirmation, note to the Redaktion, decision
    assert "bestätigt" in smtp_server.to("nora.neu@hueckeswagen.nrw.example")[-1]["Subject"]

    # She leaves the Verwaltung and ends the membership herself, after being asked once more.
    page.get_by_role("link", name="Mitgliedschaft beenden").click()
    axe(page)
    page.get_by_role("button", name="Mitgliedschaft beenden").click()
    page.wait_for_url(f"{portal}/konto/")
    expect(page.get_by_text(re.compile(r"Ihre Mitgliedschaft für .*Hückeswagen ist beendet"))).to_be_visible()
    expect(page.get_by_role("cell", name=re.compile("beendet am"))).to_be_visible()
    axe(page)
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ENDED
    smtp_server.wait_for(4)
    assert "beendet" in smtp_server.to("nora.neu@hueckeswagen.nrw.example")[-1]["Subject"]


def test_password_reset_pages_are_accessible(portal, page, axe, member, smtp_server):
    page.goto(f"{portal}/konto/passwort/vergessen/")
    axe(page)
    page.get_by_label("E-Mail-Adresse").fill(member.email)
    page.get_by_role("button", name="Link anfordern").click()
    page.wait_for_url(f"{portal}/konto/passwort/vergessen/gesendet/")
    axe(page)
    smtp_server.wait_for(1)
    link = re.search(r"http://\S+/konto/passwort/neu/\S+/", smtp_server.body(smtp_server.messages[0])).group(
        0
    )
    page.goto(link)
    axe(page)
    page.get_by_label("Neues Passwort", exact=True).fill("Neu-und-sicher-2025")
    page.get_by_label("Neues Passwort bestätigen").fill("Neu-und-sicher-2025")
    page.get_by_role("button", name="Passwort speichern").click()
    page.wait_for_url(f"{portal}/konto/passwort/neu/fertig/")
    axe(page)


def test_locked_out_page_is_accessible(portal, page, axe, member):
    for _ in range(5):
        page.goto(f"{portal}/konto/anmelden/")
        page.get_by_label("E-Mail-Adresse").fill(member.email)
        page.get_by_label("Passwort").fill("falsch")
        page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", name="Anmeldung vorübergehend gesperrt")).to_be_visible()
    axe(page)
