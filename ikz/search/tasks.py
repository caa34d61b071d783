"""Background work of the search: keep the index in step with saves and deletes."""

from django_tasks import task


@task()
def search_index_object(*, source: str, object_id: str) -> bool:
    from .registry import index_object_now

    return index_object_now(source, object_id)


@task()
def search_delete_object(*, source: str, object_id: str) -> None:
    from .indexing import delete_entry

    delete_entry(source, object_id)


@task()
def search_reindex_source(*, source: str | None = None) -> dict[str, int]:
    from .registry import search_reindex

    return search_reindex(source)


@task()
def search_index_tree(*, page_id: int) -> int:
    from .registry import index_tree_now

    return index_tree_now(page_id)
