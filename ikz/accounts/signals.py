"""Member rights follow the user administration, whichever way it is changed.

The services end memberships themselves. These receivers catch the other paths – the group
"Mitglied" unticked or the account deactivated in Wagtail's user form, the Django shell – so a
membership row never outlives the rights it stands for: it is ended with a record and the
person is told.
"""

from django.db.models.signals import m2m_changed, post_save

from .roles import ROLE_MEMBER

GROUP_REMOVED = "Gruppe „Mitglied“ in der Benutzerverwaltung entfernt"
DEACTIVATED = "Konto deaktiviert"


def _end_if_without_rights(user_ids, reason: str) -> None:
    from .models import Membership, User
    from .services import user_memberships_end

    candidates = Membership.objects.confirmed_rows().filter(user_id__in=user_ids).values("user_id")
    for user in User.objects.filter(pk__in=candidates):
        if not user.is_active or not user.groups.filter(name=ROLE_MEMBER).exists():
            user_memberships_end(user=user, by=None, reason=reason)


def user_groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    from django.contrib.auth.models import Group

    if action == "pre_clear":
        # After the clear nobody can tell who was in the group any more.
        instance._ikz_cleared_users = (
            set(instance.user_set.values_list("pk", flat=True)) if reverse else {instance.pk}
        )
        return
    if action not in ("post_remove", "post_clear"):
        return
    if action == "post_clear":
        if reverse and instance.name != ROLE_MEMBER:
            return
        user_ids = getattr(instance, "_ikz_cleared_users", set())
    elif reverse:  # group.user_set.remove(...)
        if instance.name != ROLE_MEMBER:
            return
        user_ids = pk_set
    else:  # user.groups.remove(...)
        if not Group.objects.filter(pk__in=pk_set, name=ROLE_MEMBER).exists():
            return
        user_ids = {instance.pk}
    _end_if_without_rights(user_ids, GROUP_REMOVED)


def user_saved(sender, instance, created, **kwargs):
    if not created and not instance.is_active:
        _end_if_without_rights({instance.pk}, DEACTIVATED)


def connect() -> None:
    from .models import User

    m2m_changed.connect(user_groups_changed, sender=User.groups.through, dispatch_uid="ikz.accounts.groups")
    post_save.connect(user_saved, sender=User, dispatch_uid="ikz.accounts.user_saved")
