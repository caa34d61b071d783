"""The activity list has one vocabulary: every entry's kind is one of ActivityKind's choices,
whichever part of the Werkstatt (plan, documents, drafts) writes it."""

import pytest

from ikz.workshop.models import Activity, ActivityKind
from ikz.workshop.services import _log

pytestmark = pytest.mark.django_db


def test_an_unknown_kind_is_refused_before_anything_is_written(workshop, lead):
    before = Activity.objects.count()
    with pytest.raises(ValueError):
        _log(workshop, lead, "erfunden", "…")
    assert Activity.objects.count() == before


def test_the_kinds_of_plan_documents_and_drafts_are_choices(workshop, lead):
    from ikz.agreements.services import ACTIVITY_CREATED, ACTIVITY_SAVED
    from ikz.workshop.models_files import ACTIVITY_DOCUMENT, ACTIVITY_PUBLISHED
    from ikz.workshop.plan import KIND_CHECKLIST, KIND_PLAN

    for kind in (
        ACTIVITY_CREATED,
        ACTIVITY_SAVED,
        ACTIVITY_DOCUMENT,
        ACTIVITY_PUBLISHED,
        KIND_CHECKLIST,
        KIND_PLAN,
    ):
        entry = _log(workshop, lead, kind, "Eintrag")
        entry.full_clean()  # the stored kind passes the model's own validation
        assert entry.get_kind_display() == ActivityKind(kind).label
