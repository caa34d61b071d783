"""How other apps put their content into the search index.

An app registers an adapter per model ("how my object becomes an IndexEntry"); after a save
it calls `search_index_update(obj)`, after a delete `search_index_delete(obj)`. Both enqueue a
background task once the transaction commits, so a saved entry is searchable seconds later.
Imports that write thousands of rows call `search_reindex(source=...)` once at the end.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import models, transaction

from .documents import IndexEntry


@dataclass
class Adapter:
    source: str  # "app_label.model", stored on every SearchDocument it made
    model: type[models.Model]
    to_entry: Callable[[models.Model], IndexEntry | None]  # None: not public (draft, unpublished)
    queryset: Callable[[], Iterable[models.Model]]


_adapters: dict[str, Adapter] = {}


def register(
    model: type[models.Model],
    to_entry: Callable[[models.Model], IndexEntry | None],
    *,
    queryset: Callable[[], Iterable[models.Model]] | None = None,
    source: str | None = None,
) -> Adapter:
    key = source or model._meta.label_lower
    adapter = Adapter(key, model, to_entry, queryset or (lambda: model._default_manager.all()))
    _adapters[key] = adapter
    return adapter


def adapters() -> dict[str, Adapter]:
    return dict(_adapters)


def adapter_for(obj: models.Model) -> Adapter | None:
    """The adapter of the most specific registered class of obj (pages: their specific class)."""
    specific = getattr(obj, "specific_deferred", obj) if hasattr(obj, "specific_class") else obj
    for cls in type(specific).__mro__:
        for adapter in _adapters.values():
            if adapter.model is cls:
                return adapter
    return None


def _object_source(obj: models.Model) -> tuple[str, str] | None:
    adapter = adapter_for(obj)
    return (adapter.source, str(obj.pk)) if adapter else None


def search_index_update(obj: models.Model) -> None:
    """Re-index obj in the background once the current transaction has committed."""
    from .tasks import search_index_object

    found = _object_source(obj)
    if found:
        source, object_id = found
        transaction.on_commit(lambda: search_index_object.enqueue(source=source, object_id=object_id))


def search_index_delete(obj: models.Model) -> None:
    """Drop obj from the index once the current transaction has committed."""
    from .tasks import search_delete_object

    found = _object_source(obj)
    if found:
        source, object_id = found
        transaction.on_commit(lambda: search_delete_object.enqueue(source=source, object_id=object_id))


def index_object_now(source: str, object_id: str) -> bool:
    """Index one object synchronously; True when it is in the index afterwards."""
    from .indexing import delete_entry, index_entry

    adapter = _adapters.get(source)
    if adapter is None:
        return False
    obj = adapter.model._default_manager.filter(pk=object_id).first()
    entry = adapter.to_entry(obj) if obj is not None else None
    if entry is None:
        delete_entry(source, object_id)
        return False
    index_entry(entry)
    return True


def search_reindex(source: str | None = None, *, progress=None) -> dict[str, int]:
    """Rebuild the index of one source (or of every registered source) in bulk."""
    from .indexing import delete_source, index_bulk

    counts = {}
    chosen = [_adapters[source]] if source else list(_adapters.values())
    if source is None:
        delete_source(None)
    for adapter in chosen:
        objects = adapter.queryset()
        if hasattr(objects, "iterator"):
            objects = objects.iterator(chunk_size=2000)
        entries = (e for e in (adapter.to_entry(o) for o in objects) if e is not None)
        replace = adapter.source if source else ""
        counts[adapter.source] = index_bulk(entries, replace_source=replace, progress=progress)
    return counts
