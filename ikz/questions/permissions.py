"""Who may read, ask, answer, follow and report in „Kommunen fragen Kommunen“.

Members are confirmed Mitglieder of a Körperschaft (the same rule as the Werkstatt's). The Redaktion
reads private threads too (it moderates them) and edits in the admin; it answers only as a member.
"""

from ikz.accounts.roles import ROLE_ADMIN, ROLE_EDITOR
from ikz.workshop.permissions import is_portal_member

__all__ = ["is_portal_member", "is_editor", "may_read_private", "may_read", "may_answer", "may_edit"]


def is_editor(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    cached = getattr(user, "_questions_is_editor", None)
    if cached is None:
        cached = user.is_superuser or user.groups.filter(name__in=[ROLE_EDITOR, ROLE_ADMIN]).exists()
        user._questions_is_editor = cached
    return cached


def may_moderate(user) -> bool:
    return user.is_authenticated and user.has_perm("questions.change_question")


def may_read_private(user) -> bool:
    return is_portal_member(user) or is_editor(user)


def may_read(user, question) -> bool:
    if question.is_hidden:
        return False
    return question.is_public or may_read_private(user)


def may_answer(user, question) -> bool:
    return is_portal_member(user) and may_read(user, question) and not question.is_locked


def may_edit(user, obj) -> bool:
    """Own question or answer, as long as the thread is open and the post not hidden."""
    question = getattr(obj, "question", obj)
    return (
        is_portal_member(user)
        and obj.author_id == user.pk
        and not obj.is_hidden
        and may_read(user, question)
        and not question.is_locked
    )


def may_follow(user, question) -> bool:
    return user.is_authenticated and user.email_confirmed_at is not None and may_read(user, question)
