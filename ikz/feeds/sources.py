"""What the Atom feeds carry: one source per kind of content, registered when its app is installed.

A source is a function `(task_area or None, limit) -> list[FeedItem]` returning the newest public
items first. Only public content goes in: a feed is served to everyone and kept by the page cache.
Entries of the Wissensdatenbank marked „nur für Mitglieder“ appear as a teaser (title and summary,
the same as on the public page). Apps added later (Förderprogramme, Veranstaltungen) join by
`register(...)` here or from their own AppConfig.ready().
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.utils.html import strip_tags
from django.utils.text import Truncator


@dataclass(frozen=True)
class FeedItem:
    title: str
    url: str
    summary: str
    updated: datetime.datetime
    published: datetime.datetime | None = None
    kind: str = ""
    guid: str = ""  # stable id; the URL when empty
    categories: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class FeedSource:
    key: str  # in the address: /feeds/<key>.atom
    title: str
    items: Callable[[object, int], list[FeedItem]]


_sources: dict[str, FeedSource] = {}


def register(key: str, *, title: str, items: Callable[[object, int], list[FeedItem]]) -> None:
    _sources[key] = FeedSource(key, title, items)


def sources() -> dict[str, FeedSource]:
    return dict(_sources)


def area_ids(task_area) -> list[int]:
    """The area and its sub-areas (a feed for „Bürgerservice“ includes „Standesamt“)."""
    return [task_area.pk, *task_area.children.values_list("pk", flat=True)]


def short(text: str, words: int = 60) -> str:
    return Truncator(strip_tags(text or "").replace("&nbsp;", " ")).words(words, truncate=" …")


def _projects(task_area, limit: int) -> list[FeedItem]:
    from ikz.projects.models import Project

    projects = Project.objects.published().filter(expired=False)
    if task_area is not None:
        projects = projects.filter(task_areas__in=area_ids(task_area)).distinct()
    projects = projects.prefetch_related("task_areas").order_by("-last_published_at", "-pk")[:limit]
    return [
        FeedItem(
            title=p.title + (" (Beispiel)" if p.is_example else ""),
            url=p.get_absolute_url(),
            summary=short(p.summary),
            updated=p.last_published_at or p.created_at,
            published=p.first_published_at,
            kind="Projekt",
            guid=f"projekt-{p.pk}",
            categories=tuple(t.name for t in p.task_areas.all()),
        )
        for p in projects
    ]


# Atom requires a date on every entry. A page that never went through publishing (laws written by
# the importer, pages set up by a migration) has none; it counts as this old and comes last.
UNDATED = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def page_updated(page) -> datetime.datetime:
    return page.last_published_at or page.first_published_at or page.latest_revision_created_at or UNDATED


def _pages(model, task_area, limit: int):
    from django.db.models import F
    from django.db.models.functions import Coalesce

    pages = model.objects.live().public().filter(expired=False)
    if task_area is not None:
        pages = pages.filter(task_areas__in=area_ids(task_area)).distinct()
    # Newest first, undated last on every database (PostgreSQL sorts NULL first when descending).
    # (Annotated, so that PostgreSQL accepts it beside DISTINCT.)
    pages = pages.annotate(
        newest=Coalesce("last_published_at", "first_published_at", "latest_revision_created_at")
    )
    pages = pages.specific().prefetch_related("task_areas")  # the categories, one query for all
    return pages.order_by(F("newest").desc(nulls_last=True), "-pk")[:limit]


def _library(task_area, limit: int) -> list[FeedItem]:
    from ikz.library.models import LibraryEntryPage

    items = []
    for page in _pages(LibraryEntryPage, task_area, limit):
        locked = getattr(page, "members_only", False)
        items.append(
            FeedItem(
                title=page.title + (" (nur für Mitglieder)" if locked else ""),
                url=page.full_url or page.url or "",
                summary=short(page.summary),
                updated=page_updated(page),
                published=page.first_published_at,
                kind=str(page.specific_class._meta.verbose_name),
                guid=f"wissen-{page.pk}",
                categories=tuple(t.name for t in page.task_areas.all()),
            )
        )
    return items


def _faq(task_area, limit: int) -> list[FeedItem]:
    from ikz.faq.models import FAQPage

    return [
        FeedItem(
            title=page.title,
            url=page.full_url or page.url or "",
            summary=short(page.answer),
            updated=page_updated(page),
            published=page.first_published_at,
            kind="Häufige Frage",
            guid=f"faq-{page.pk}",
            categories=tuple(t.name for t in page.task_areas.all()),
        )
        for page in _pages(FAQPage, task_area, limit)
    ]


def _funding(task_area, limit: int) -> list[FeedItem]:
    from ikz.funding.models import FundingProgrammePage

    return [
        FeedItem(
            title=page.title + (" (Beispiel)" if page.is_example else ""),
            url=page.full_url or page.url or "",
            summary=short(
                " – ".join(p for p in (f"Fördergeber: {page.funder}" if page.funder else "", page.rate) if p)
            ),
            updated=page_updated(page),
            published=page.first_published_at,
            kind="Förderprogramm",
            guid=f"foerderung-{page.pk}",
            categories=tuple(t.name for t in page.task_areas.all()),
        )
        for page in _pages(FundingProgrammePage, task_area, limit)
    ]


def _events(task_area, limit: int) -> list[FeedItem]:
    from django.utils import timezone
    from django.utils.formats import date_format

    from ikz.events.models import EventPage

    items = []
    for page in _pages(EventPage, task_area, limit):
        when = date_format(timezone.localtime(page.start), "j. F Y, H:i") + " Uhr"
        items.append(
            FeedItem(
                title=page.title,
                url=page.full_url or page.url or "",
                summary=short(f"{when}. {page.intro}"),
                updated=page_updated(page),
                published=page.first_published_at,
                kind="Veranstaltung",
                guid=f"veranstaltung-{page.pk}",
                categories=tuple(t.name for t in page.task_areas.all()),
            )
        )
    return items


def _has_model(app_label: str, model_name: str) -> bool:
    try:
        apps.get_model(app_label, model_name)
    except LookupError:
        return False
    return True


def register_installed() -> None:
    if apps.is_installed("ikz.projects"):
        register("projekte", title="Neue Kooperationsprojekte", items=_projects)
    if apps.is_installed("ikz.library"):
        register("wissen", title="Neu in der Wissensdatenbank", items=_library)
    if apps.is_installed("ikz.faq"):
        register("faq", title="Neue häufige Fragen", items=_faq)
    if apps.is_installed("ikz.funding") and _has_model("funding", "FundingProgrammePage"):
        register("foerderung", title="Neue Förderprogramme", items=_funding)
    if apps.is_installed("ikz.events") and _has_model("events", "EventPage"):
        register("veranstaltungen", title="Neue Veranstaltungen", items=_events)
