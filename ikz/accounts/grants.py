"""What an account or a group may do, as a set of grants – so that nobody hands out more than
they hold themselves.

A grant is a model permission ("app.codename"), a Wagtail page or collection permission
("page", tree path, codename) or the superuser flag. A page or collection grant is covered by
the same permission on the node itself or on any node above it.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

SUPERUSER = ("superuser",)


def _model_grants(permissions) -> set:
    return {
        f"{app}.{codename}"
        for app, codename in permissions.values_list("content_type__app_label", "codename")
    }


def _tree_grants(groups: Q) -> set:
    from wagtail.models import GroupCollectionPermission, GroupPagePermission

    pages = GroupPagePermission.objects.filter(groups).values_list("page__path", "permission__codename")
    collections = GroupCollectionPermission.objects.filter(groups).values_list(
        "collection__path", "permission__codename"
    )
    return {("page", path, code) for path, code in pages} | {
        ("collection", path, code) for path, code in collections
    }


def group_grants(group: Group) -> set:
    return _model_grants(Permission.objects.filter(group=group)) | _tree_grants(Q(group=group))


def user_grants(user) -> set:
    """Everything the account holds, read fresh from the database."""
    from .models import User

    user = User.objects.get(pk=user.pk)
    grants = _model_grants(Permission.objects.filter(Q(group__user=user) | Q(user=user)).distinct())
    grants |= _tree_grants(Q(group__user=user))
    if user.is_superuser:
        grants.add(SUPERUSER)
    return grants


def _covered(grant, held: set) -> bool:
    if grant in held:
        return True
    if isinstance(grant, tuple) and len(grant) == 3:
        kind, path, code = grant
        return any(
            h[0] == kind and h[2] == code and path.startswith(h[1])
            for h in held
            if isinstance(h, tuple) and len(h) == 3
        )
    return False


def grants_beyond(*, held: set, before: set, after: set) -> set:
    """The grants added (after − before) that are not covered by `held` (the actor's grants,
    read before the save: an account editing itself must not count what it is adding)."""
    if SUPERUSER in held:
        return set()
    return {grant for grant in after - before if not _covered(grant, held)}


def grants_label(grants: set) -> str:
    names = []
    for grant in sorted(grants, key=str):
        if grant == SUPERUSER:
            names.append("Administrator (alle Rechte)")
        elif isinstance(grant, tuple):
            names.append(f"{'Seiten' if grant[0] == 'page' else 'Sammlungen'}: {grant[2]}")
        else:
            names.append(grant)
    return ", ".join(names)
