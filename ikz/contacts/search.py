"""The Ansprechpartner in the portal search: institutional data only, never a person's details."""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save


def contact_entry(contact):
    from ikz.search.documents import IndexEntry

    parts = [contact.helps_with, " ".join(contact.address_lines)]
    return IndexEntry(
        source="contacts.contact",
        object_id=str(contact.pk),
        kind="contact",
        title=contact.name,
        url=contact.get_absolute_url(),
        body="\n".join(p for p in parts if p),
        context=f"Ansprechpartner {contact.get_kind_display()} {contact.kreis.display_name if contact.kreis_id else ''}",
        task_areas=[t.name for t in contact.task_areas.all()],
        regierungsbezirke=[contact.regierungsbezirk] if contact.regierungsbezirk else [],
    )


def _changed(sender, instance, raw=False, **kwargs):
    from ikz.search.registry import search_index_update

    if not raw:
        search_index_update(instance)


def _deleted(sender, instance, **kwargs):
    from ikz.search.registry import search_index_delete

    search_index_delete(instance)


def _register() -> None:
    if not apps.is_installed("ikz.search"):
        return
    from ikz.search.adapters import KIND_LABELS
    from ikz.search.registry import register

    from .models import Contact

    KIND_LABELS.setdefault("contact", "Ansprechpartner")
    register(
        Contact,
        contact_entry,
        public=lambda qs: qs.published(),
        prepare=lambda qs: qs.select_related("kreis").prefetch_related("task_areas"),
        source="contacts.contact",
    )
    post_save.connect(_changed, sender=Contact, dispatch_uid="search-save-contact")
    post_delete.connect(_deleted, sender=Contact, dispatch_uid="search-del-contact")
    m2m_changed.connect(_changed, sender=Contact.task_areas.through, dispatch_uid="search-m2m-contact")


_register()
