"""Forms that send mail to a typed-in address: throttled per address and per client, no relay for typed text."""

import pytest

from ikz.accounts.models import User

from .test_views import GOOD

pytestmark = pytest.mark.django_db

WAIT = "Bitte versuchen Sie es in 60 Minuten erneut."


@pytest.fixture
def register_page(client, home_page, roles, municipality_factory):
    for ags in ["05374", "05374020"]:
        municipality_factory(ags)
    return client


def test_password_reset_is_limited_per_address_and_answers_alike_for_unknown_ones(
    client, home_page, member, smtp_server
):
    answers = {}
    for email in (member.email, "niemand@kommune.nrw.example"):
        for _ in range(3):
            assert client.post("/konto/passwort/vergessen/", {"email": email}).status_code == 302
        refused = client.post("/konto/passwort/vergessen/", {"email": email.upper()})
        answers[email] = (refused.status_code, WAIT in refused.content.decode())
    # Whether the account exists cannot be told from the answer.
    assert answers[member.email] == answers["niemand@kommune.nrw.example"] == (429, True)
    smtp_server.wait_for(3)
    assert len(smtp_server.to(member.email)) == 3


def test_password_reset_is_limited_per_client_address(client, home_page, settings, smtp_server):
    settings.THROTTLE_RATES = {"accounts.password_reset:ip": (2, 600)}
    for n in range(2):
        assert (
            client.post("/konto/passwort/vergessen/", {"email": f"p{n}@kommune.example"}).status_code == 302
        )
    refused = client.post("/konto/passwort/vergessen/", {"email": "p9@kommune.example"})
    assert refused.status_code == 429
    assert "Bitte versuchen Sie es in 10 Minuten erneut." in refused.content.decode()
    # Another visitor is not affected.
    other = client.post(
        "/konto/passwort/vergessen/", {"email": "p9@kommune.example"}, REMOTE_ADDR="192.0.2.7"
    )
    assert other.status_code == 302


def test_resend_confirmation_is_limited_per_address_and_per_client(register_page, settings, smtp_server):
    client = register_page
    client.post("/konto/registrieren/", GOOD)
    smtp_server.wait_for(1)
    for _ in range(3):
        assert client.post("/konto/bestaetigen/erneut/", {"email": GOOD["email"]}).status_code == 302
    refused = client.post("/konto/bestaetigen/erneut/", {"email": GOOD["email"]}, REMOTE_ADDR="192.0.2.8")
    assert refused.status_code == 429 and WAIT in refused.content.decode()
    smtp_server.wait_for(4)
    assert len(smtp_server.to(GOOD["email"])) == 4  # registration + three resends, not more

    settings.THROTTLE_RATES = {"accounts.confirmation_resend:ip": (1, 3600)}
    assert (
        client.post(
            "/konto/bestaetigen/erneut/", {"email": "a@x.example"}, REMOTE_ADDR="192.0.2.9"
        ).status_code
        == 302
    )
    refused = client.post("/konto/bestaetigen/erneut/", {"email": "b@x.example"}, REMOTE_ADDR="192.0.2.9")
    assert refused.status_code == 429


def test_registration_is_limited_per_client_address(register_page, settings, smtp_server):
    settings.THROTTLE_RATES = {"accounts.register:ip": (2, 3600)}
    for n in range(2):
        response = register_page.post("/konto/registrieren/", {**GOOD, "email": f"neu{n}@kommune.example"})
        assert response.status_code == 302
    refused = register_page.post("/konto/registrieren/", {**GOOD, "email": "neu9@kommune.example"})
    assert refused.status_code == 429 and WAIT in refused.content.decode()
    assert not User.objects.filter(email="neu9@kommune.example").exists()


def test_registration_mail_carries_no_text_the_registering_person_typed(register_page, smtp_server):
    register_page.post(
        "/konto/registrieren/",
        {**GOOD, "first_name": "Gewinnbenachrichtigung", "last_name": "abholen unter betrug.example"},
    )
    smtp_server.wait_for(1)
    mail = smtp_server.to(GOOD["email"])[0]
    text = mail.as_string()
    assert "Gewinnbenachrichtigung" not in text and "betrug.example" not in text
    assert "/konto/bestaetigen/" in smtp_server.body(mail)
