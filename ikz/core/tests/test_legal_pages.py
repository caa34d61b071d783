"""Impressum, Datenschutzerklärung and Erklärung zur Barrierefreiheit as the set-up creates them.

Each page is checked for the sections it must have for a public body in NRW, for what it says
in them (every processing of the portal, the real supervisory and enforcement bodies), for
retention periods taken from the settings rather than written in, and for operator values that
are visibly marked as examples.
"""

import html
import re

import pytest
from playwright.sync_api import expect

from ikz.core.legal_pages import (
    ACCESSIBILITY_MAIL,
    DPO_MAIL,
    EXAMPLE,
    OPERATOR,
    OPERATOR_ADDRESS,
    OPERATOR_MAIL,
    OPERATOR_PHONE,
)

REQUIRED_HEADINGS = {
    "/impressum/": [
        "Anbieter",
        "Vertretung",
        "Kontakt",
        "Aufsichtsbehörde",
        "Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV",
        "Rechtsgrundlagen dieser Angaben",
        "Haftung für Inhalte und Links",
        "Urheberrecht und Datenquellen",
    ],
    "/datenschutz/": [
        "Verantwortliche Stelle",
        "Datenschutzbeauftragte",
        "Rechtsgrundlagen",
        "Was wir verarbeiten",
        "Cookies",
        "Empfänger",
        "Ihre Rechte",
        "Beschwerde bei der Aufsichtsbehörde",
    ],
    "/barrierefreiheit/": [
        "Geltungsbereich",
        "Stand der Vereinbarkeit mit den Anforderungen",
        "Nicht barrierefreie Inhalte",
        "Erstellung dieser Erklärung",
        "Feedback und Kontakt",
        "Durchsetzungsverfahren (Ombudsverfahren)",
    ],
}

# One subsection per thing the portal does with personal data.
PROCESSINGS = [
    "Besuch der Seiten und Server-Protokolle",
    "Benutzerkonto und Mitgliedschaft",
    "Anmeldung und Schutz vor Passwort-Raten",
    "Beiträge zur Projektdatenbank und Partnersuche",
    "Checklisten",
    "Hotline",
    "Newsletter",
    "Veranstaltungen",
    "Kommunen fragen Kommunen",
    "Kooperationswerkstatt und Förderprogramme",
    "E-Mails des Portals",
]


@pytest.fixture
def legal_site(db, settings):
    """The site as set up with retention periods that differ from every default."""
    from ikz.core.services import site_setup

    settings.HOTLINE_RETENTION_DAYS = 213
    settings.NEWSLETTER_CONFIRMATION_DAYS = 5
    settings.MAIL_LOG_RETENTION_DAYS = 61
    settings.MAIL_FAILED_BODY_RETENTION_DAYS = 11
    settings.EVENTS_RETENTION_DAYS = 47
    settings.AXES_FAILURE_LIMIT = 4
    settings.AXES_COOLOFF_TIME = 0.5
    return site_setup()


def _get(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def _headings(markup: str, level: int) -> list[str]:
    return [
        html.unescape(re.sub(r"<[^>]+>", "", m)).strip()
        for m in re.findall(rf"<h{level}\b[^>]*>(.*?)</h{level}>", markup, re.S)
    ]


def _text(markup: str) -> str:
    main = re.search(r"<article\b.*?</article>", markup, re.S).group(0)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", main)))


@pytest.mark.django_db
@pytest.mark.parametrize("path", REQUIRED_HEADINGS)
def test_each_legal_page_has_its_sections_as_headings(client, legal_site, path):
    markup = _get(client, "/")
    assert f'href="{path}"' in markup, "footer link missing"
    markup = _get(client, path)
    h2 = _headings(markup, 2)
    for heading in REQUIRED_HEADINGS[path]:
        assert heading in h2, (path, heading, h2)
    # Sections are real headings with anchors, listed in the page's table of contents.
    assert "Auf dieser Seite" in h2
    anchors = re.findall(r'<h2 id="(abschnitt-[^"]+)"', markup)
    assert len(anchors) == len(REQUIRED_HEADINGS[path]) + (path == "/impressum/") + (path == "/datenschutz/")
    for anchor in anchors:
        assert f'href="#{anchor}"' in markup
    assert re.search(r"Stand: \d{1,2}\. \w+ \d{4}", _text(markup)), "page has no date"


@pytest.mark.django_db
def test_privacy_statement_names_every_processing_with_basis_retention_and_rights(client, legal_site):
    markup = _get(client, "/datenschutz/")
    assert _headings(markup, 3) == PROCESSINGS
    text = _text(markup)
    for basis in (
        "Art. 6 Abs. 1 Satz 1 Buchst. e",
        "Art. 6 Abs. 1 Buchst. a DSGVO",
        "§ 3 des Datenschutzgesetzes",
    ):
        assert basis in text, basis
    # Retention periods and the login lock come from the settings of this installation.
    assert "Anhang nach 213 Tagen gelöscht" in text
    assert "Nicht bestätigte Anmeldungen werden nach 5 Tagen" in text
    assert "Double-Opt-in" in text
    assert "gelöscht, sobald sie zugestellt ist" in text and "nach 61 Tagen gelöscht" in text
    assert "nach 11 Tagen gelöscht" in text
    assert "47 Tage nach der Veranstaltung gelöscht" in text
    assert "Nach 4 erfolglosen Anmeldeversuchen" in text and "für 30 Minuten" in text
    assert "nur technisch notwendige Cookies" in text and "CSRF" in text
    for right in (
        "Art. 15",
        "Art. 16",
        "Art. 17",
        "Art. 18",
        "Art. 20",
        "Art. 21",
        "Art. 7 Abs. 3",
        "Art. 77",
    ):
        assert right in text, right
    assert "Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen" in text
    assert "Kavalleriestraße 2–4, 40213 Düsseldorf" in text
    assert 'href="https://www.ldi.nrw.de"' in markup


@pytest.mark.django_db
def test_accessibility_statement_is_honest_and_names_the_ombudsstelle(client, legal_site):
    markup = _get(client, "/barrierefreiheit/")
    text = _text(markup)
    for standard in ("BITVNRW", "BGG NRW", "EN 301 549", "WCAG 2.1"):
        assert standard in text, standard
    assert "teilweise vereinbar" in text
    # Known barriers are named, the maps first.
    barriers = re.search(r"Nicht barrierefreie Inhalte</h2>(.*?)<h2", markup, re.S).group(1)
    assert barriers.count("<li>") >= 4
    assert "Karten der Körperschaften (SVG)" in barriers
    assert re.search(r"Diese Erklärung wurde am .*?\d{4}.*? erstellt", text)
    assert f'href="mailto:{ACCESSIBILITY_MAIL}"' in markup and 'href="/hotline/"' in markup
    assert "sechs Wochen" in text
    assert "Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen" in text
    assert 'href="mailto:ombudsstelle-barrierefreie-it@mags.nrw.de"' in markup
    assert 'href="https://www.lbbp.nrw.de/ombudsstelle"' in markup
    assert "§ 10d BGG NRW" in text


@pytest.mark.django_db
def test_imprint_names_provider_representative_contact_and_its_legal_basis(client, legal_site):
    text = _text(_get(client, "/impressum/"))
    assert "§ 5 des Digitale-Dienste-Gesetzes (DDG" in text
    assert "§ 18 Abs. 1 und 2 des Medienstaatsvertrags" in text
    assert OPERATOR in text and OPERATOR_ADDRESS in text and OPERATOR_PHONE in text and OPERATOR_MAIL in text
    assert "dl-de/by-2-0" in text  # the attribution the register data requires


@pytest.mark.django_db
@pytest.mark.parametrize("path", REQUIRED_HEADINGS)
def test_every_operator_value_is_marked_as_example(client, legal_site, path):
    text = _text(_get(client, path))
    assert f"{EXAMPLE}:" in text  # the notice at the top
    found = 0
    for value in (OPERATOR, OPERATOR_ADDRESS, OPERATOR_PHONE, OPERATOR_MAIL, DPO_MAIL, ACCESSIBILITY_MAIL):
        for match in re.finditer(re.escape(value), text):
            found += 1
            following = text[match.end() : match.end() + 120]
            assert f"({EXAMPLE})" in following, (path, value, following)
    assert found >= 2


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_legal_pages_pass_axe(live_server, page, axe, home_page):
    for path in REQUIRED_HEADINGS:
        page.goto(live_server.url + path)
        expect(page.locator("h2", has_text=REQUIRED_HEADINGS[path][0]).first).to_be_visible()
        axe(page)
        page.set_viewport_size({"width": 360, "height": 800})
        assert (
            page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
        )
        axe(page)
        page.set_viewport_size({"width": 1280, "height": 900})
