"""A server error reaches the operators (ADMINS) by mail, and the 500 page says only what is true."""

import pytest
from django.urls import path


def broken_view(request):
    raise RuntimeError("Absichtlicher Fehler für den Test")


urlpatterns = [path("kaputt/", broken_view)]


def test_admins_are_read_from_the_environment(monkeypatch):
    from config.settings.base import env_admins

    monkeypatch.setenv("ADMINS", "Anna Betrieb <anna@betrieb.example>, ops@betrieb.example , kein-eintrag")
    assert env_admins("ADMINS") == [("Anna Betrieb", "anna@betrieb.example"), ("", "ops@betrieb.example")]
    monkeypatch.setenv("ADMINS", "")
    assert env_admins("ADMINS") == []


@pytest.mark.urls("ikz.core.tests.test_error_mail")
def test_a_server_error_is_mailed_to_the_operators(client, settings, smtp_server, db):
    settings.DEBUG = False
    settings.ADMINS = [("Betrieb", "betrieb@ikz-portal.nrw.example")]
    client.raise_request_exception = False
    response = client.get("/kaputt/?q=1")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Der Fehler wurde protokolliert" in page and "benachrichtigt" not in page
    smtp_server.wait_for(1)
    mail = smtp_server.to("betrieb@ikz-portal.nrw.example")[0]
    assert "/kaputt/" in mail["Subject"]
    assert "Absichtlicher Fehler für den Test" in smtp_server.body(mail)
