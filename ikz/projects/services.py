"""Writes of the projects app: drafts, revisions, moderation, confirmation, partner requests."""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.log_actions import log
from wagtail.models import Collection, ModelLogEntry

from ikz.accounts.emails import absolute_url
from ikz.core.files import files_atomic
from ikz.core.taxonomy import TaskArea

from . import emails
from .models import (
    REMINDER_AFTER,
    ModerationStatus,
    PartnerAnswer,
    PartnerRequest,
    Project,
    ProjectDocument,
    ProjectParticipant,
)
from .search import index_update

SUBMISSIONS_PER_HOUR = 5  # per account: submissions for review
DRAFTS_PER_HOUR = 10  # per account: new projects
CONFIRM_SALT = "ikz.projects.confirm"
CONFIRM_MAX_AGE = timedelta(days=120)

ACTION_CREATE = "projects.create"
ACTION_SUBMIT = "projects.submit"
ACTION_SEND_BACK = "projects.send_back"
ACTION_CONFIRM = "projects.confirm"


class EditConflict(Exception):
    """Someone saved the project after this form was loaded; nothing was written."""

    message = (
        "Das Projekt wurde inzwischen von jemand anderem geändert. Ihre Änderungen wurden nicht "
        "gespeichert. Bitte laden Sie das Projekt neu und übertragen Sie Ihre Änderungen."
    )


class RateLimited(Exception):
    pass


class InvalidState(Exception):
    pass


def _actions_in_last_hour(*, user, action: str, now) -> int:
    return ModelLogEntry.objects.filter(
        user=user,
        action=action,
        content_type=ContentType.objects.get_for_model(Project),
        timestamp__gte=now - timedelta(hours=1),
    ).count()


@dataclass(frozen=True)
class DocumentUpload:
    """A file for the project, stored only inside the project's transaction (see _document_store)."""

    title: str
    file: Any
    user: Any


def _document_store(upload: DocumentUpload):
    # Called inside the service's files_atomic block: a refused or failed save leaves neither the
    # Document row nor its file behind.
    return get_document_model().objects.create(
        title=upload.title,
        file=upload.file,
        collection=Collection.get_first_root_node(),
        uploaded_by_user=upload.user,
    )


PARTICIPANT_VALUES = ("municipality_id", "name", "role", "contact_name", "contact_email", "contact_phone")


def _content(project: Project, fields: dict) -> tuple:
    """What a save can change, to tell an unchanged save from a real one."""
    return (
        tuple(getattr(project, name) for name in fields),
        sorted(a.pk for a in project.task_areas.all()),
        [tuple(getattr(p, f) for f in PARTICIPANT_VALUES) for p in project.participants.all()],
        [(d.document_id, d.title) for d in project.documents.all()],
    )


def _apply(project: Project, *, fields: dict, task_area_ids, participants: list[dict], documents) -> None:
    for name, value in fields.items():
        setattr(project, name, value)
    project.task_areas = list(TaskArea.objects.filter(pk__in=list(task_area_ids)))
    project.participants = [ProjectParticipant(sort_order=i, **p) for i, p in enumerate(participants)]
    if documents is not None:
        documents = [_document_store(d) if isinstance(d, DocumentUpload) else d for d in documents]
        project.documents = [
            ProjectDocument(sort_order=i, document=d, title=d.title) for i, d in enumerate(documents)
        ]


@files_atomic
def project_create_draft(
    *, user, fields: dict, task_area_ids, participants: list[dict], documents=(), now=None
) -> Project:
    now = now or timezone.now()
    if _actions_in_last_hour(user=user, action=ACTION_CREATE, now=now) >= DRAFTS_PER_HOUR:
        raise RateLimited(
            f"Sie haben in der letzten Stunde bereits {DRAFTS_PER_HOUR} Projekte angelegt. "
            "Bitte versuchen Sie es später noch einmal."
        )
    project = Project(live=False, created_by=user, created_at=now, moderation_status=ModerationStatus.DRAFT)
    _apply(
        project,
        fields=fields,
        task_area_ids=task_area_ids,
        participants=participants,
        documents=list(documents),
    )
    project.save()
    project.save_revision(user=user, clean=False)
    log(project, ACTION_CREATE, user=user)
    return project


@files_atomic
def project_update(
    *, project: Project, user, base_revision_id: int | None, fields: dict, task_area_ids,
    participants: list[dict], documents=None,
) -> Project:  # fmt: skip
    """Save a new revision. A published project stays as it is until the Redaktion approves.

    `base_revision_id` is the revision the form was loaded from (optimistic locking).
    """
    current = Project.objects.select_for_update().get(pk=project.pk)
    if current.latest_revision_id != base_revision_id:
        raise EditConflict(EditConflict.message)
    if current.moderation_status == ModerationStatus.SUBMITTED and not user.has_perm(
        "projects.change_project"
    ):
        raise InvalidState(
            "Das Projekt liegt der Redaktion zur Prüfung vor und kann gerade nicht bearbeitet werden."
        )
    draft = current.get_latest_revision_as_object()
    before = _content(draft, fields)
    _apply(draft, fields=fields, task_area_ids=task_area_ids, participants=participants, documents=documents)
    if _content(draft, fields) == before:
        return current  # saved unchanged: no new revision, a published project stays "freigegeben"
    if not current.live:
        draft.save()  # never published: the row is the draft
    draft.save_revision(user=user, clean=False, log_action=True)
    if current.moderation_status != ModerationStatus.SUBMITTED:
        Project.objects.filter(pk=current.pk).update(moderation_status=ModerationStatus.DRAFT)
    current.refresh_from_db()
    return current


def project_missing_for_submit(project: Project) -> list[str]:
    """What the latest version still lacks before the Redaktion can review it (drafts may lack it)."""
    draft = project.get_latest_revision_as_object() if project.latest_revision_id else project
    missing = []
    if not (draft.summary or "").strip():
        missing.append("Kurzbeschreibung")
    if not list(draft.task_areas.all()):
        missing.append("Aufgabenbereich")
    if not draft.legal_form:
        missing.append("Rechtsform")
    if not list(draft.participants.all()):
        missing.append("beteiligte Körperschaft")
    return missing


@transaction.atomic
def project_submit(*, project: Project, user, now=None) -> Project:
    now = now or timezone.now()
    project.refresh_from_db()
    if project.moderation_status == ModerationStatus.SUBMITTED:
        raise InvalidState("Das Projekt ist bereits zur Prüfung eingereicht.")
    if project.live and not project.has_unpublished_changes:
        raise InvalidState("Es gibt keine Änderungen, die geprüft werden müssten.")
    if missing := project_missing_for_submit(project):
        raise InvalidState(
            "Zum Einreichen fehlen noch: " + ", ".join(missing) + ". Bitte ergänzen Sie den Entwurf."
        )
    if _actions_in_last_hour(user=user, action=ACTION_SUBMIT, now=now) >= SUBMISSIONS_PER_HOUR:
        raise RateLimited(
            f"Sie haben in der letzten Stunde bereits {SUBMISSIONS_PER_HOUR} Projekte eingereicht. "
            "Bitte warten Sie etwas, bevor Sie weitere einreichen."
        )
    Project.objects.filter(pk=project.pk).update(
        moderation_status=ModerationStatus.SUBMITTED,
        submitted_at=now,
        submitted_by=user,
        moderation_comment="",
    )
    project.refresh_from_db()
    log(project, ACTION_SUBMIT, user=user, revision=project.latest_revision)
    emails.project_submitted_notify(project=project)
    return project


@transaction.atomic
def project_approve(*, project: Project, user, comment: str = "", now=None) -> Project:
    """Publish the submitted revision; the submitter is told by e-mail."""
    now = now or timezone.now()
    project.refresh_from_db()
    if project.moderation_status != ModerationStatus.SUBMITTED:
        raise InvalidState("Nur eingereichte Projekte können freigegeben werden.")
    project.latest_revision.publish(user=user, skip_permission_checks=True)
    Project.objects.filter(pk=project.pk).update(
        moderation_status=ModerationStatus.APPROVED, moderation_comment=comment, last_confirmed_at=now,
        reminder_sent_at=None,
    )  # fmt: skip
    project.refresh_from_db()
    emails.project_decided_notify(project=project, approved=True, comment=comment)
    index_update(project)
    return project


@transaction.atomic
def project_send_back(*, project: Project, user, comment: str) -> Project:
    if project.moderation_status != ModerationStatus.SUBMITTED:
        raise InvalidState("Nur eingereichte Projekte können zurückgegeben werden.")
    if not comment.strip():
        raise InvalidState("Bitte schreiben Sie, was geändert werden soll.")
    Project.objects.filter(pk=project.pk).update(
        moderation_status=ModerationStatus.SENT_BACK, moderation_comment=comment
    )
    project.refresh_from_db()
    log(project, ACTION_SEND_BACK, user=user, data={"comment": comment})
    emails.project_decided_notify(project=project, approved=False, comment=comment)
    return project


def project_confirm(*, project: Project, user=None, now=None) -> Project:
    """ "Still current": resets the stale-content clock."""
    now = now or timezone.now()
    Project.objects.filter(pk=project.pk).update(last_confirmed_at=now, reminder_sent_at=None)
    project.refresh_from_db()
    log(project, ACTION_CONFIRM, user=user)
    return project


def confirm_token_make(project: Project) -> str:
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(str(project.pk))


def confirm_token_read(token: str) -> Project | None:
    try:
        pk = signing.TimestampSigner(salt=CONFIRM_SALT).unsign(token, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    return Project.objects.published().filter(pk=pk).first()


def _reminder_addresses(project: Project) -> list[str]:
    addresses = [p.contact_email for p in project.participants.all() if p.contact_email]
    lead = [p.contact_email for p in project.participants.all() if p.contact_email and p.role == "lead"]
    if lead:
        return lead[:1]
    if addresses:
        return addresses[:1]
    person = project.submitted_by or project.created_by
    return [person.email] if person else []


def project_reminders_send(*, now=None) -> int:
    """Remind the contact of every published project not confirmed for 12 months (once per period)."""
    now = now or timezone.now()
    due = []
    candidates = Project.objects.published().filter(is_example=False, external_id__isnull=True)
    for project in candidates.prefetch_related("participants").select_related("created_by", "submitted_by"):
        last = project.confirmed_or_published()
        if now - last < REMINDER_AFTER:
            continue
        if project.reminder_sent_at and project.reminder_sent_at >= last:
            continue
        due.append(project)
    for project in due:
        url = absolute_url(reverse("projects:confirm", kwargs={"token": confirm_token_make(project)}))
        with transaction.atomic():
            emails.project_reminder_send(project=project, to=_reminder_addresses(project), confirm_url=url)
            Project.objects.filter(pk=project.pk).update(reminder_sent_at=now)
    return len(due)


# --- Partner requests ------------------------------------------------------------------


def partner_request_create(*, user, municipality, task_area, title: str, description: str) -> PartnerRequest:
    return PartnerRequest.objects.create(
        created_by=user, municipality=municipality, task_area=task_area, title=title, description=description
    )


def partner_request_close(*, request: PartnerRequest, now=None) -> PartnerRequest:
    request.closed_at = now or timezone.now()
    request.save(update_fields=["closed_at"])
    return request


@transaction.atomic
def partner_answer_send(*, request: PartnerRequest, user, municipality, message: str) -> PartnerAnswer:
    if not request.is_open:
        raise InvalidState("Diese Partnersuche ist bereits abgeschlossen.")
    answer = PartnerAnswer.objects.create(
        request=request, municipality=municipality, message=message, created_by=user
    )
    emails.partner_answer_notify(answer=answer)
    return answer
