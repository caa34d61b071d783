"""Login answers the same, with the same work, whether or not the account exists.

An unconfirmed account, a wrong password, an unknown address, a deactivated account and
one without a usable password must all get the same page and run the password hasher
exactly once – counted, not timed.
"""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher

from ikz.accounts.fixtures import TEST_PASSWORD

pytestmark = pytest.mark.django_db

INVALID = "E-Mail-Adresse oder Passwort sind nicht richtig."


class CountingHasher(MD5PasswordHasher):
    """The test suite's hasher, counting how often a password is hashed."""

    calls = 0

    def encode(self, password, salt):
        type(self).calls += 1
        return super().encode(password, salt)


@pytest.fixture
def counting_hasher(settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    CountingHasher.calls = 0
    return CountingHasher


@pytest.fixture
def accounts(user_factory):
    user_factory(email="bestaetigt@kommune.nrw.example")
    user_factory(email="offen@kommune.nrw.example", is_active=False, email_confirmed_at=None)
    user_factory(email="deaktiviert@kommune.nrw.example", is_active=False)
    no_password = user_factory(email="ohnepasswort@kommune.nrw.example")
    no_password.set_unusable_password()
    no_password.save()


def login(client, url, email, password):
    return client.post(url, {"username": email, "password": password}, REMOTE_ADDR="192.0.2.50")


@pytest.mark.parametrize("url", ["/konto/anmelden/", "/admin/login/"])
@pytest.mark.parametrize(
    "email",
    [
        "bestaetigt@kommune.nrw.example",
        "offen@kommune.nrw.example",
        "deaktiviert@kommune.nrw.example",
        "ohnepasswort@kommune.nrw.example",
        "unbekannt@kommune.nrw.example",
    ],
)
def test_a_refused_login_hashes_once_and_says_the_same(
    client, home_page, accounts, counting_hasher, url, email
):
    counting_hasher.calls = 0
    response = login(client, url, email, "falsches-Passwort")
    assert counting_hasher.calls == 1
    assert response.status_code == 200
    if url == "/konto/anmelden/":
        html = response.content.decode()
        assert INVALID in html and "noch nicht bestätigt" not in html
    assert "_auth_user_id" not in client.session


def test_the_right_password_of_an_unconfirmed_account_explains_and_hashes_once(
    client, home_page, accounts, counting_hasher
):
    """Whoever knows the password may learn that the address still needs confirming."""
    counting_hasher.calls = 0
    response = login(client, "/konto/anmelden/", "offen@kommune.nrw.example", TEST_PASSWORD)
    assert counting_hasher.calls == 1
    assert "noch nicht bestätigt" in response.content.decode()
    assert "_auth_user_id" not in client.session
