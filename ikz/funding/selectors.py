"""Reads of the Förderprogramme: the filtered list, a programme's projects, a person's subscriptions."""

import datetime

from django.db.models import QuerySet

from .models import FundingProgrammePage, FundingSubscription


def programmes_live() -> QuerySet:
    return FundingProgrammePage.objects.live().public()


def programmes_filtered(
    *,
    index_page=None,
    today: datetime.date,
    task_area=None,
    applicant_type=None,
    open_now: bool = False,
) -> list[FundingProgrammePage]:
    """The published programmes under /foerderung/, filtered; a top-level task area also finds the
    programmes tagged with one of its sub-areas."""
    programmes = programmes_live()
    if index_page is not None:
        programmes = programmes.child_of(index_page)
    if task_area is not None:
        programmes = programmes.filter(task_areas__in=[task_area, *task_area.children.all()]).distinct()
    if applicant_type is not None:
        programmes = programmes.filter(applicant_types=applicant_type)
    if open_now:
        programmes = programmes.open_on(today)
    return list(
        programmes.select_related("figures")
        .prefetch_related("task_areas", "applicant_types")
        .order_by("is_example", "title")
    )


def funded_projects(*, programme: FundingProgrammePage):
    """The published projects that name this programme as their funding."""
    from ikz.projects.models import Project

    return Project.objects.published().filter(funding_programme=programme).order_by("title")


def subscription_of(*, user, programme) -> FundingSubscription | None:
    return FundingSubscription.objects.filter(user=user, programme=programme).first()


def subscriptions_of(*, user) -> QuerySet:
    return (
        FundingSubscription.objects.filter(user=user, programme__live=True)
        .select_related("programme", "programme__figures")
        .order_by("programme__title")
    )


def konto_context(request) -> dict | None:
    """The section "Abonnierte Förderprogramme" of /konto/: for members, and for anyone subscribed."""
    from .models import berlin_today
    from .services import may_subscribe

    user = request.user
    if not user.is_authenticated:
        return None
    subscriptions = list(subscriptions_of(user=user))
    if not subscriptions and not may_subscribe(user):
        return None
    today = berlin_today()
    return {
        "rows": [(s.programme, s.programme.window_text(today)) for s in subscriptions],
        "index_url": "/foerderung/",
    }
