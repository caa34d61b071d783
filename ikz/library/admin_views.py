"""Admin report of the Redaktion: library entries not reviewed for twelve months."""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import PageReportView

from ikz.core.collation import collated

from .models import LibraryEntryPage

REVIEW_INTERVAL_DAYS = 365


def entries_not_reviewed(*, today: datetime.date | None = None):
    """Entries whose "Stand" is older than 12 months, or that were never reviewed and went
    live more than 12 months ago."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=REVIEW_INTERVAL_DAYS)
    cutoff_dt = timezone.make_aware(datetime.datetime.combine(cutoff, datetime.time.min))
    return LibraryEntryPage.objects.filter(
        Q(last_reviewed__lt=cutoff) | Q(last_reviewed__isnull=True, first_published_at__lt=cutoff_dt)
    ).order_by("last_reviewed", collated("title"))


class NotReviewedReportView(PageReportView):
    page_title = _("Nicht geprüft seit 12 Monaten")
    header_icon = "time"
    index_url_name = "library_not_reviewed"
    index_results_url_name = "library_not_reviewed_results"
    list_export = PageReportView.list_export + ["last_reviewed"]
    export_headings = {**PageReportView.export_headings, "last_reviewed": _("Stand (zuletzt geprüft)")}
    any_permission_required = ["add", "change", "publish"]

    def get_filename(self):
        return f"nicht-geprueft-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        editable = self.permission_policy.instances_user_has_permission_for(self.request.user, "change")
        self.queryset = entries_not_reviewed().filter(pk__in=editable.values("pk")).specific(defer=True)
        return super().get_queryset()
