"""Writes of the Kooperationswerkstatt; each one leaves an entry in the activity list."""

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ikz.core.concurrency import Conflict, cas_bump, merge, retries

from . import emails
from .models import Activity, ActivityKind, Invitation, Note, Role, Workshop, WorkshopMember
from .permissions import is_portal_member, may_take_part

INVITATION_VALID_DAYS = 30
NOTE_FIELDS = ("kind", "title", "text")
WORKSHOP_FIELDS = ("title", "task_area", "task", "partners")
ARCHIVED = "Die Werkstatt ist archiviert; sie kann nur noch gelesen werden."


class WorkshopArchived(ValidationError):
    def __init__(self):
        super().__init__(ARCHIVED, code="archived")


class InvitationError(Exception):
    """The invitation cannot be accepted; `message` says why, in German."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


def _name(user) -> str:
    return user.get_full_name() or user.email if user else "Unbekannt"


def _log(workshop: Workshop, actor, kind: str, summary: str) -> Activity:
    kind = ActivityKind(kind)  # every kind is one of the model's choices (ValueError otherwise)
    Workshop.objects.filter(pk=workshop.pk).update(updated_at=timezone.now())
    return Activity.objects.create(workshop=workshop, actor=actor, kind=kind, summary=summary[:400])


def _writable(workshop: Workshop) -> None:
    if Workshop.objects.filter(pk=workshop.pk, archived_at__isnull=False).exists():
        raise WorkshopArchived


def _lead(workshop: Workshop, user) -> None:
    if not WorkshopMember.objects.filter(workshop=workshop, user=user, role=Role.LEAD).exists():
        raise PermissionDenied("Das darf nur die Leitung der Werkstatt.")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def workshop_create(
    *, user, title: str, task_area=None, task: str = "", partners=(), assistant_query: str = ""
) -> Workshop:
    """Open a Werkstatt; the person who opens it leads it. Only confirmed Mitglieder may."""
    if not is_portal_member(user):
        raise PermissionDenied("Eine Werkstatt eröffnen können Mitglieder einer Körperschaft.")
    workshop = Workshop.objects.create(
        title=title, task_area=task_area, task=task, created_by=user, assistant_query=assistant_query
    )
    workshop.partners.set(partners)
    WorkshopMember.objects.create(workshop=workshop, user=user, role=Role.LEAD)
    _log(workshop, user, ActivityKind.CREATED, f"{_name(user)} hat die Werkstatt eröffnet.")
    if assistant_query:
        _log(
            workshop,
            user,
            ActivityKind.RESULT_SAVED,
            f"{_name(user)} hat ein Ergebnis des Kooperationsassistenten übernommen.",
        )
    return workshop


@transaction.atomic
def workshop_result_save(*, workshop: Workshop, user, assistant_query: str) -> Workshop:
    """Keep an assistant result (its answers) in an existing Werkstatt; the previous one is replaced."""
    _writable(workshop)
    if not WorkshopMember.objects.filter(workshop=workshop, user=user).exists():
        raise PermissionDenied
    Workshop.objects.filter(pk=workshop.pk).update(assistant_query=assistant_query)
    workshop.assistant_query = assistant_query
    _log(
        workshop,
        user,
        ActivityKind.RESULT_SAVED,
        f"{_name(user)} hat ein Ergebnis des Kooperationsassistenten übernommen.",
    )
    return workshop


def workshop_values(workshop: Workshop) -> dict:
    """Title, task area (slug), task and partners (sorted AGS) – the shape the edit form compares."""
    return {
        "title": workshop.title,
        "task_area": workshop.task_area.slug if workshop.task_area_id else "",
        "task": workshop.task,
        "partners": tuple(sorted(workshop.partners.values_list("ags", flat=True))),
    }


@dataclass
class WorkshopSaveOutcome:
    workshop: Workshop
    conflicts: list[Conflict] = field(default_factory=list)
    saved: bool = False
    from_others: set[str] = field(default_factory=set)


def workshop_update(*, workshop: Workshop, user, base: dict, mine: dict) -> WorkshopSaveOutcome:
    """Merge one member's edit of the Werkstatt's data (decision 0011); conflicts are returned, not written."""
    from ikz.core.taxonomy import TaskArea
    from ikz.municipalities.models import Municipality

    for _attempt in retries():
        with transaction.atomic():
            current = (
                Workshop.objects.select_for_update(of=("self",))
                .select_related("task_area")
                .get(pk=workshop.pk)
            )
            if current.is_archived:
                raise WorkshopArchived
            if not WorkshopMember.objects.filter(workshop=current, user=user).exists():
                raise PermissionDenied
            result = merge(base=base, mine=mine, theirs=workshop_values(current))
            if result.conflicts or not result.mine_applied:
                return WorkshopSaveOutcome(
                    workshop=current, conflicts=result.conflicts, from_others=result.theirs_applied
                )
            merged = result.merged
            area = TaskArea.objects.filter(slug=merged["task_area"]).first() if merged["task_area"] else None
            if not cas_bump(current, title=merged["title"], task_area=area, task=merged["task"]):
                transaction.set_rollback(True)
                continue
            if "partners" in result.mine_applied:
                current.partners.set(Municipality.objects.filter(ags__in=merged["partners"]))
            labels = {
                "title": "Titel",
                "task_area": "Aufgabenbereich",
                "task": "Aufgabe",
                "partners": "Partner",
            }
            changed = ", ".join(labels[name] for name in WORKSHOP_FIELDS if name in result.mine_applied)
            _log(
                current,
                user,
                ActivityKind.EDITED,
                f"{_name(user)} hat die Angaben der Werkstatt geändert ({changed}).",
            )
            return WorkshopSaveOutcome(workshop=current, saved=True, from_others=result.theirs_applied)
    raise AssertionError("unreachable: retries() raises when exhausted")  # pragma: no cover


@transaction.atomic
def workshop_archive(*, workshop: Workshop, by) -> Workshop:
    _lead(workshop, by)
    _writable(workshop)
    workshop.archived_at = timezone.now()
    workshop.archived_by = by
    workshop.save(update_fields=["archived_at", "archived_by"])
    for invitation in workshop.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True):
        invitation.revoked_at = workshop.archived_at
        invitation.save(update_fields=["revoked_at"])
    _log(workshop, by, ActivityKind.ARCHIVED, f"{_name(by)} hat die Werkstatt abgeschlossen und archiviert.")
    return workshop


# --- Members and invitations --------------------------------------------------------------------


@transaction.atomic
def invitation_create(
    *, workshop: Workshop, by, email: str, role: str = Role.CONTRIBUTOR
) -> tuple[Invitation, str]:
    """Invite an address; the mail carries a link that works once, for this address only.

    An open invitation to the same address is replaced (its link stops working).
    """
    _lead(workshop, by)
    _writable(workshop)
    email = email.strip().lower()
    if WorkshopMember.objects.filter(workshop=workshop, user__email__iexact=email).exists():
        raise ValidationError("Diese Person gehört der Werkstatt bereits an.", code="member")
    now = timezone.now()
    workshop.invitations.filter(email=email, accepted_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=now
    )
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        workshop=workshop,
        email=email,
        role=role,
        token_hash=token_hash(token),
        invited_by=by,
        expires_at=now + timedelta(days=INVITATION_VALID_DAYS),
    )
    emails.invitation_send(invitation=invitation, token=token)
    _log(workshop, by, ActivityKind.INVITED, f"{_name(by)} hat {email} als {Role(role).label} eingeladen.")
    return invitation, token


def invitation_by_token(token: str) -> Invitation | None:
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("workshop", "invited_by")
        .filter(token_hash=token_hash(token))
        .first()
    )


def _join(invitation: Invitation, user) -> WorkshopMember:
    try:
        with transaction.atomic():
            member, created = WorkshopMember.objects.get_or_create(
                workshop=invitation.workshop, user=user, defaults={"role": invitation.role}
            )
    except IntegrityError:  # accepted twice at the same moment
        member, created = WorkshopMember.objects.get(workshop=invitation.workshop, user=user), False
    if not created and invitation.role == Role.LEAD and not member.is_lead:
        member.role = Role.LEAD
        member.save(update_fields=["role"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    _log(
        invitation.workshop,
        user,
        ActivityKind.JOINED,
        f"{_name(user)} ist der Werkstatt beigetreten ({member.get_role_display()}).",
    )
    return member


@transaction.atomic
def invitation_accept(*, token: str, user) -> Workshop:
    """Accept by link: once, for the invited address, by a person who may take part."""
    found = invitation_by_token(token)
    invitation = Invitation.objects.select_for_update().filter(pk=found.pk).first() if found else None
    if invitation is None or not invitation.is_open:
        raise InvitationError(
            "Diese Einladung gilt nicht (mehr): Sie wurde schon angenommen, zurückgezogen oder ist abgelaufen.",
            code="invalid",
        )
    if invitation.email.lower() != user.email.lower() or user.email_confirmed_at is None:
        raise InvitationError(
            "Diese Einladung gilt nur für die Adresse, an die sie geschickt wurde. Bitte melden Sie sich "
            "mit dieser (bestätigten) Adresse an.",
            code="address",
        )
    if not may_take_part(user):
        raise InvitationError(
            "Sie können der Werkstatt beitreten, sobald die Redaktion Ihre Mitgliedschaft in einer "
            "Körperschaft bestätigt hat. Die Einladung bleibt bis dahin gültig; Sie werden dann "
            "automatisch aufgenommen.",
            code="not_member",
        )
    if invitation.workshop.is_archived:
        raise InvitationError(ARCHIVED, code="archived")
    _join(invitation, user)
    return invitation.workshop


@transaction.atomic
def invitations_accept_pending(*, user) -> list[Workshop]:
    """Open invitations to the person's confirmed address, accepted once they may take part.

    Someone invited without an account registers with the invited address; after the address is
    confirmed and the Redaktion has confirmed the membership, this runs (at the membership's
    confirmation and at every login) and they land in the Werkstatt. The confirmed address proves
    they hold the mailbox the invitation went to.
    """
    if not may_take_part(user):
        return []
    joined = []
    pending = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("workshop")
        .filter(email__iexact=user.email, accepted_at__isnull=True, revoked_at__isnull=True,
                expires_at__gt=timezone.now(), workshop__archived_at__isnull=True)
    )  # fmt: skip
    for invitation in pending:
        _join(invitation, user)
        joined.append(invitation.workshop)
    return joined


@transaction.atomic
def member_remove(*, workshop: Workshop, by, member: WorkshopMember) -> None:
    """Take someone out at once; the last Leitung cannot be removed."""
    _lead(workshop, by)
    _writable(workshop)
    if member.workshop_id != workshop.pk:
        raise PermissionDenied
    if member.is_lead and not workshop.members.filter(role=Role.LEAD).exclude(pk=member.pk).exists():
        raise ValidationError(
            "Die Werkstatt braucht mindestens eine Leitung. Laden Sie zuerst eine weitere Person als Leitung ein.",
            code="last_lead",
        )
    name = _name(member.user)
    member.delete()
    _log(workshop, by, ActivityKind.REMOVED, f"{_name(by)} hat {name} aus der Werkstatt entfernt.")


@transaction.atomic
def member_leave(*, workshop: Workshop, user) -> None:
    """Someone leaves on their own; the last Leitung must first hand over (invite another Leitung)."""
    _writable(workshop)
    member = WorkshopMember.objects.select_for_update().filter(workshop=workshop, user=user).first()
    if member is None:
        raise PermissionDenied
    if member.is_lead and not workshop.members.filter(role=Role.LEAD).exclude(pk=member.pk).exists():
        raise ValidationError(
            "Sie haben als Einzige oder Einziger die Leitung. Laden Sie zuerst eine weitere Person als Leitung ein.",
            code="last_lead",
        )
    member.delete()
    _log(workshop, user, ActivityKind.REMOVED, f"{_name(user)} hat die Werkstatt verlassen.")


# --- Notes and decisions ---------------------------------------------------------------------


@transaction.atomic
def note_create(*, workshop: Workshop, user, kind: str, title: str, text: str) -> Note:
    _writable(workshop)
    note = Note.objects.create(
        workshop=workshop, kind=kind, title=title, text=text, created_by=user, updated_by=user
    )
    _log(
        workshop,
        user,
        ActivityKind.NOTE_ADDED,
        f"{_name(user)} hat „{title}“ angelegt ({note.get_kind_display()}).",
    )
    return note


def note_values(note: Note) -> dict:
    return {name: getattr(note, name) for name in NOTE_FIELDS}


@dataclass
class NoteSaveOutcome:
    note: Note
    conflicts: list[Conflict] = field(default_factory=list)
    saved: bool = False
    from_others: set[str] = field(default_factory=set)


def note_save(*, note: Note, user, base: dict, mine: dict) -> NoteSaveOutcome:
    """Merge one person's edit into the note (ikz.core.concurrency, decision 0011).

    Fields only this person changed are written; fields someone else changed meanwhile are kept;
    a field both changed differently is not written and comes back as a conflict for the person
    to decide – nothing is overwritten silently.
    """
    for _attempt in retries():
        with transaction.atomic():
            current = (
                Note.objects.select_for_update(of=("self",))
                .select_related("workshop", "updated_by")
                .get(pk=note.pk)
            )
            _writable(current.workshop)
            result = merge(base=base, mine=mine, theirs=note_values(current))
            if result.conflicts:
                return NoteSaveOutcome(
                    note=current, conflicts=result.conflicts, from_others=result.theirs_applied
                )
            if not result.mine_applied:
                return NoteSaveOutcome(note=current, from_others=result.theirs_applied)
            changes = {name: result.merged[name] for name in result.mine_applied}
            if not cas_bump(current, updated_by=user, updated_at=timezone.now(), **changes):
                transaction.set_rollback(True)
                continue
            _log(
                current.workshop,
                user,
                ActivityKind.NOTE_CHANGED,
                f"{_name(user)} hat „{current.title}“ geändert.",
            )
            return NoteSaveOutcome(note=current, saved=True, from_others=result.theirs_applied)
    raise AssertionError("unreachable: retries() raises when exhausted")  # pragma: no cover
