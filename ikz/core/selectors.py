"""What the start page shows: the size of each part of the portal and what is new."""

from wagtail.models import Page


def home_overview(*, latest: int = 6) -> dict:
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
        "latest_projects": projects.order_by("-first_published_at", "-pk")[:latest],
        "latest_entries": entries.exclude(first_published_at=None)
        .order_by("-first_published_at", "-pk")
        .specific()[:latest],
        "faq_page": Page.objects.live().filter(slug="faq").first(),
    }
