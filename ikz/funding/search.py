"""The programmes in the portal search (ikz/search): kind "funding", kept in step on publish."""

from django.db.models.signals import post_delete

KIND = "funding"


def _on_change(sender, instance, **kwargs):
    from ikz.search.registry import search_index_update

    search_index_update(instance)


def _on_delete(sender, instance, **kwargs):
    from ikz.search.registry import search_index_delete

    search_index_delete(instance)


def register_search() -> None:
    from wagtail.signals import page_published, page_unpublished

    from ikz.search.adapters import page_entry, public_pages
    from ikz.search.registry import register

    from .models import FundingIndexPage, FundingProgrammePage

    for model, kind in ((FundingProgrammePage, KIND), (FundingIndexPage, "page")):
        register(model, page_entry(kind), public=public_pages, prepare=lambda qs: qs.specific())
        name = model.__name__
        page_published.connect(_on_change, sender=model, dispatch_uid=f"search-pub-{name}")
        page_unpublished.connect(_on_change, sender=model, dispatch_uid=f"search-unpub-{name}")
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"search-del-{name}")
