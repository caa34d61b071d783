from django import template

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
