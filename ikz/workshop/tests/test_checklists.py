"""Checklist runs of a Werkstatt: started from the library, seen and ticked by every member,
merged like the library's own runs, invisible outside the Werkstatt."""

import pytest
from django.urls import reverse

from ikz.library.models import ChecklistRun
from ikz.workshop.models import Activity, Role
from ikz.workshop.models_plan import WorkshopChecklistRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(member_factory, municipality_factory, workshop, add_member):
    # a member of the partner Körperschaft, invited into the Werkstatt
    user = member_factory(
        municipality=municipality_factory("05374020"),
        email="partner@lindlar.nrw.example",
        first_name="Pia",
        last_name="Partner",
    )
    add_member(workshop, user, Role.CONTRIBUTOR)
    return user


def _start(client, workshop, checklist, user):
    client.force_login(user)
    response = client.post(
        reverse("workshop:checklists", args=[workshop.key]), {"checklist": str(checklist.pk), "title": ""}
    )
    assert response.status_code == 302
    return WorkshopChecklistRun.objects.get(workshop=workshop)


def _save_data(link, steps, *, done=(), notes=None, base_done=(), base_notes=None):
    data = {"version": str(link.run.version), "done": [str(s.pk) for s in done]}
    for step in steps:
        data[f"base-done-{step.pk}"] = "1" if step in base_done else ""
        data[f"base-note-{step.pk}"] = (base_notes or {}).get(step.pk, "")
        data[f"note-{step.pk}"] = (notes or {}).get(step.pk, "")
    return data


def test_a_member_starts_a_run_all_members_tick_it(client, workshop, lead, colleague, library_checklist):
    client.force_login(lead)
    page = client.get(reverse("workshop:checklists", args=[workshop.key]))
    assert library_checklist.title in page.content.decode()
    link = _start(client, workshop, library_checklist, lead)
    assert link.run.checklist_id == library_checklist.pk and link.run.title == library_checklist.title
    steps = list(library_checklist.steps.all())
    url = reverse("workshop:checklist_run", args=[workshop.key, link.pk])
    client.force_login(colleague)  # the partner's member, not the one who started it
    response = client.get(url)
    assert response.status_code == 200 and steps[0].title in response.content.decode()
    response = client.post(url, _save_data(link, steps, done=[steps[0]], notes={steps[0].pk: "Rat am 3.5."}))
    assert response.status_code == 302
    state = link.run.states.get(step=steps[0])
    assert state.done and state.note == "Rat am 3.5." and state.changed_by == colleague
    summaries = list(Activity.objects.filter(workshop=workshop).values_list("summary", flat=True))
    assert any("begonnen" in s for s in summaries)
    assert any("Pia Partner" in s and "1 von" in s for s in summaries)
    detail = client.get(reverse("workshop:detail", args=[workshop.key])).content.decode()
    assert url in detail


def test_changes_of_two_members_are_merged_and_a_note_conflict_is_shown(
    client, workshop, lead, colleague, library_checklist
):
    link = _start(client, workshop, library_checklist, lead)
    steps = list(library_checklist.steps.all())
    url = reverse("workshop:checklist_run", args=[workshop.key, link.pk])
    seen = _save_data(link, steps)
    client.force_login(lead)
    client.post(url, {**seen, "done": [str(steps[0].pk)], f"note-{steps[1].pk}": "Von Lea"})
    client.force_login(colleague)
    response = client.post(url, {**seen, "done": [str(steps[2].pk)], f"note-{steps[1].pk}": "Von Pia"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Gleichzeitig geändert" in page and "Von Lea" in page and "Von Pia" in page
    states = {s.step_id: s for s in link.run.states.all()}
    assert states[steps[0].pk].done and states[steps[2].pk].done  # both ticks kept
    assert states[steps[1].pk].note == "Von Lea"  # not overwritten


def test_workshop_runs_stay_out_of_the_library_pages(client, workshop, lead, library_checklist):
    link = _start(client, workshop, library_checklist, lead)
    library_run_url = library_checklist.url + library_checklist.reverse_subpage(
        "run_view", kwargs={"run_id": link.run.pk}
    )
    client.force_login(lead)
    assert client.get(library_run_url).status_code == 403
    listing = client.get(library_checklist.url).content.decode()
    assert library_run_url not in listing


def test_library_runs_still_work(client, lead, library_checklist):
    client.force_login(lead)
    response = client.post(library_checklist.url, {"title": "Eigene"})
    run = ChecklistRun.objects.get(title="Eigene")
    assert client.get(response["Location"]).status_code == 200
    assert not WorkshopChecklistRun.objects.filter(run=run).exists()


def test_start_needs_a_published_checklist(client, workshop, lead, library_checklist):
    client.force_login(lead)
    response = client.post(reverse("workshop:checklists", args=[workshop.key]), {"checklist": "999999"})
    assert response.status_code == 400
    assert "Bitte wählen Sie eine der veröffentlichten Checklisten." in response.content.decode()
    assert not ChecklistRun.objects.exists()


def test_archived_runs_are_read_only(client, workshop, lead, library_checklist):
    from ikz.workshop import services

    link = _start(client, workshop, library_checklist, lead)
    steps = list(library_checklist.steps.all())
    services.workshop_archive(workshop=workshop, by=lead)
    url = reverse("workshop:checklist_run", args=[workshop.key, link.pk])
    assert "kann nur noch gelesen werden" in client.get(url).content.decode()
    client.post(url, _save_data(link, steps, done=[steps[0]]))
    assert not link.run.states.filter(done=True).exists()
    client.post(reverse("workshop:checklists", args=[workshop.key]), {"checklist": str(library_checklist.pk)})
    assert WorkshopChecklistRun.objects.count() == 1
