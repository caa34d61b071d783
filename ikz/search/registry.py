"""How other apps put their content into the search index.

An app registers an adapter per model: `public` says which of the model's objects the public may
see (published, not expired, not behind a login or password, its owning page public too), and
`to_entry` how a public object becomes an IndexEntry. That one rule decides index membership
(`index_object_now`, `search_reindex`) and is checked again on every result before it is shown
(`public_keys`), so a missed signal cannot show withdrawn content.

After a change an app calls `search_index_update(obj)` (a page tree: `search_index_update_tree`),
after a delete `search_index_delete(obj)`. Both enqueue a background task once the transaction
commits, so a saved entry is searchable seconds later and a withdrawn one gone as quickly.
Imports that write thousands of rows call `search_reindex(source=...)` once at the end.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import models, transaction

from ikz.core import versioned_cache
from ikz.core.params import parse_int

from .documents import IndexEntry

QuerySetFilter = Callable[[models.QuerySet], models.QuerySet]


@dataclass
class Adapter:
    source: str  # "app_label.model", stored on every SearchDocument it made
    model: type[models.Model]
    to_entry: Callable[[models.Model], IndexEntry | None]
    public: QuerySetFilter  # the objects of a queryset the public may see now
    prepare: QuerySetFilter  # select_related/prefetch for bulk indexing
    # The page whose visibility this object follows (a law section: its law), as a field path.
    owner_page: str = ""

    def owner_model(self) -> type[models.Model] | None:
        return self.model._meta.get_field(self.owner_page).related_model if self.owner_page else None

    def public_objects(self, queryset: models.QuerySet | None = None) -> models.QuerySet:
        return self.public(self.model._default_manager.all() if queryset is None else queryset)

    def queryset(self) -> models.QuerySet:
        return self.prepare(self.public_objects()).order_by("pk")


_adapters: dict[str, Adapter] = {}


def register(
    model: type[models.Model],
    to_entry: Callable[[models.Model], IndexEntry | None],
    *,
    public: QuerySetFilter,
    prepare: QuerySetFilter | None = None,
    source: str | None = None,
    owner_page: str = "",
) -> Adapter:
    key = source or model._meta.label_lower
    adapter = Adapter(key, model, to_entry, public, prepare or (lambda qs: qs), owner_page)
    _adapters[key] = adapter
    return adapter


# Sources of entries that are no model objects (the service pages): a function returns all of
# them; they are rebuilt together by `search_reindex` and always public.
_entry_sources: dict[str, Callable[[], Iterable[IndexEntry]]] = {}


def register_entries(source: str, build: Callable[[], Iterable[IndexEntry]]) -> None:
    _entry_sources[source] = build


def entry_sources() -> dict[str, Callable[[], Iterable[IndexEntry]]]:
    return dict(_entry_sources)


def adapters() -> dict[str, Adapter]:
    return dict(_adapters)


def adapter_for(obj: models.Model) -> Adapter | None:
    """The adapter of the most specific registered class of obj (pages: their specific class)."""
    cls = obj.specific_class if hasattr(obj, "specific_class") and obj.specific_class else type(obj)
    for klass in cls.__mro__:
        for adapter in _adapters.values():
            if adapter.model is klass:
                return adapter
    return None


def public_keys(keys: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """Of (source, object_id) pairs, those whose object the public may see now (query time).
    Entries of a source without an adapter (test data, removed apps) are passed through.

    Each pair is looked up once per content version (ikz.core.versioned_cache): whatever changes
    whether an object is public – publishing, unpublishing, expiry, a view restriction, a project's
    state – is a write that renews the version, so the answer stays that of query time without
    three visibility queries on every results page. Shared per version: only ever add to it."""
    keys = list(keys)
    known: dict[tuple[str, str], bool] = versioned_cache.get_or_build("search:public-keys", dict)
    missing = [key for key in dict.fromkeys(keys) if key not in known]
    if missing:
        visible = _public_keys_now(missing)
        for key in missing:
            known[key] = key in visible
    return {key for key in keys if known[key]}


def _public_keys_now(keys: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    by_source: dict[str, list[str]] = {}
    for source, object_id in keys:
        by_source.setdefault(source, []).append(object_id)
    visible = set()
    for source, ids in by_source.items():
        adapter = _adapters.get(source)
        if adapter is None:
            visible.update((source, i) for i in ids)
            continue
        pks = [pk for i in ids if (pk := parse_int(i)) is not None]
        found = adapter.public_objects(adapter.model._default_manager.filter(pk__in=pks))
        visible.update((source, str(pk)) for pk in found.values_list("pk", flat=True))
    return visible


def _object_source(obj: models.Model) -> tuple[str, str] | None:
    adapter = adapter_for(obj)
    return (adapter.source, str(obj.pk)) if adapter else None


def search_index_update(obj: models.Model) -> None:
    """Re-index obj (or drop it, if it is no longer public) once the transaction has committed."""
    from .tasks import search_index_object

    found = _object_source(obj)
    if found:
        source, object_id = found
        transaction.on_commit(lambda: search_index_object.enqueue(source=source, object_id=object_id))


def search_index_update_tree(page) -> None:
    """Re-index a page, every page below it and what they own (law sections): after a view
    restriction, a move or a change of a parent, which all of them follow."""
    from .tasks import search_index_tree

    page_id = page.pk
    transaction.on_commit(lambda: search_index_tree.enqueue(page_id=page_id))


def search_index_delete(obj: models.Model) -> None:
    """Drop obj from the index once the current transaction has committed."""
    from .tasks import search_delete_object

    found = _object_source(obj)
    if found:
        source, object_id = found
        transaction.on_commit(lambda: search_delete_object.enqueue(source=source, object_id=object_id))


def index_object_now(source: str, object_id: str) -> bool:
    """Index one object synchronously if it is public, else drop it; True when it is in the index."""
    from .indexing import delete_entry, index_entry

    adapter = _adapters.get(source)
    if adapter is None:
        return False
    obj = adapter.prepare(adapter.public_objects().filter(pk=object_id)).first()
    entry = adapter.to_entry(obj) if obj is not None else None
    if entry is None:
        delete_entry(source, object_id)
        return False
    index_entry(entry)
    return True


def index_tree_now(page_id: int) -> int:
    """Bring a page subtree (pages and owned objects) in step with the rule; how many were looked at."""
    from wagtail.models import Page

    root = Page.objects.filter(pk=page_id).first()
    if root is None:
        return 0
    tree = Page.objects.filter(path__startswith=root.path)
    count = 0
    for page in tree.iterator():
        found = _object_source(page)  # by the page's content type, without loading it specific
        if found:
            index_object_now(*found)
            count += 1
    for adapter in _adapters.values():
        if adapter.owner_page:
            owned = adapter.model._default_manager.filter(
                **{f"{adapter.owner_page}__path__startswith": root.path}
            )
            for pk in owned.values_list("pk", flat=True).iterator():
                index_object_now(adapter.source, str(pk))
                count += 1
    return count


def search_reindex(source: str | None = None, *, progress=None) -> dict[str, int]:
    """Rebuild the index of one source (or of every registered source) in bulk."""
    from .indexing import delete_source, index_bulk

    counts = {}
    if source in _entry_sources:
        return {source: index_bulk(_entry_sources[source](), replace_source=source, progress=progress)}
    chosen = [_adapters[source]] if source else list(_adapters.values())
    if source is None:
        delete_source(None)
    for adapter in chosen:
        objects = adapter.queryset().iterator(chunk_size=2000)
        entries = (e for e in (adapter.to_entry(o) for o in objects) if e is not None)
        replace = adapter.source if source else ""
        counts[adapter.source] = index_bulk(entries, replace_source=replace, progress=progress)
    if source is None:  # last: a bulk load takes the average length from what is there already
        for name, build in _entry_sources.items():
            counts[name] = index_bulk(build(), progress=progress)
    return counts
