import re

import pytest
from django.core.exceptions import ValidationError

from ikz.accounts import services
from ikz.accounts.models import Membership, MembershipStatus, User
from ikz.accounts.roles import ROLE_MEMBER, ROLE_PUBLIC
from ikz.accounts.tokens import InvalidToken, email_confirmation_token_make

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+/konto/bestaetigen/[^/\s]+/")


def register(municipality, email="neu@kommune.nrw.example"):
    return services.user_register(
        email=email,
        password="Gemeinsam-stark-2025",
        first_name="Nora",
        last_name="Neu",
        municipality=municipality,
        job_title="Organisationsamt",
    )


def confirm_link(smtp_server, email):
    mails = smtp_server.to(email)
    assert mails, f"keine Mail an {email}"
    return LINK.search(smtp_server.body(mails[-1])).group(0)


def test_register_creates_inactive_account_and_sends_confirmation(smtp_server, municipality_factory, roles):
    user = register(municipality_factory("05374016"), email="Neu@Kommune.NRW.example")
    assert user.email == "neu@kommune.nrw.example"
    assert not user.is_active and user.email_confirmed_at is None
    assert user.privacy_consented_at is not None
    assert not Membership.objects.exists()  # only after confirmation

    smtp_server.wait_for(1)
    msg = smtp_server.to("neu@kommune.nrw.example")[0]
    assert "bestätigen" in msg["Subject"]
    assert msg.get_body(preferencelist=("html",)) is not None  # HTML alternative
    assert "3 Tage gültig" in smtp_server.body(msg)
    assert LINK.search(smtp_server.body(msg))


def test_register_duplicate_email_is_refused_case_insensitively(smtp_server, municipality_factory, roles):
    register(municipality_factory())
    with pytest.raises(services.EmailAlreadyRegistered):
        register(municipality_factory(), email="NEU@kommune.nrw.example")
    assert User.objects.count() == 1


def test_confirm_email_activates_and_files_membership_request(
    smtp_server, municipality_factory, roles, settings
):
    settings.IKZ_EDITORIAL_EMAIL = "redaktion@test.example"
    municipality = municipality_factory("05374016")
    register(municipality)
    smtp_server.wait_for(1)
    token = confirm_link(smtp_server, "neu@kommune.nrw.example").rstrip("/").rsplit("/", 1)[1]

    user = services.user_email_confirm(token=token)
    assert user.is_active and user.email_confirmed_at
    assert list(user.groups.values_list("name", flat=True)) == [ROLE_PUBLIC]
    membership = Membership.objects.get(user=user)
    assert membership.municipality == municipality and membership.status == MembershipStatus.REQUESTED

    smtp_server.wait_for(2)
    note = smtp_server.to("redaktion@test.example")[0]
    assert "Hückeswagen" in note["Subject"]
    body = smtp_server.body(note)
    assert "neu@kommune.nrw.example" in body and "/admin/mitgliedschaften/edit/" in body

    # A second click changes nothing.
    services.user_email_confirm(token=token)
    assert Membership.objects.count() == 1


def test_confirm_email_rejects_forged_and_expired_tokens(smtp_server, municipality_factory, roles, settings):
    user = register(municipality_factory())
    with pytest.raises(InvalidToken):
        services.user_email_confirm(token="kaputt")
    token = email_confirmation_token_make(user_id=user.pk, email="other@example.org")
    with pytest.raises(InvalidToken):
        services.user_email_confirm(token=token)

    from datetime import timedelta
    from unittest import mock

    from django.utils import timezone

    token = email_confirmation_token_make(user_id=user.pk, email=user.email)
    later = timezone.now() + timedelta(days=4)
    with (
        mock.patch("django.core.signing.time.time", return_value=later.timestamp()),
        pytest.raises(InvalidToken) as exc,
    ):
        services.user_email_confirm(token=token)
    assert exc.value.expired
    user.refresh_from_db()
    assert not user.is_active


def test_membership_confirm_makes_member_and_tells_the_person(
    smtp_server, public_user, editor, municipality_factory
):
    membership = services.membership_request(user=public_user, municipality=municipality_factory("05111000"))
    services.membership_confirm(membership=membership, by=editor)
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.CONFIRMED
    assert membership.decided_by == editor and membership.decided_at
    assert set(public_user.groups.values_list("name", flat=True)) == {ROLE_MEMBER}

    smtp_server.wait_for(2)
    mail = smtp_server.to(public_user.email)[-1]
    assert "bestätigt" in mail["Subject"] and "Düsseldorf" in mail["Subject"]

    with pytest.raises(ValidationError):
        services.membership_reject(membership=membership, by=editor, reason="zu spät")


def test_membership_reject_keeps_person_out_and_sends_reason(
    smtp_server, public_user, editor, municipality_factory
):
    membership = services.membership_request(user=public_user, municipality=municipality_factory())
    services.membership_reject(membership=membership, by=editor, reason="Nicht bei der Stadt beschäftigt.")
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.REJECTED
    assert not public_user.groups.filter(name=ROLE_MEMBER).exists()
    smtp_server.wait_for(2)
    mail = smtp_server.to(public_user.email)[-1]
    assert "abgelehnt" in mail["Subject"]
    assert "Nicht bei der Stadt beschäftigt." in smtp_server.body(mail)
    # After a rejection the person may ask again.
    services.membership_request(user=public_user, municipality=municipality_factory())


def test_membership_request_twice_is_refused(smtp_server, member, municipality_factory):
    with pytest.raises(ValidationError):
        services.membership_request(user=member, municipality=municipality_factory("05374016"))


def test_resend_confirmation_only_for_unconfirmed(smtp_server, municipality_factory, roles, member):
    register(municipality_factory())
    smtp_server.wait_for(1)
    assert services.user_confirmation_resend(email="NEU@kommune.nrw.example")
    smtp_server.wait_for(2)
    assert len(smtp_server.to("neu@kommune.nrw.example")) == 2
    assert not services.user_confirmation_resend(email=member.email)
    assert not services.user_confirmation_resend(email="niemand@example.org")
