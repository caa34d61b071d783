import pytest

from ikz.search.documents import IndexEntry
from ikz.search.indexing import delete_entry, index_entry
from ikz.search.models import SearchDocument, SearchPosting, SearchTerm
from ikz.search.registry import adapters, search_index_delete, search_index_update, search_reindex
from ikz.search.results import search_results

pytestmark = pytest.mark.django_db


def urls(query: str) -> list[str]:
    return [item.url for item in search_results(query).items]


def test_reindexing_an_entry_replaces_its_terms(search_index):
    entry = IndexEntry(source="test.x", object_id="1", kind="faq", title="Friedhofsgebühren", url="/a/")
    index_entry(entry)
    assert "/a/" in urls("Friedhofsgebühren")
    entry.title = "Hundesteuer"
    index_entry(entry)
    assert "/a/" not in urls("Friedhofsgebühren")
    assert "/a/" in urls("Hundesteuer")
    assert SearchDocument.objects.filter(source="test.x").count() == 1
    delete_entry("test.x", "1")
    assert "/a/" not in urls("Hundesteuer")


def test_document_frequencies_follow_updates(search_index):
    index_entry(IndexEntry(source="test.x", object_id="1", kind="faq", title="Xylofonwerkstatt"))
    from ikz.search.analysis import stem

    term = SearchTerm.objects.get(term=stem("xylofonwerkstatt"))
    assert term.df == 1
    delete_entry("test.x", "1")
    term.refresh_from_db()
    assert term.df == 0
    assert not SearchPosting.objects.filter(term_id=term.id).exists()


def test_saved_page_is_searchable_after_commit(home_page, django_capture_on_commit_callbacks):
    from ikz.core.models import StandardPage

    assert "core.standardpage" in adapters()
    with django_capture_on_commit_callbacks(execute=True):
        page = StandardPage(title="Satzung über die Straßenreinigung", slug="strassenreinigung")
        home_page.add_child(instance=page)
        page.save_revision().publish()
    assert page.url in urls("Strassenreinigung Satzung")
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert page.url not in urls("Strassenreinigung Satzung")


def test_registry_update_and_delete_enqueue_tasks(home_page, django_capture_on_commit_callbacks):
    from ikz.core.models import StandardPage

    page = StandardPage(title="Winterdienst", slug="winterdienst")
    home_page.add_child(instance=page)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        search_index_update(page)
    assert callbacks
    assert SearchDocument.objects.filter(source="core.standardpage", object_id=str(page.pk)).exists()
    with django_capture_on_commit_callbacks(execute=True):
        search_index_delete(page)
    assert not SearchDocument.objects.filter(source="core.standardpage", object_id=str(page.pk)).exists()


def test_bulk_reindex_of_a_source(home_page):
    counts = search_reindex("core.standardpage")
    assert counts["core.standardpage"] == SearchDocument.objects.filter(source="core.standardpage").count()
    assert counts["core.standardpage"] >= 1  # the legal pages of the site tree
