"""Demo accounts for the demo set-up: one editor, one confirmed member."""

import os

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from ikz.municipalities.models import Municipality

from .models import Membership, MembershipStatus, User
from .roles import ROLE_EDITOR, ROLE_MEMBER, roles_sync

# Documented in README.md; override with IKZ_DEMO_PASSWORD for any shared demo.
DEMO_PASSWORD_DEFAULT = "IKZ-Demo-2025!"  # noqa: S105 - a public demo password by design
DEMO_EDITOR_EMAIL = "redaktion@ikz-portal.nrw.example"
DEMO_MEMBER_EMAIL = "mitglied@ikz-portal.nrw.example"
DEMO_MEMBER_AGS = "05374016"  # Stadt Hückeswagen (05374020 is Lindlar in the register)


def _demo_user(*, email: str, first_name: str, last_name: str, password: str, **extra) -> User:
    user = User.objects.filter(email__iexact=email).first() or User(username=email, email=email)
    user.first_name, user.last_name = first_name, last_name
    user.is_active = True
    user.email_confirmed_at = user.email_confirmed_at or timezone.now()
    for key, value in extra.items():
        setattr(user, key, value)
    user.set_password(password)
    user.save()
    return user


@transaction.atomic
def demo_accounts_create() -> list[tuple[str, str, str]]:
    """Create (or reset) the demo accounts; returns (role, e-mail, password) for the console."""
    password = os.environ.get("IKZ_DEMO_PASSWORD") or DEMO_PASSWORD_DEFAULT
    roles_sync()
    editor = _demo_user(
        email=DEMO_EDITOR_EMAIL,
        first_name="Rita",
        last_name="Redaktion",
        password=password,
        is_staff=True,
        job_title="Redaktion IKZ-Portal",
    )
    editor.groups.add(Group.objects.get(name=ROLE_EDITOR))

    member = _demo_user(
        email=DEMO_MEMBER_EMAIL,
        first_name="Max",
        last_name="Mitglied",
        password=password,
        job_title="Sachgebiet Organisation",
    )
    municipality = Municipality.objects.filter(ags=DEMO_MEMBER_AGS).first() or Municipality.objects.first()
    if municipality is not None:
        membership = Membership.objects.open_or_confirmed().filter(
            user=member, municipality=municipality
        ).first() or Membership(user=member, municipality=municipality)
        membership.status = MembershipStatus.CONFIRMED
        membership.decided_at = membership.decided_at or timezone.now()
        membership.decided_by = membership.decided_by or editor
        membership.save()
        member.groups.add(Group.objects.get(name=ROLE_MEMBER))
    return [(ROLE_EDITOR, editor.email, password), (ROLE_MEMBER, member.email, password)]
