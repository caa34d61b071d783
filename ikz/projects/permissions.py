"""Who may do what with a project. Views call these and answer 403 when they say no."""

from ikz.accounts.models import Membership


def member_municipality_ids(user) -> set[int]:
    """The Körperschaften the person may act for: their confirmed memberships."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_project_municipality_ids", None)
    if cached is None:
        cached = set(
            Membership.objects.confirmed().filter(user=user).values_list("municipality_id", flat=True)
        )
        user._project_municipality_ids = cached
    return cached


def is_editor(user) -> bool:
    return user.is_authenticated and user.has_perm("projects.change_project")


def is_member(user) -> bool:
    return bool(member_municipality_ids(user))


def can_see_contacts(user) -> bool:
    return is_member(user) or is_editor(user)


def can_create(user) -> bool:
    return is_member(user) and user.has_perm("projects.add_project")


def participant_ids(project) -> set[int]:
    return {mid for mid in project.participants.values_list("municipality_id", flat=True) if mid}


def can_edit(user, project, *, participants: set[int] | None = None) -> bool:
    """Editors, and members of a participating Körperschaft (of the live version, or of the draft).
    `participants`: the project's participating Körperschaften, when the caller has loaded them."""
    if is_editor(user):
        return True
    mine = member_municipality_ids(user)
    if not mine:
        return False
    if mine & (participant_ids(project) if participants is None else participants):
        return True
    return not project.live and project.created_by_id == user.pk


def can_view(user, project) -> bool:
    return project.live or can_edit(user, project)


def can_moderate(user) -> bool:
    return is_editor(user) and user.has_perm("projects.publish_project")
