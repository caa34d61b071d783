"""Hooks for ikz/search/tests/test_visibility.py: a published Ansprechpartner in the index, and each
change that must take it out again (unpublished by the Redaktion, deleted)."""

ACTIONS = ["contact_unpublish", "contact_delete"]


def make(title: str, body: str):
    from ikz.contacts.models import Contact, ContactKind

    return Contact.objects.create(
        key="quarzwiesental", kind=ContactKind.REDAKTION, name=title, helps_with=body
    )


def act(action: str, contact) -> None:
    if action == "contact_unpublish":
        contact.live = False
        contact.save()
    elif action == "contact_delete":
        contact.delete()
    else:
        raise AssertionError(action)
