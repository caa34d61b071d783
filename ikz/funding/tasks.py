"""The daily notices of the Förderprogramme as a background task (returns only a count)."""

from django_tasks import task


@task()
def funding_notices_task() -> int:
    from .services import funding_notices_send

    return funding_notices_send()
