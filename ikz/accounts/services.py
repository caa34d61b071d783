"""Writes of the accounts app: registration, e-mail confirmation, memberships and their end."""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ikz.municipalities.models import Municipality

from . import emails
from .models import Membership, MembershipStatus, User
from .roles import ROLE_MEMBER, ROLE_PUBLIC
from .signals import DEACTIVATED
from .tokens import InvalidToken, email_confirmation_token_read


class EmailAlreadyRegistered(ValidationError):
    pass


def _username_for(email: str) -> str:
    # Django's username stays required and unique; people never see or type it.
    return email if len(email) <= 150 else email[:150]


@transaction.atomic
def user_register(
    *,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
    municipality: Municipality,
    job_title: str = "",
) -> User:
    """Create an inactive account and send the confirmation mail.

    The Körperschaft becomes a membership request once the address is confirmed.
    """
    email = User.objects.normalize_email(email).strip().lower()
    if User.objects.filter(email__iexact=email).exists() or User.objects.filter(username=email).exists():
        raise EmailAlreadyRegistered("E-Mail-Adresse bereits registriert", code="duplicate")
    now = timezone.now()
    user = User(
        username=_username_for(email),
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        job_title=job_title.strip(),
        stated_municipality=municipality,
        privacy_consented_at=now,
        is_active=False,
    )
    user.set_password(password)
    user.full_clean(exclude=["password", "username"])
    user.save()
    emails.email_confirmation_send(user=user)
    return user


def user_confirmation_resend(*, email: str) -> bool:
    """Send the confirmation mail again if an unconfirmed account has this address.

    Returns whether a mail was sent; callers must not show this to the visitor.
    """
    user = User.objects.filter(email__iexact=email.strip(), email_confirmed_at__isnull=True).first()
    if user is None:
        return False
    emails.email_confirmation_send(user=user)
    return True


@transaction.atomic
def user_email_confirm(*, token: str) -> User:
    """Confirm the address behind a link, activate the account, file the membership request.

    Raises tokens.InvalidToken for a broken or expired link. Confirming twice changes nothing.
    """
    user_id, email = email_confirmation_token_read(token)
    user = User.objects.select_for_update().filter(pk=user_id, email__iexact=email).first()
    if user is None:
        raise InvalidToken()
    if user.email_confirmed_at is not None:
        return user
    user.email_confirmed_at = timezone.now()
    user.is_active = True
    user.save(update_fields=["email_confirmed_at", "is_active"])
    user.groups.add(Group.objects.get_or_create(name=ROLE_PUBLIC)[0])
    if user.stated_municipality_id:
        membership_request(user=user, municipality=user.stated_municipality)
    return user


@transaction.atomic
def membership_request(*, user: User, municipality: Municipality, note: str = "") -> Membership:
    """Ask to be confirmed as member of a Körperschaft; the Redaktion is notified."""
    if Membership.objects.open_or_confirmed().filter(user=user, municipality=municipality).exists():
        raise ValidationError(
            "Für diese Körperschaft haben Sie bereits eine Mitgliedschaft oder einen offenen Antrag.",
            code="duplicate",
        )
    membership = Membership.objects.create(user=user, municipality=municipality, note=note.strip())
    emails.membership_requested_notify(membership=membership)
    return membership


def _decide(*, membership: Membership, by: User, status: str, reason: str) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != MembershipStatus.REQUESTED:
        raise ValidationError("Über diesen Antrag wurde bereits entschieden.", code="decided")
    membership.status = status
    membership.decided_at = timezone.now()
    membership.decided_by = by
    membership.reason = reason.strip()
    membership.save(update_fields=["status", "decided_at", "decided_by", "reason"])
    return membership


@transaction.atomic
def membership_confirm(*, membership: Membership, by: User, reason: str = "") -> Membership:
    """Confirm a request: the person joins the group "Mitglied" and is told so."""
    membership = _decide(membership=membership, by=by, status=MembershipStatus.CONFIRMED, reason=reason)
    _member_group_sync(user=membership.user)
    emails.membership_decided_notify(membership=membership)
    return membership


@transaction.atomic
def membership_reject(*, membership: Membership, by: User, reason: str = "") -> Membership:
    """Reject a request; the person is told, with the reason if one is given."""
    membership = _decide(membership=membership, by=by, status=MembershipStatus.REJECTED, reason=reason)
    emails.membership_decided_notify(membership=membership)
    return membership


def _member_group_sync(*, user: User) -> None:
    """The group "Mitglied" follows the memberships: held exactly while one is confirmed."""
    member_group = Group.objects.get_or_create(name=ROLE_MEMBER)[0]
    if Membership.objects.confirmed_rows().filter(user=user).exists():
        user.groups.add(member_group)
        user.groups.remove(*Group.objects.filter(name=ROLE_PUBLIC))
    else:
        user.groups.remove(member_group)
        user.groups.add(Group.objects.get_or_create(name=ROLE_PUBLIC)[0])


@transaction.atomic
def membership_end(
    *, membership: Membership, by: User | None, reason: str = "", notify: bool = True
) -> Membership:
    """End a confirmed membership (the Redaktion, the person themself, or the user administration).

    The row stays as a record with who ended it, when and why; the person loses the rights for
    this Körperschaft at once, and the group "Mitglied" when no other membership remains.
    """
    membership = (
        Membership.objects.select_for_update().select_related("user", "municipality").get(pk=membership.pk)
    )
    if membership.status != MembershipStatus.CONFIRMED:
        raise ValidationError("Diese Mitgliedschaft besteht nicht (mehr).", code="not_confirmed")
    membership.status = MembershipStatus.ENDED
    membership.ended_at = timezone.now()
    membership.ended_by = by
    membership.end_reason = reason.strip()
    membership.save(update_fields=["status", "ended_at", "ended_by", "end_reason"])
    _member_group_sync(user=membership.user)
    if notify:
        emails.membership_ended_notify(membership=membership)
    return membership


@transaction.atomic
def user_memberships_end(*, user: User, by: User | None, reason: str) -> list[Membership]:
    """End every confirmed membership of a person (deactivation, group taken away)."""
    return [
        membership_end(membership=membership, by=by, reason=reason)
        for membership in Membership.objects.confirmed_rows().filter(user=user)
    ]


@transaction.atomic
def user_deactivate(*, user: User, by: User | None, reason: str = "") -> User:
    """Lock an account (e.g. the person has left): no login, no member rights, memberships ended."""
    user_memberships_end(user=user, by=by, reason=reason or DEACTIVATED)
    user.is_active = False
    user.save(update_fields=["is_active"])
    return user
