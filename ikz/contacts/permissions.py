"""Who sees a contact's person details: confirmed members and the Redaktion."""

from ikz.accounts.models import Membership


def can_see_persons(user) -> bool:
    if not user.is_authenticated:
        return False
    if user.has_perm("contacts.change_contact"):
        return True
    return Membership.objects.confirmed().filter(user=user).exists()
