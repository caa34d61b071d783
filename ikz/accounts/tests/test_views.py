import re

import pytest

from ikz.accounts.fixtures import TEST_PASSWORD
from ikz.accounts.models import Membership, User

pytestmark = pytest.mark.django_db

GOOD = {
    "first_name": "Nora",
    "last_name": "Neu",
    "email": "nora.neu@lindlar.nrw.example",
    "password1": "Gemeinsam-stark-2025",
    "password2": "Gemeinsam-stark-2025",
    "municipality": "05374020",
    "job_title": "",
    "privacy_consent": "on",
}


@pytest.fixture
def register_page(client, home_page, roles, municipality_factory):
    for ags in ["05374", "05374016", "05374020", "05111000"]:
        municipality_factory(ags)
    return client


def log_in(client, email, password) -> bool:
    response = client.post("/konto/anmelden/", {"username": email, "password": password})
    return response.status_code == 302


def errors_of(response) -> str:
    html = response.content.decode()
    return " ".join(re.findall(r'<ul class="errorlist"[^>]*>(.*?)</ul>', html, re.S))


def test_register_page_lists_register_grouped_by_kreis(register_page):
    html = register_page.get("/konto/registrieren/").content.decode()
    assert '<optgroup label="Kreisfreie Städte">' in html
    assert '<optgroup label="Oberbergischer Kreis">' in html
    assert '<option value="05374016">Stadt Hückeswagen</option>' in html
    assert '<option value="05374">Oberbergischer Kreis (Kreisverwaltung)</option>' in html
    assert 'href="/datenschutz/"' in html


def test_register_then_confirm_then_login(register_page, smtp_server):
    client = register_page
    response = client.post("/konto/registrieren/", GOOD)
    assert response.status_code == 302 and response["Location"] == "/konto/registrieren/gesendet/"
    assert "nora.neu@lindlar.nrw.example" in client.get(response["Location"]).content.decode()

    # Before confirming: no login, a German explanation and the resend link.
    response = client.post("/konto/anmelden/", {"username": GOOD["email"], "password": GOOD["password1"]})
    html = response.content.decode()
    assert response.status_code == 200
    assert "noch nicht bestätigt" in html and "Bestätigungsmail erneut senden" in html
    assert "_auth_user_id" not in client.session

    smtp_server.wait_for(1)
    link = re.search(r"http://\S+(/konto/bestaetigen/\S+/)", smtp_server.body(smtp_server.messages[0])).group(
        1
    )
    response = client.get(link)
    assert response.status_code == 200 and "ist bestätigt" in response.content.decode()
    assert Membership.objects.filter(user__email=GOOD["email"], municipality__ags="05374020").exists()

    response = client.post(
        "/konto/anmelden/", {"username": "Nora.Neu@lindlar.nrw.example", "password": GOOD["password1"]}
    )
    assert response.status_code == 302 and response["Location"] == "/konto/"
    html = client.get("/konto/").content.decode()
    assert "Gemeinde Lindlar" in html and "beantragt, wird geprüft" in html


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"first_name": ""}, "Bitte geben Sie Ihren Vornamen an."),
        ({"email": "kein-at-zeichen"}, "Bitte geben Sie eine gültige E-Mail-Adresse an"),
        ({"password2": "Anders-als-oben-1"}, "Die beiden Passwörter stimmen nicht überein."),
        ({"password1": "kurz", "password2": "kurz"}, "Dieses Passwort ist zu kurz"),
        (
            {"password1": "1234567890123", "password2": "1234567890123"},
            "Dieses Passwort ist komplett numerisch",
        ),
        ({"municipality": ""}, "Bitte wählen Sie die Körperschaft, für die Sie tätig sind."),
        ({"municipality": "99999999"}, "Diese Körperschaft gibt es im Verzeichnis nicht."),
        ({"privacy_consent": ""}, "Bitte bestätigen Sie, dass Sie den Datenschutzhinweis gelesen haben."),
    ],
)
def test_register_form_errors_are_german_and_next_to_fields(register_page, changes, message):
    data = {**GOOD, **changes}
    if not data["privacy_consent"]:
        del data["privacy_consent"]
    response = register_page.post("/konto/registrieren/", data)
    assert response.status_code == 200
    assert message in errors_of(response)
    assert "Bitte prüfen Sie Ihre Angaben." in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert not User.objects.exists()  # nothing half-saved


def test_register_duplicate_email_does_not_say_whose(register_page, member):
    response = register_page.post("/konto/registrieren/", {**GOOD, "email": member.email.upper()})
    assert "keine neue Registrierung möglich" in errors_of(response)
    assert member.get_full_name() not in response.content.decode()
    assert User.objects.filter(email__iexact=member.email).count() == 1


def test_resend_confirmation_answers_the_same_for_any_address(register_page, smtp_server):
    client = register_page
    client.post("/konto/registrieren/", GOOD)
    smtp_server.wait_for(1)
    for email in [GOOD["email"], "unbekannt@example.org"]:
        response = client.post("/konto/bestaetigen/erneut/", {"email": email}, follow=True)
        assert "Wenn zu dieser Adresse ein noch nicht bestätigtes Konto gehört" in response.content.decode()
    smtp_server.wait_for(2)
    assert len(smtp_server.messages) == 2


def test_broken_confirmation_link_offers_resend(client, home_page):
    response = client.get("/konto/bestaetigen/abc/")
    assert response.status_code == 400
    assert "Bestätigungsmail erneut senden" in response.content.decode()


def test_wrong_password_gives_german_error(client, home_page, member):
    response = client.post("/konto/anmelden/", {"username": member.email, "password": "falsch-falsch"})
    assert "E-Mail-Adresse oder Passwort sind nicht richtig" in response.content.decode()


def test_logout_is_post_only(client, home_page, member):
    client.force_login(member)
    assert client.get("/konto/abmelden/").status_code == 405
    assert client.post("/konto/abmelden/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_profile_requests_further_membership(client, home_page, member, municipality_factory, smtp_server):
    municipality_factory("05111000")
    client.force_login(member)
    html = client.get("/konto/").content.decode()
    assert "Stadt Hückeswagen" in html and "Mitglied (bestätigt)" in html and "Mitglied" in html

    response = client.post("/konto/", {"municipality": "05111000", "note": "Zweitjob"}, follow=True)
    assert "Ihr Antrag auf Mitgliedschaft für die Stadt Düsseldorf ist bei der Redaktion eingegangen." in (
        response.content.decode()
    )
    assert Membership.objects.filter(user=member, municipality__ags="05111000", status="requested").exists()

    response = client.post("/konto/", {"municipality": "05374016"})
    assert "bereits eine Mitgliedschaft oder einen offenen Antrag" in errors_of(response)


def test_password_reset_by_mail(client, home_page, member, smtp_server):
    response = client.post("/konto/passwort/vergessen/", {"email": member.email.upper()})
    assert response.status_code == 302
    smtp_server.wait_for(1)
    mail = smtp_server.to(member.email)[0]
    assert mail["Subject"] == "Neues Passwort für das IKZ-Portal NRW"
    path = re.search(r"http://\S+?(/konto/passwort/neu/\S+/\S+/)", smtp_server.body(mail)).group(1)
    response = client.get(path, follow=True)
    assert "Neues Passwort festlegen" in response.content.decode()
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "Neu-und-sicher-2025", "new_password2": "Neu-und-sicher-2025"}
    )
    assert response.status_code == 302 and response["Location"] == "/konto/passwort/neu/fertig/"
    assert not log_in(client, member.email, TEST_PASSWORD)
    assert log_in(client, member.email, "Neu-und-sicher-2025")


def test_password_reset_unknown_address_looks_the_same(client, home_page, smtp_server):
    response = client.post("/konto/passwort/vergessen/", {"email": "niemand@example.org"})
    assert response.status_code == 302 and response["Location"] == "/konto/passwort/vergessen/gesendet/"
    assert not smtp_server.messages
