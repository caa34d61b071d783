"""The /konto/ section „Ihre Checklisten“: the checklist runs the person works on – their own and
those shared with their Körperschaft (ikz.accounts.konto); left out when there are none."""

from django.db.models import Q

from .models import ChecklistRun
from .selectors import confirmed_municipality_ids_query
from .views import _run_url

SHOWN = 20
# The register's geometry (large JSON) is never shown beside a run's Körperschaft.
MUNICIPALITY_GEOMETRY = (
    "municipality__boundary",
    "municipality__map_path",
    "municipality__map_bbox",
    "municipality__search_text",
)


def konto_context(request) -> dict | None:
    user = request.user
    if not user.is_authenticated:
        return None
    # The Körperschaften as a subquery: one query for the section, not two.
    runs = ChecklistRun.objects.filter(
        Q(owner=user) | Q(municipality_id__in=confirmed_municipality_ids_query(user))
    )
    if "workshop_link" in {f.name for f in ChecklistRun._meta.get_fields()}:
        runs = runs.filter(workshop_link__isnull=True)  # a Werkstatt's runs are shown in the Werkstatt
    runs = list(
        runs.select_related("checklist", "municipality")
        .defer(*MUNICIPALITY_GEOMETRY)
        .order_by("-updated_at")[:SHOWN]
    )
    for run in runs:
        run.url = _run_url(run.checklist, run)
    return {"runs": runs} if runs else None
