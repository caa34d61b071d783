"""Who may open a Werkstatt and who may take part in one."""

from ikz.accounts.models import Membership
from ikz.accounts.roles import ROLE_ADMIN, ROLE_EDITOR


def is_portal_member(user) -> bool:
    """A confirmed Mitglied of a Körperschaft: the people who may open a Werkstatt."""
    if not user.is_authenticated or not user.is_active:
        return False
    cached = getattr(user, "_workshop_is_member", None)
    if cached is None:
        cached = Membership.objects.confirmed().filter(user=user).exists()
        user._workshop_is_member = cached
    return cached


def may_take_part(user) -> bool:
    """Who can be in a Werkstatt: an active account with a confirmed address that is a Mitglied or
    works in the Redaktion (which still sees a Werkstatt only when invited into it)."""
    if not user.is_authenticated or not user.is_active or user.email_confirmed_at is None:
        return False
    return is_portal_member(user) or user.groups.filter(name__in=[ROLE_EDITOR, ROLE_ADMIN]).exists()
