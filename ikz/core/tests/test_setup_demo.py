"""The README's demo command: everything it loads, and that running it again changes nothing."""

import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_setup_demo_loads_everything_and_is_idempotent():
    from wagtail.models import Page

    from ikz.accounts.models import User
    from ikz.library.models import LawSection
    from ikz.municipalities.models import Municipality
    from ikz.projects.models import Project
    from ikz.search.models import SearchDocument
    from ikz.workshop.models import Note, Workshop

    out = io.StringIO()
    call_command("setup_demo", stdout=out)
    counts = (
        Municipality.objects.count(),
        LawSection.objects.count(),
        Project.objects.filter(live=True).count(),
        Page.objects.count(),
        User.objects.count(),
        SearchDocument.objects.count(),
    )
    assert counts[0] == 427
    assert counts[1] > 3000 and counts[2] >= 10 and counts[5] > 3000
    assert "redaktion@ikz-portal.nrw.example" in out.getvalue()
    # The demo member leads one example Werkstatt, started from an assistant result, with a note.
    workshop = Workshop.objects.get()
    assert "(Beispiel)" in workshop.title and workshop.assistant_query
    assert workshop.members.get().user.email == "mitglied@ikz-portal.nrw.example"
    assert sorted(workshop.partners.values_list("ags", flat=True)) == ["05374016", "05374020"]
    assert Note.objects.filter(workshop=workshop).count() == 1
    # … with the plan of the legal form the assistant ranks first and a first, incomplete draft.
    from ikz.agreements.drafting import generate, snapshot
    from ikz.agreements.models import Draft

    assert workshop.plan.milestones.count() >= 3
    draft = Draft.objects.get(workshop=workshop)
    assert draft.versions.count() == 1 and "Beispiel" in draft.cost_sharing
    assert generate(snapshot(draft)).missing  # shows what „unvollständig“ means

    call_command("setup_demo", stdout=io.StringIO())
    assert (
        Municipality.objects.count(),
        LawSection.objects.count(),
        Project.objects.filter(live=True).count(),
        Page.objects.count(),
        User.objects.count(),
        SearchDocument.objects.count(),
    ) == counts
    assert Workshop.objects.count() == 1 and Note.objects.count() == 1
    assert Draft.objects.count() == 1 and draft.versions.count() == 1
