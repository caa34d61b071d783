"""Writes of „Kommunen fragen Kommunen“. Views call these; each checks who may do it."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ikz.core.concurrency import Conflict, cas_bump, merge, retries

from . import emails
from .models import Answer, Follow, Question, Report
from .permissions import is_portal_member, may_answer, may_edit, may_follow, may_moderate, may_read
from .search import index_update

QUESTION_FIELDS = ("title", "body", "task_area", "is_public")
ANSWER_FIELDS = ("body",)
LOCKED = "Diese Frage ist geschlossen: Die Redaktion hat sie für neue Antworten gesperrt."
HIDDEN = "Dieser Beitrag ist ausgeblendet und kann nicht mehr bearbeitet werden."
MEMBERS_ONLY = "Fragen stellen und beantworten können Mitglieder einer Körperschaft."


def _membership_municipality(user):
    from ikz.accounts.models import Membership

    membership = (
        Membership.objects.confirmed().filter(user=user).select_related("municipality").order_by("pk").first()
    )
    return membership.municipality if membership else None


def _touch(question: Question, *, at=None) -> None:
    Question.objects.filter(pk=question.pk).update(last_activity_at=at or timezone.now())


# --- Questions ---------------------------------------------------------------------------------


@transaction.atomic
def question_create(*, user, title: str, body: str = "", task_area=None, is_public: bool = False) -> Question:
    """Ask the members; the asker follows the question from the start."""
    if not is_portal_member(user):
        raise PermissionDenied(MEMBERS_ONLY)
    now = timezone.now()
    question = Question.objects.create(
        title=title,
        body=body,
        task_area=task_area,
        is_public=is_public,
        author=user,
        municipality=_membership_municipality(user),
        last_activity_at=now,
    )
    Follow.objects.create(question=question, user=user, seen_at=now)
    index_update(question)
    return question


def question_values(question: Question) -> dict:
    return {
        "title": question.title,
        "body": question.body,
        "task_area": question.task_area.slug if question.task_area_id else "",
        "is_public": bool(question.is_public),
    }


@dataclass
class SaveOutcome:
    obj: Question | Answer
    conflicts: list[Conflict] = field(default_factory=list)
    saved: bool = False
    from_others: set[str] = field(default_factory=set)


def question_save(*, question: Question, user, base: dict, mine: dict) -> SaveOutcome:
    """The asker's (or the Redaktion's) edit, merged with what was saved meanwhile (decision 0011):
    a field both changed differently comes back as a conflict and is not written."""
    from ikz.core.taxonomy import TaskArea

    for _attempt in retries():
        with transaction.atomic():
            current = (
                Question.objects.select_for_update(of=("self",))
                .select_related("task_area")
                .get(pk=question.pk)
            )
            if not (may_edit(user, current) or may_moderate(user)):
                raise ValidationError(LOCKED if current.is_locked else HIDDEN, code="not_editable")
            result = merge(base=base, mine=mine, theirs=question_values(current))
            if result.conflicts or not result.mine_applied:
                return SaveOutcome(obj=current, conflicts=result.conflicts, from_others=result.theirs_applied)
            changes = {name: result.merged[name] for name in result.mine_applied}
            if "task_area" in changes:
                slug = changes.pop("task_area")
                changes["task_area"] = TaskArea.objects.filter(slug=slug).first() if slug else None
            if not cas_bump(current, updated_by=user, updated_at=timezone.now(), **changes):
                transaction.set_rollback(True)
                continue
            index_update(current)
            return SaveOutcome(obj=current, saved=True, from_others=result.theirs_applied)
    raise AssertionError("unreachable: retries() raises when exhausted")  # pragma: no cover


# --- Answers -----------------------------------------------------------------------------------


@transaction.atomic
def answer_create(*, question: Question, user, body: str) -> Answer:
    """Answer a thread; its followers (not the author) get a mail through the outbox."""
    current = Question.objects.select_for_update().get(pk=question.pk)
    if not is_portal_member(user):
        raise PermissionDenied(MEMBERS_ONLY)
    if current.is_locked:
        raise ValidationError(LOCKED, code="locked")
    if not may_answer(user, current):
        raise PermissionDenied
    answer = Answer.objects.create(
        question=current, body=body, author=user, municipality=_membership_municipality(user)
    )
    _touch(current, at=answer.created_at)
    emails.answer_notify(answer=answer)
    index_update(current)
    return answer


def answer_values(answer: Answer) -> dict:
    return {"body": answer.body}


def answer_save(*, answer: Answer, user, base: dict, mine: dict) -> SaveOutcome:
    for _attempt in retries():
        with transaction.atomic():
            current = (
                Answer.objects.select_for_update(of=("self",)).select_related("question").get(pk=answer.pk)
            )
            if not (may_edit(user, current) or may_moderate(user)):
                raise ValidationError(LOCKED if current.question.is_locked else HIDDEN, code="not_editable")
            result = merge(base=base, mine=mine, theirs=answer_values(current))
            if result.conflicts or not result.mine_applied:
                return SaveOutcome(obj=current, conflicts=result.conflicts, from_others=result.theirs_applied)
            changes = {name: result.merged[name] for name in result.mine_applied}
            if not cas_bump(current, updated_by=user, updated_at=timezone.now(), **changes):
                transaction.set_rollback(True)
                continue
            index_update(current.question)
            return SaveOutcome(obj=current, saved=True, from_others=result.theirs_applied)
    raise AssertionError("unreachable: retries() raises when exhausted")  # pragma: no cover


@transaction.atomic
def helpful_mark(*, question: Question, answer: Answer | None, user) -> Question:
    """The asker marks the answer that helped (None: takes the mark back)."""
    current = Question.objects.select_for_update().get(pk=question.pk)
    if user.pk is None or current.author_id != user.pk or not may_read(user, current):
        raise ValidationError(
            "Als hilfreich markieren kann nur, wer die Frage gestellt hat.", code="not_asker"
        )
    if answer is not None and (answer.question_id != current.pk or answer.is_hidden):
        raise ValidationError("Diese Antwort gehört nicht zu dieser Frage.", code="wrong_answer")
    current.helpful_answer = answer
    current.save(update_fields=["helpful_answer"])
    index_update(current)
    return current


# --- Following ---------------------------------------------------------------------------------


def follow_create(*, question: Question, user) -> Follow:
    if not may_follow(user, question):
        raise PermissionDenied
    try:
        with transaction.atomic():
            return Follow.objects.create(question=question, user=user, seen_at=timezone.now())
    except IntegrityError:
        raise ValidationError("Sie folgen dieser Frage bereits.", code="following") from None


def follow_delete(*, question: Question, user) -> None:
    deleted, _ = Follow.objects.filter(question=question, user=user).delete()
    if not deleted:
        raise ValidationError("Sie folgen dieser Frage nicht.", code="not_following")


def follow_seen(*, question: Question, user) -> None:
    if user.is_authenticated:
        Follow.objects.filter(question=question, user=user).update(seen_at=timezone.now())


# --- Reports and moderation --------------------------------------------------------------------


@transaction.atomic
def report_create(*, question: Question, user, reason: str, answer: Answer | None = None) -> Report:
    if not is_portal_member(user) or not may_read(user, question):
        raise PermissionDenied("Beiträge melden können Mitglieder einer Körperschaft.")
    if answer is not None and (answer.question_id != question.pk or answer.is_hidden):
        raise ValidationError("Diese Antwort gehört nicht zu dieser Frage.", code="wrong_answer")
    if Report.objects.filter(
        question=question, answer=answer, reporter=user, handled_at__isnull=True
    ).exists():
        raise ValidationError(
            "Sie haben diesen Beitrag schon gemeldet; die Redaktion sieht sich ihn an.", code="reported"
        )
    report = Report.objects.create(question=question, answer=answer, reporter=user, reason=reason)
    emails.report_notice(report=report)
    return report


def _moderator(user) -> None:
    if not may_moderate(user):
        raise PermissionDenied


@transaction.atomic
def report_handle(*, report: Report, by) -> Report:
    _moderator(by)
    Report.objects.filter(pk=report.pk, handled_at__isnull=True).update(
        handled_at=timezone.now(), handled_by=by
    )
    report.refresh_from_db()
    return report


@transaction.atomic
def question_hide(*, question: Question, by, hidden: bool = True) -> Question:
    """Hidden: gone from the site and the search for everyone at once (the admin still shows it)."""
    _moderator(by)
    question.hidden_at, question.hidden_by = (timezone.now(), by) if hidden else (None, None)
    question.save(update_fields=["hidden_at", "hidden_by"])
    index_update(question)
    return question


@transaction.atomic
def question_lock(*, question: Question, by, locked: bool = True) -> Question:
    _moderator(by)
    question.locked_at, question.locked_by = (timezone.now(), by) if locked else (None, None)
    question.save(update_fields=["locked_at", "locked_by"])
    return question


@transaction.atomic
def answer_hide(*, answer: Answer, by, hidden: bool = True) -> Answer:
    _moderator(by)
    answer.hidden_at, answer.hidden_by = (timezone.now(), by) if hidden else (None, None)
    answer.save(update_fields=["hidden_at", "hidden_by"])
    if hidden:
        Question.objects.filter(pk=answer.question_id, helpful_answer=answer).update(helpful_answer=None)
    index_update(answer.question)
    return answer


@transaction.atomic
def question_faq_draft(*, question: Question, by):
    """One step from a good thread to an unpublished FAQ entry: the question, the helpful answer (or
    else the answers); names and addresses of those who wrote are taken out. It then goes through
    the FAQ's own moderation and publication. The way back to the thread is Question.faq_page,
    shown as links in the FAQ entry's editing view only (ikz.questions.panels), never in the answer."""
    from ikz.faq.services import faq_draft_create

    _moderator(by)
    current = Question.objects.select_for_update().get(pk=question.pk)
    if current.faq_page_id:
        raise ValidationError("Aus dieser Frage ist schon ein FAQ-Eintrag entstanden.", code="exists")
    shown = list(current.answers.shown().select_related("author"))
    if current.helpful_answer_id and not current.helpful_answer.is_hidden:
        chosen = [current.helpful_answer]
    else:
        chosen = shown
    if not chosen:
        raise ValidationError("Erst wenn die Frage beantwortet ist, kann daraus ein FAQ-Eintrag werden.")
    people = [current.author] + [a.author for a in shown]
    scrub = []
    for person in people:
        if person is not None:
            scrub += [person.email, person.get_full_name(), person.first_name, person.last_name]
    answer = "\n\n".join(a.body for a in chosen)
    page = faq_draft_create(title=current.title, question=current.body, answer=answer, scrub=scrub)
    if current.task_area_id:
        page.task_areas.add(current.task_area)
        page.save()
        page.save_revision()
    current.faq_page = page
    current.save(update_fields=["faq_page"])
    return page
