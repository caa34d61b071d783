"""The Redaktion's "E-Mail-Zustellung": undelivered mail is visible and can be sent again."""

import pytest

from ikz.core.outbox import MailStatus, OutgoingMail

pytestmark = pytest.mark.django_db

URL = "/admin/email-zustellung/"


@pytest.fixture
def failed_mail(db):
    return OutgoingMail.objects.create(
        purpose="accounts.password_reset",
        to=["anna@kommune.nrw.example"],
        subject="Neues Passwort für das IKZ-Portal NRW",
        text_body="Ihr Link: https://portal.example/konto/passwort/neu/MQ/geheim-123/",
        status=MailStatus.FAILED,
        attempts=8,
        last_error="SMTPServerDisconnected: Connection unexpectedly closed",
    )


def test_editor_sees_undelivered_mail_but_not_its_body(client, editor, failed_mail):
    client.force_login(editor)
    menu = client.get("/admin/").content.decode()
    assert "E-Mail-Zustellung (1 nicht zugestellt)" in menu
    listing = client.get(URL + "?status=failed").content.decode()
    assert "Neues Passwort für das IKZ-Portal NRW" in listing and "anna@kommune.nrw.example" in listing
    assert "Nicht zustellbar" in listing and "Erneut senden" in listing
    assert "Passwort zurücksetzen" in listing
    inspect = client.get(f"{URL}inspect/{failed_mail.pk}/").content.decode()
    assert "Connection unexpectedly closed" in inspect
    assert "geheim-123" not in listing + inspect  # a reset link is for its addressee alone


def test_editor_sends_an_undelivered_mail_again(client, editor, failed_mail, smtp_server):
    client.force_login(editor)
    confirm = client.get(f"{URL}{failed_mail.pk}/erneut-senden/")
    assert confirm.status_code == 200 and "Ja, erneut senden" in confirm.content.decode()
    response = client.post(f"{URL}{failed_mail.pk}/erneut-senden/", follow=True)
    assert "wird erneut gesendet" in response.content.decode()
    smtp_server.wait_for(1)
    assert "geheim-123" in smtp_server.body(smtp_server.to("anna@kommune.nrw.example")[0])
    failed_mail.refresh_from_db()
    assert failed_mail.status == MailStatus.SENT and failed_mail.text_body == ""
    # Delivered is delivered: a second click sends nothing.
    response = client.post(f"{URL}{failed_mail.pk}/erneut-senden/", follow=True)
    assert "kann nicht erneut gesendet werden" in response.content.decode()
    assert len(smtp_server.messages) == 1


def test_member_and_public_cannot_see_or_resend_mail(client, member, public_user, failed_mail):
    for user in (member, public_user):
        client.force_login(user)
        for url in (URL, f"{URL}inspect/{failed_mail.pk}/", f"{URL}{failed_mail.pk}/erneut-senden/"):
            response = client.get(url)
            assert response.status_code in (302, 403), (user, url)
        response = client.post(f"{URL}{failed_mail.pk}/erneut-senden/")
        assert response.status_code in (302, 403)
    failed_mail.refresh_from_db()
    assert failed_mail.status == MailStatus.FAILED


def test_nobody_edits_or_deletes_mail_in_the_admin(client, operator, failed_mail):
    client.force_login(operator)
    assert client.get(URL).status_code == 200
    for url in (f"{URL}edit/{failed_mail.pk}/", f"{URL}delete/{failed_mail.pk}/", f"{URL}new/"):
        assert client.get(url).status_code in (302, 403), url
