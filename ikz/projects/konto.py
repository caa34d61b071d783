"""The /konto/ section „Projekte Ihrer Körperschaft“: the published projects of the Körperschaften
the person is a confirmed member of (ikz.accounts.konto)."""

from .models import Project
from .permissions import member_municipality_ids

SHOWN = 20


def konto_context(request) -> dict | None:
    ids = member_municipality_ids(request.user)
    if not ids:
        return None
    projects = Project.objects.published().filter(expired=False).of_municipalities(ids).order_by("title")
    shown = list(projects[: SHOWN + 1])  # one row more tells whether there are more, without a count
    return {"projects": shown[:SHOWN], "more": len(shown) > SHOWN}
