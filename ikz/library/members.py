"""„Nur für Mitglieder“ in the Wissensdatenbank (decision 0021-mitgliederbereich).

An entry with `members_only` shows the public – and logged-in people without a confirmed
membership – a teaser: title, kind, summary and a hint how to log in or become a member
(served by the `before_serve_page` hook below, for every address of the entry, sub-pages of
laws and checklists included). Its content and files are for confirmed members and the
Redaktion. A file with `members_only` on a public entry is hidden the same way. Such entries stay
in the listings as teasers and the feeds carry the teaser; the public search index leaves them
out (ikz.search.adapters.public_pages) and never indexes a members-only file's text.
"""

from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control

from ikz.accounts.models import Membership


def is_confirmed_member(user) -> bool:
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_library_confirmed_member", None)
    if cached is None:
        cached = Membership.objects.confirmed().filter(user=user).exists()
        user._library_confirmed_member = cached
    return cached


def can_see_members_only(user) -> bool:
    """Confirmed members, and the Redaktion (whoever may enter the editors' area)."""
    return user.is_authenticated and (is_confirmed_member(user) or user.has_perm("wagtailadmin.access_admin"))


def entry_document_members_only(row, owner) -> bool:
    return bool(row.members_only)


def entry_locked(page, user) -> bool:
    return bool(getattr(page, "members_only", False)) and not can_see_members_only(user)


def visible_documents(page, user) -> list:
    """The files of `page` this person may have (members-only files left out for the others)."""
    items = list(page.documents.select_related("document"))
    if can_see_members_only(user):
        return items
    return [item for item in items if not item.members_only]


def serve_teaser(page, request, serve_args, serve_kwargs):
    """Wagtail hook (before_serve_page): a members-only entry answers with its teaser unless the
    person may see it. Logged-in people's answers are private anyway; the teaser for the public
    is what the page cache may keep."""
    specific = page.specific
    if not entry_locked(specific, request.user):
        return None
    response = TemplateResponse(
        request, "library/members_only_teaser.html", {"page": specific, "self": specific}
    )
    if request.user.is_authenticated:
        patch_cache_control(response, private=True, no_store=True)
    return response
