"""What the start page shows: the size of each part of the portal and what is new."""

from ikz.core import versioned_cache


def _home_overview_build(latest: int) -> dict:
    from ikz.library.models import LawSection, LibraryEntryPage
    from ikz.municipalities.models import Municipality
    from ikz.projects.models import Project

    entries = LibraryEntryPage.objects.live().public()
    projects = Project.objects.filter(live=True)
    return {
        "gemeinde_count": Municipality.objects.gemeinden().count(),
        "kreis_count": Municipality.objects.kreise().count(),
        "library_count": entries.count(),
        "section_count": LawSection.objects.filter(live=True).count(),
        "project_count": projects.count(),
        "latest_projects": tuple(
            projects.only("pk", "slug", "title", "is_example")
            .exclude(first_published_at=None)  # NULL would come first on PostgreSQL
            .order_by("-first_published_at", "-pk")[:latest]
        ),
        "latest_entries": tuple(
            entries.exclude(first_published_at=None)
            .order_by("-first_published_at", "-pk")
            .specific()[:latest]
        ),
    }


def home_overview(*, latest: int = 6) -> dict:
    """Counts and the newest projects and library entries – the same for every visitor, so built once
    per content version (ikz.core.versioned_cache); the dict is new on each call, its values shared."""
    return dict(
        versioned_cache.get_or_build(f"core:home-overview:{latest}", lambda: _home_overview_build(latest))
    )
