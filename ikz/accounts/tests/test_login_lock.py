"""The login lock cannot be reset by anybody but the account that fails.

Class: a success may clear only its own account's failures – under every combination of
the lock's settings and on both login forms (the portal's and Wagtail's), the failures an
attacker collects against somebody else's account keep counting.
"""

import pytest
from axes.models import AccessAttempt

from ikz.accounts.fixtures import TEST_PASSWORD
from ikz.accounts.roles import ROLE_EDITOR

pytestmark = pytest.mark.django_db

PORTAL = "/konto/anmelden/"
ADMIN = "/admin/login/"
ATTACKER_IP = "198.51.100.23"

LOCK_SETTINGS = {
    "per account or address": (["username", "ip_address"], True),
    "per account or address, no reset": (["username", "ip_address"], False),
    "per account": (["username"], True),
    "per address": (["ip_address"], True),
    "per account and address": ([["username", "ip_address"]], True),
    "combination or account": ([["username", "ip_address"], "username"], True),
}


def attempt(client, email, password, url, ip):
    return client.post(url, {"username": email, "password": password}, REMOTE_ADDR=ip)


@pytest.fixture
def victim(request, member, editor):
    return {"Mitglied": member, "Redaktion": editor}[request.param]


@pytest.mark.parametrize("lock", LOCK_SETTINGS.values(), ids=LOCK_SETTINGS.keys())
@pytest.mark.parametrize("victim", ["Mitglied", "Redaktion"], indirect=True)
@pytest.mark.parametrize("guess_url", [PORTAL, ADMIN])
@pytest.mark.parametrize("own_url", [PORTAL, ADMIN])
def test_logging_into_an_own_account_does_not_reset_the_failures_against_another(
    client, settings, home_page, user_factory, victim, lock, guess_url, own_url
):
    settings.AXES_LOCKOUT_PARAMETERS, settings.AXES_RESET_ON_SUCCESS = lock
    # An account that may use both forms (Wagtail's login wants admin access).
    attacker = user_factory(email="angreifer@kommune.nrw.example", groups=[ROLE_EDITOR], is_staff=True)
    for i in range(4):
        assert attempt(client, victim.email, f"falsch{i}", guess_url, ATTACKER_IP).status_code == 200
        # Logging into the own account between the guesses …
        assert attempt(client, attacker.email, TEST_PASSWORD, own_url, ATTACKER_IP).status_code == 302
        client.logout()
    # … leaves the victim's four failures standing: the fifth one locks.
    response = attempt(client, victim.email, "falsch5", guess_url, ATTACKER_IP)
    assert response.status_code == 429
    assert "Anmeldung vorübergehend gesperrt" in response.content.decode()
    # Even the right password gets nobody in from there now.
    assert attempt(client, victim.email, TEST_PASSWORD, PORTAL, ATTACKER_IP).status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("victim", ["Mitglied", "Redaktion"], indirect=True)
def test_guesses_from_many_addresses_still_lock_the_account(client, home_page, user_factory, victim):
    """Spread over addresses, each followed by an own login there, the guesses still add up."""
    attacker = user_factory(email="angreifer@kommune.nrw.example")
    for i in range(4):
        ip = f"198.51.100.{i + 1}"
        assert attempt(client, victim.email, "falsch", PORTAL, ip).status_code == 200
        assert attempt(client, attacker.email, TEST_PASSWORD, PORTAL, ip).status_code == 302
        client.logout()
    assert attempt(client, victim.email, "falsch", ADMIN, "198.51.100.9").status_code == 429
    assert attempt(client, victim.email, TEST_PASSWORD, PORTAL, "198.51.100.10").status_code == 429


def test_a_success_clears_the_own_failures_from_that_address_only(client, home_page, member):
    for ip in ("203.0.113.1", "203.0.113.2"):
        attempt(client, member.email, "falsch", PORTAL, ip)
    assert attempt(client, member.email.upper(), TEST_PASSWORD, PORTAL, "203.0.113.1").status_code == 302
    left = AccessAttempt.objects.values_list("username", "ip_address")
    assert list(left) == [(member.email, "203.0.113.2")]
