"""Reads of „Kommunen fragen Kommunen“. Every page reaches a thread through question_for."""

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from .models import Answer, Follow, Question, Report
from .permissions import may_read, may_read_private

PER_PAGE = 20


def question_for(*, user, pk: int) -> Question:
    """The thread if the person may read it; 404 for hidden ones (everyone) and unknown numbers.

    Private threads raise `MembersOnly` for those who may not read them, so the page can say why.
    """
    question = (
        Question.objects.select_related("task_area", "author", "municipality", "helpful_answer", "faq_page")
        .filter(pk=pk)
        .first()
    )
    if question is None or question.is_hidden:
        raise Http404("Diese Frage gibt es nicht (mehr).")
    if not may_read(user, question):
        raise MembersOnly
    return question


class MembersOnly(Exception):
    """A private thread asked for by someone who is no member."""


def questions_for(*, user, task_area=None, query: str = "") -> QuerySet[Question]:
    qs = Question.objects.readable_by(user).select_related("task_area", "municipality", "author")
    if task_area is not None:
        qs = qs.filter(Q(task_area=task_area) | Q(task_area__parent=task_area))
    if query:
        qs = qs.filter(Q(title__icontains=query) | Q(body__icontains=query))
    return qs.annotate(
        answer_count=Count("answers", filter=Q(answers__hidden_at__isnull=True), distinct=True)
    ).order_by("-last_activity_at", "-pk")


def answers_of(*, question: Question) -> QuerySet[Answer]:
    return question.answers.shown().select_related("author", "municipality")


def follow_of(*, question: Question, user) -> Follow | None:
    if not user.is_authenticated:
        return None
    return Follow.objects.filter(question=question, user=user).first()


def followed_by(*, user) -> list[Question]:
    """Followed threads the person may still read, each with `new_answers` since the last visit.

    One query however many threads are followed: the new answers are counted in a subquery."""
    new_answers = (
        Answer.objects.shown()
        .filter(
            question=OuterRef("question"),
            created_at__gt=Coalesce(OuterRef("seen_at"), OuterRef("created_at")),
        )
        .exclude(author=user)
        .order_by()
        .values("question")
        .annotate(n=Count("pk"))
        .values("n")
    )
    follows = (
        Follow.objects.filter(user=user, question__hidden_at__isnull=True)
        .select_related("question")
        .annotate(new_answers=Coalesce(Subquery(new_answers, output_field=IntegerField()), 0))
        .order_by("-question__last_activity_at")
    )
    private_ok = may_read_private(user)
    found = []
    for follow in follows:
        question = follow.question
        if not (question.is_public or private_ok):
            continue
        question.new_answers = follow.new_answers
        found.append(question)
    return found


def open_reports() -> QuerySet[Report]:
    return Report.objects.filter(handled_at__isnull=True)


def reported_questions() -> QuerySet[Question]:
    return Question.objects.annotate(
        open_reports=Exists(Report.objects.filter(question=OuterRef("pk"), handled_at__isnull=True))
    )


def konto_context(request) -> dict | None:
    """/konto/: the followed questions, with new answers since the last visit."""
    user = request.user
    if not user.is_authenticated:
        return None
    questions = followed_by(user=user)
    if not questions and not may_read_private(user):
        return None
    return {"questions": questions[:20], "count": len(questions)}
