"""Template helpers for pages outside the Werkstatt: the assistant's result, the account, the navigation."""

from urllib.parse import quote

from django import template
from django.urls import reverse

from ..permissions import is_portal_member

register = template.Library()


@register.filter
def may_open_workshop(user) -> bool:
    """Only for signed-in requests (which the page cache never stores)."""
    return getattr(user, "is_authenticated", False) and is_portal_member(user)


@register.filter
def shows_workshops(user) -> bool:
    """The navigation's link: for members, and for anyone already in a Werkstatt (an invited editor)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return is_portal_member(user) or user.workshop_memberships.exists()


@register.simple_tag
def workshop_adopt_url(query: str) -> str:
    return reverse("workshop:adopt") + ("?" + query if query else "")


@register.simple_tag
def workshop_login_url(query: str) -> str:
    """Login that continues to the adopt page with the same answers."""
    target = reverse("workshop:adopt") + ("?" + query if query else "")
    return reverse("accounts:login") + "?next=" + quote(target, safe="")


@register.simple_tag
def workshop_count(user) -> int:
    from ..selectors import workshops_of

    return workshops_of(user=user, archived=False).count() if user.is_authenticated else 0
