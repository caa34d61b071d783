"""Login throttling (django-axes): five failures lock an account, and lock an address."""

import pytest

from ikz.accounts.fixtures import TEST_PASSWORD

pytestmark = pytest.mark.django_db

LOCKED = "Anmeldung vorübergehend gesperrt"


def attempt(client, email, password, ip, url="/konto/anmelden/"):
    return client.post(url, {"username": email, "password": password}, REMOTE_ADDR=ip)


def fail_four_times_then_get_locked(client, emails, ips, url="/konto/anmelden/"):
    """Failures one to four show the form again; the fifth is counted and answered with the lock."""
    for i, (email, ip) in enumerate(zip(emails, ips, strict=True)):
        response = attempt(client, email, "falsch", ip, url=url)
        assert response.status_code == (429 if i == 4 else 200), i
    assert LOCKED in response.content.decode()


def test_five_failures_lock_the_account_from_any_address(client, home_page, member):
    fail_four_times_then_get_locked(client, [member.email] * 5, [f"10.0.0.{i}" for i in range(5)])
    # The right password from a fresh address is refused too: the account is locked.
    response = attempt(client, member.email, TEST_PASSWORD, "10.0.1.1")
    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKED in html and "in 15 Minuten" in html and '<html lang="de">' in html
    assert "_auth_user_id" not in client.session
    # Another account from yet another address is unaffected.
    assert attempt(client, "andere@kommune.nrw.example", "falsch", "10.0.2.1").status_code == 200


def test_five_failures_lock_the_address_for_every_account(client, home_page, member, editor):
    fail_four_times_then_get_locked(
        client, [f"rate{i}@kommune.nrw.example" for i in range(5)], ["192.0.2.7"] * 5
    )
    response = attempt(client, member.email, TEST_PASSWORD, "192.0.2.7")
    assert response.status_code == 429 and LOCKED in response.content.decode()
    # The same person from another address gets in: only the address is locked.
    assert attempt(client, member.email, TEST_PASSWORD, "192.0.2.8").status_code == 302


def test_email_case_does_not_get_around_the_account_lock(client, home_page, member):
    for i in range(5):
        email = member.email.upper() if i % 2 else member.email
        attempt(client, email, "falsch", f"10.1.0.{i + 1}")
    assert attempt(client, member.email.title(), TEST_PASSWORD, "10.1.1.1").status_code == 429


def test_success_resets_the_count(client, home_page, member):
    for _i in range(4):
        attempt(client, member.email, "falsch", "10.2.0.1")
    assert attempt(client, member.email, TEST_PASSWORD, "10.2.0.1").status_code == 302
    client.post("/konto/abmelden/")
    for _i in range(4):
        attempt(client, member.email, "falsch", "10.2.0.1")
    assert attempt(client, member.email, TEST_PASSWORD, "10.2.0.1").status_code == 302


def test_wagtail_admin_login_is_throttled_too(client, home_page, editor):
    fail_four_times_then_get_locked(
        client, [editor.email] * 5, [f"10.3.0.{i}" for i in range(5)], url="/admin/login/"
    )
    response = attempt(client, editor.email, TEST_PASSWORD, "10.3.1.1", url="/admin/login/")
    assert response.status_code == 429 and LOCKED in response.content.decode()
    # And the lock holds on the portal's own login form as well.
    assert attempt(client, editor.email, TEST_PASSWORD, "10.3.1.2").status_code == 429
