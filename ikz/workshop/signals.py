"""Pending invitations are accepted when the invited person may take part: at the confirmation of
their membership by the Redaktion and at every login (see services.invitations_accept_pending)."""

from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models.signals import post_save


def _accept_at_login(sender, request, user, **kwargs):
    from .services import invitations_accept_pending

    for workshop in invitations_accept_pending(user=user):
        if request is not None and hasattr(request, "_messages"):
            messages.success(request, f"Sie gehören jetzt zur Werkstatt „{workshop.title}“.")


def _accept_at_membership_confirmed(sender, instance, **kwargs):
    from ikz.accounts.models import MembershipStatus

    if instance.status != MembershipStatus.CONFIRMED:
        return

    def accept():
        from .services import invitations_accept_pending

        user = type(instance.user).objects.get(pk=instance.user_id)  # fresh: groups just changed
        invitations_accept_pending(user=user)

    # After the commit: the confirming service adds the group "Mitglied" after saving the row.
    transaction.on_commit(accept)


def connect() -> None:
    from ikz.accounts.models import Membership

    user_logged_in.connect(_accept_at_login, dispatch_uid="ikz.workshop.accept_at_login")
    post_save.connect(
        _accept_at_membership_confirmed, sender=Membership, dispatch_uid="ikz.workshop.accept_at_confirm"
    )
