"""Reads of the Werkstatt. Every view reaches a Werkstatt through workshop_for_member."""

from django.db.models import Count, QuerySet
from django.http import Http404

from .models import Activity, Note, Workshop, WorkshopMember
from .permissions import may_take_part


def workshop_for_member(*, user, key) -> tuple[Workshop, WorkshopMember]:
    """The Werkstatt and the person's place in it – or 404 for everyone not in it.

    Read from the database on every request, so a removal or a lost membership of the portal
    takes effect at once, also in sessions that are open. Unknown keys and Werkstätten of others
    give the same answer, so nobody learns that one exists.
    """
    membership = (
        WorkshopMember.objects.select_related("workshop", "workshop__task_area")
        .filter(workshop__key=key, user=user)
        .first()
        if user.is_authenticated
        else None
    )
    if membership is None or not may_take_part(user):
        raise Http404("Diese Werkstatt gibt es nicht, oder Sie gehören nicht zu ihr.")
    return membership.workshop, membership


def workshops_of(*, user, archived: bool | None = None) -> QuerySet[Workshop]:
    qs = Workshop.objects.filter(members__user=user).select_related("task_area")
    if archived is not None:
        qs = qs.filter(archived_at__isnull=not archived)
    return qs.annotate(member_count=Count("members", distinct=True)).order_by("-updated_at")


def members_of(*, workshop: Workshop) -> QuerySet[WorkshopMember]:
    return workshop.members.select_related("user").order_by("role", "user__last_name", "user__first_name")


def open_invitations_of(*, workshop: Workshop):
    from django.utils import timezone

    return workshop.invitations.filter(
        accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("invited_by")


def activities_of(*, workshop: Workshop, limit: int = 50) -> QuerySet[Activity]:
    return workshop.activities.select_related("actor")[:limit]


def notes_of(*, workshop: Workshop) -> QuerySet[Note]:
    return workshop.notes.select_related("created_by", "updated_by")


def konto_context(request) -> dict | None:
    """The Werkstätten section of /konto/: for members and for anyone already in a Werkstatt."""
    from .templatetags.workshop_tags import shows_workshops

    if not shows_workshops(request.user):
        return None
    return {"count": workshops_of(user=request.user, archived=False).count()}
