"""Hooks for ikz/search/tests/test_visibility.py: a public thread in the index, and each change that
must take it out again (made private by the asker, hidden by the Redaktion, deleted)."""

from django.utils import timezone

ACTIONS = ["question_private", "question_hide", "question_delete"]


def make(title: str, body: str):
    from ikz.questions.models import Question
    from ikz.questions.search import index_update

    question = Question.objects.create(
        title=title, body=body, is_public=True, last_activity_at=timezone.now()
    )
    index_update(question)
    return question


def act(action: str, question) -> None:
    from ikz.questions.search import index_update
    from ikz.search.registry import search_index_delete

    if action == "question_private":
        question.is_public = False
        question.save()
        index_update(question)
    elif action == "question_hide":
        question.hidden_at = timezone.now()
        question.save()
        index_update(question)
    elif action == "question_delete":
        search_index_delete(question)
        question.delete()
    else:
        raise AssertionError(action)
