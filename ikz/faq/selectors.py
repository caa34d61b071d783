"""Reads of FAQ pages, including the hook other apps use to link FAQ: faq_for()."""

from django.db.models import QuerySet

from ikz.core.collation import collated
from ikz.search.analysis import tokenize

from .models import FAQCategory, FAQIndexPage, FAQPage


def faq_live() -> QuerySet[FAQPage]:
    return FAQPage.objects.live().public().select_related("category")


def faq_grouped(*, index_page: FAQIndexPage) -> list[tuple[FAQCategory | None, list[FAQPage]]]:
    """The published questions below `index_page`, grouped by category in category order."""
    pages = list(faq_live().child_of(index_page).order_by("path"))
    groups: list[tuple[FAQCategory | None, list[FAQPage]]] = []
    for category in FAQCategory.objects.all():
        items = [p for p in pages if p.category_id == category.pk]
        if items:
            groups.append((category, items))
    rest = [p for p in pages if p.category_id is None]
    if rest:
        groups.append((None, rest))
    return groups


def faq_search(*, query: str, index_page: FAQIndexPage | None = None):
    pages = faq_live()
    if index_page is not None:
        pages = pages.child_of(index_page)
    # Words only: quotes and brackets are operators of the database's full-text syntax
    # (SQLite FTS5 failed on `">`), and mean nothing to a reader's question.
    words = " ".join(tokenize(query)[:20])
    return list(pages.search(words)[:50]) if words else []


def faq_for(*, task_area=None, legal_form: str = "", limit: int = 5) -> QuerySet[FAQPage]:
    """Published FAQ for a task area (including its sub-areas) and/or a legal form.

    For library entries and projects: `faq_for(task_area=entry.task_areas.first(),
    legal_form=entry.legal_form)`; either argument may be left out.
    """
    pages = faq_live()
    if task_area is not None:
        area_ids = [task_area.pk, *task_area.children.values_list("pk", flat=True)]
        pages = pages.filter(task_areas__in=area_ids)
    if legal_form:
        pages = pages.filter(legal_form=legal_form)
    return pages.distinct().order_by(collated("title"))[:limit]
