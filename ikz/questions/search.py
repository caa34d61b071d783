"""Public threads in the portal search (ikz/search). Private or hidden ones never enter the index:
the adapter's public filter is the one rule, checked again on every result."""

from django.apps import apps


def question_entry(question):
    from ikz.search.documents import IndexEntry

    answers = [a.body for a in question.answers.all() if a.hidden_at is None]
    return IndexEntry(
        source="questions.question",
        object_id=str(question.pk),
        kind="question",
        title=question.title,
        url=question.get_absolute_url(),
        body="\n".join(part for part in [question.body, *answers] if part),
        context="Kommunen fragen Kommunen",
        year=question.created_at.year if question.created_at else None,
        task_areas=[question.task_area.name] if question.task_area_id else [],
    )


def index_update(question) -> None:
    if apps.is_installed("ikz.search"):
        from ikz.search.registry import search_index_update

        search_index_update(question)


def register_search() -> None:
    if not apps.is_installed("ikz.search"):
        return
    from ikz.search.registry import register

    from .models import Question

    register(
        Question,
        question_entry,
        public=lambda qs: qs.public(),
        prepare=lambda qs: qs.select_related("task_area").prefetch_related("answers"),
        source="questions.question",
    )
