"""The events' entry in the portal search (ikz/search), registered when that app is installed.

Public: published events without view restrictions, past ones included (the archive keeps their
materials). The body comes from the page's search_fields, which leave out the online link."""

from django.apps import apps


def register() -> None:
    if not apps.is_installed("ikz.search"):
        return
    from django.db.models.signals import post_delete
    from wagtail.signals import page_published, page_unpublished

    from ikz.search import adapters
    from ikz.search.registry import register as search_register

    from .models import EventPage

    search_register(
        EventPage,
        adapters.page_entry("event"),
        public=adapters.public_pages,
        prepare=lambda qs: qs.specific(),
    )
    page_published.connect(adapters._on_page_change, sender=EventPage, dispatch_uid="search-pub-EventPage")
    page_unpublished.connect(
        adapters._on_page_change, sender=EventPage, dispatch_uid="search-unpub-EventPage"
    )
    post_delete.connect(adapters._on_delete, sender=EventPage, dispatch_uid="search-del-EventPage")
