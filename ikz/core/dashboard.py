"""The Redaktion's work queues on the Wagtail dashboard: what waits for a decision, with a count and a
link, each shown only to people who may act on it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.http import urlencode
from wagtail.admin.ui.components import Component


@dataclass(frozen=True)
class Queue:
    label: str
    allowed: Callable[[object], bool]
    count: Callable[[], int]
    url: Callable[[], str]


def _memberships_pending() -> int:
    from ikz.accounts.selectors import memberships_pending_count

    return memberships_pending_count()


def _projects_submitted() -> int:
    from ikz.projects.models import Project

    return Project.objects.submitted().count()


def _may_moderate(user) -> bool:
    from ikz.projects.permissions import can_moderate

    return can_moderate(user)


def _inquiries_open() -> int:
    from ikz.hotline.models import Inquiry

    return Inquiry.objects.open().count()


def _inquiries_overdue() -> int:
    from ikz.hotline.models import Inquiry

    # Overdue counts working days (holidays included), so it is decided per inquiry; open ones are few.
    return sum(1 for inquiry in Inquiry.objects.open() if inquiry.is_overdue)


def _mails_failed() -> int:
    from .outbox import OutgoingMail

    return OutgoingMail.objects.failed().count()


def _with_query(name: str, **query: str) -> Callable[[], str]:
    return lambda: reverse(name) + (f"?{urlencode(query)}" if query else "")


QUEUES = [
    Queue(
        "Offene Anträge auf Mitgliedschaft",
        lambda user: user.has_perm("accounts.change_membership"),
        _memberships_pending,
        _with_query("membership:index", status="requested"),
    ),
    Queue(
        "Projekte, die auf Prüfung warten",
        _may_moderate,
        _projects_submitted,
        _with_query("projects_moderation:queue"),
    ),
    Queue(
        "Offene Hotline-Anfragen",
        lambda user: user.has_perm("hotline.change_inquiry"),
        _inquiries_open,
        _with_query("hotline_inquiry:index"),
    ),
    Queue(
        "Überfällige Hotline-Anfragen",
        lambda user: user.has_perm("hotline.change_inquiry"),
        _inquiries_overdue,
        _with_query("hotline_inquiry:index"),
    ),
    Queue(
        "Nicht zugestellte E-Mails",
        lambda user: user.has_perm("core.view_outgoingmail"),
        _mails_failed,
        _with_query("outgoing_mail:index", status="failed"),
    ),
]


def queues_for(user) -> list[dict]:
    """The queues this person may work on, with their counts (zero included: an empty queue is news too)."""
    return [{"label": q.label, "count": q.count(), "url": q.url()} for q in QUEUES if q.allowed(user)]


class RedaktionQueuesPanel(Component):
    name = "redaktion_queues"
    template_name = "core/admin/queues_panel.html"
    order = 50  # above Wagtail's own panels

    def __init__(self, request):
        self.rows = queues_for(request.user)

    def render_html(self, parent_context=None) -> str:
        return super().render_html(parent_context) if self.rows else ""

    def get_context_data(self, parent_context=None):
        return {"rows": self.rows}
