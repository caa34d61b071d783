"""„Als Projekt veröffentlichen“: the Werkstatt becomes a project in the project database.

The project is made by the projects app's own services – a draft (project_create_draft) submitted
for review (project_submit), exactly the path of a member's contribution through the project form
(decision 0008) – so it is public only once the Redaktion approves it. Both run in one block: when
the submission is refused (rate limit, something missing), no draft, document or file is left.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse

from ikz.core.files import files_atomic

from .models import Workshop
from .models_files import ACTIVITY_PUBLISHED, WorkshopDocument, WorkshopPublication
from .services import _lead, _log, _name, _writable

# The assistant's and the plan's legal forms → the project database's (ikz.core.taxonomy.LegalForm).
LEGAL_FORM_FROM_ASSISTANT = {"oerv_delegierend": "oerv", "oerv_mandatierend": "oerv"}
SUMMARY_MAX = 1200


def legal_form_of(workshop: Workshop) -> str:
    """The legal form the Werkstatt has chosen: its plan's, else the assistant result's answer."""
    from django.http import QueryDict

    from ikz.core.taxonomy import LegalForm

    plan = getattr(workshop, "plan", None)  # the plan's model, once there (no plan: None)
    value = getattr(plan, "legal_form", "") if plan is not None else ""
    if not value and workshop.assistant_query:
        value = QueryDict(workshop.assistant_query).get("rechtsform", "")
    value = LEGAL_FORM_FROM_ASSISTANT.get(value, value)
    return value if value in LegalForm.values else ""


def prefill(workshop: Workshop) -> dict:
    """What the publish form shows first: everything the Werkstatt already knows."""
    return {
        "title": workshop.title,
        "summary": workshop.task[:SUMMARY_MAX],
        "legal_form": legal_form_of(workshop),
        "task_area": workshop.task_area.slug if workshop.task_area_id else "",
    }


def participants_for(workshop: Workshop, user) -> list[dict]:
    """The partners of the Werkstatt; the publishing person's own Körperschaft leads (and is added
    when it is not among the partners: members can only enter projects of their Körperschaft)."""
    from ikz.accounts.models import Membership
    from ikz.municipalities.models import Municipality
    from ikz.projects.models import ParticipantRole

    partners = list(workshop.partners.order_by("short_name"))
    own_ids = list(Membership.objects.confirmed().filter(user=user).values_list("municipality_id", flat=True))
    lead = next((m for m in partners if m.pk in own_ids), None)
    if lead is None and own_ids:
        lead = Municipality.objects.filter(pk__in=own_ids).order_by("short_name").first()
        partners.insert(0, lead)
    return [
        {
            "municipality": m,
            "name": "",
            "role": ParticipantRole.LEAD if m == lead else ParticipantRole.PARTNER,
            "contact_name": (user.get_full_name() if m == lead else "")[:150],
            "contact_email": user.email if m == lead else "",
            "contact_phone": "",
        }
        for m in partners
    ]


class PublishRefused(ValidationError):
    """Publishing was refused; the message is German. Nothing was written."""


@files_atomic
def workshop_publish(
    *, workshop: Workshop, user, title: str, summary: str, legal_form: str, task_area, documents=()
):
    """Create the project draft from the Werkstatt and submit it for review; returns the project.

    `documents`: WorkshopDocuments chosen for publication – the latest version of each is copied
    into a project document (the Werkstatt's own file stays private).
    """
    from ikz.projects import permissions as project_permissions
    from ikz.projects import services as project_services

    _lead(workshop, user)
    _writable(workshop)
    if not project_permissions.can_create(user):
        raise PermissionDenied("Projekte eintragen können Mitglieder einer Körperschaft.")
    existing = WorkshopPublication.objects.filter(workshop=workshop, project__isnull=False).first()
    if existing is not None:
        raise PublishRefused("Diese Werkstatt ist bereits als Projekt eingereicht.", code="published")
    uploads = []
    for document in documents:
        if document.workshop_id != workshop.pk:
            raise PermissionDenied
        version = document.latest
        if version is None:
            continue
        with version.file.open("rb") as stored:
            content = ContentFile(stored.read(), name=version.filename)
        uploads.append(project_services.DocumentUpload(title=document.title, file=content, user=user))
    fields = {"title": title, "summary": summary, "legal_form": legal_form, "situation": workshop.task}
    try:
        project = project_services.project_create_draft(
            user=user, fields=fields, task_area_ids=[task_area.pk] if task_area else [],
            participants=participants_for(workshop, user), documents=uploads,
        )  # fmt: skip
        project_services.project_submit(project=project, user=user)
    except (project_services.RateLimited, project_services.InvalidState) as exc:
        raise PublishRefused(str(exc), code="refused") from exc
    WorkshopPublication.objects.update_or_create(
        workshop=workshop, defaults={"project": project, "published_by": user}
    )
    _log(
        workshop,
        user,
        ACTIVITY_PUBLISHED,
        f"{_name(user)} hat die Werkstatt als Projekt „{project.title}“ veröffentlicht; es liegt der "
        "Redaktion zur Prüfung vor.",
    )
    return project


def publication_of(workshop: Workshop) -> dict | None:
    """The project the Werkstatt was published as, with its moderation state, for the Werkstatt page."""
    found = (
        WorkshopPublication.objects.select_related("project", "published_by")
        .filter(workshop=workshop)
        .first()
    )
    if found is None or found.project is None:
        return None
    project = found.project
    return {
        "project": project,
        "url": project.get_absolute_url(),
        "edit_url": reverse("projects:edit", args=[project.pk]),
        "status": project.get_moderation_status_display(),
        "by": found.published_by,
        "at": found.published_at,
    }


def publishable_documents(workshop: Workshop):
    return (
        WorkshopDocument.objects.filter(workshop=workshop, versions__isnull=False)
        .distinct()
        .order_by("title")
    )
