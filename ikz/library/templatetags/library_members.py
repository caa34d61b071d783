from django import template

from ..members import can_see_members_only
from ..members import visible_documents as _visible_documents

register = template.Library()


@register.simple_tag(takes_context=True)
def visible_documents(context, page):
    """The files of `page` the requesting person may have; members-only files only for members."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    return _visible_documents(page, user)


@register.simple_tag(takes_context=True)
def hidden_documents(context, page) -> int:
    """How many files of `page` are kept from the requesting person (members-only files)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is not None and can_see_members_only(user):
        return 0
    return page.documents.filter(members_only=True).count()
