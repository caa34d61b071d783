"""Every action of plan, checklists and e-mail choice × (Leitung, Mitwirkende, member of a partner
not invited, member elsewhere, Redaktion not invited, anonymous); and the start from an answered
partner request (only the requester, prefilled from the request and its answers)."""

import pytest
from django.urls import reverse

from ikz.workshop import plan
from ikz.workshop.models import Role, Workshop
from ikz.workshop.models_plan import Milestone, NotificationSetting, WorkshopChecklistRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(workshop, lead, library_checklist, member_factory, add_member):
    from ikz.assistant.loader import rules_sync

    rules_sync()
    plan.plan_create(workshop=workshop, user=lead, legal_form="oerv_mandatierend")
    milestone = Milestone.objects.filter(plan__workshop=workshop).first()
    link = plan.checklist_start(workshop=workshop, user=lead, checklist=library_checklist)
    contributor = member_factory(
        email="mitwirkend@kommune.nrw.example", first_name="Mo", last_name="Mitwirkend"
    )
    add_member(workshop, contributor, Role.CONTRIBUTOR)
    return {"milestone": milestone, "link": link, "contributor": contributor, "checklist": library_checklist}


def _actions(workshop, setup):
    key, m, link = workshop.key, setup["milestone"], setup["link"]
    values = plan.milestone_values(m)
    edit = {**values, **{f"base_{k}": v for k, v in values.items()}, "status": "erledigt"}
    steps = list(setup["checklist"].steps.all())
    tick = {"version": str(link.run.version), "done": [str(steps[0].pk)]}
    for step in steps:
        tick.update({f"base-done-{step.pk}": "", f"base-note-{step.pk}": "", f"note-{step.pk}": ""})
    return {
        "plan_view": ("get", reverse("workshop:plan", args=[key]), None),
        "plan_create": ("post", reverse("workshop:plan", args=[key]), {"legal_form": "zweckverband"}),
        "milestone_create": ("post", reverse("workshop:milestone_create", args=[key]), {"title": "Eigener", "status": "offen"}),
        "milestone_view": ("get", reverse("workshop:milestone_edit", args=[key, m.pk]), None),
        "milestone_edit": ("post", reverse("workshop:milestone_edit", args=[key, m.pk]), edit),
        "milestone_move": ("post", reverse("workshop:milestone_move", args=[key, m.pk]), {"direction": "down"}),
        "milestone_delete": ("post", reverse("workshop:milestone_delete", args=[key, m.pk]), {}),
        "checklists": ("get", reverse("workshop:checklists", args=[key]), None),
        "checklist_start": ("post", reverse("workshop:checklists", args=[key]), {"checklist": str(setup["checklist"].pk)}),
        "checklist_view": ("get", reverse("workshop:checklist_run", args=[key, link.pk]), None),
        "checklist_tick": ("post", reverse("workshop:checklist_run", args=[key, link.pk]), tick),
        "notifications_view": ("get", reverse("workshop:notifications", args=[key]), None),
        "notifications_set": ("post", reverse("workshop:notifications", args=[key]), {"mode": "sofort"}),
    }  # fmt: skip


def _state(workshop):
    return (
        list(Milestone.objects.filter(plan__workshop=workshop).values("pk", "status", "position")),
        WorkshopChecklistRun.objects.filter(workshop=workshop).count(),
        sorted(WorkshopChecklistRun.objects.get(workshop=workshop).run.states.filter(done=True).values_list("step_id", flat=True))
        if WorkshopChecklistRun.objects.filter(workshop=workshop).count() == 1 else None,
        NotificationSetting.objects.count(),
        workshop.plan.legal_form,
    )  # fmt: skip


ACTIONS = [
    "plan_view", "plan_create", "milestone_create", "milestone_view", "milestone_edit", "milestone_move",
    "milestone_delete", "checklists", "checklist_start", "checklist_view", "checklist_tick",
    "notifications_view", "notifications_set",
]  # fmt: skip


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("who", ["leitung", "mitwirkend"])
def test_members_may_do_every_action(client, workshop, lead, setup, who, action):
    client.force_login(lead if who == "leitung" else setup["contributor"])
    method, url, data = _actions(workshop, setup)[action]
    response = getattr(client, method)(url, data) if data is not None else client.get(url)
    assert response.status_code == (200 if method == "get" else 302), (action, response.status_code)


@pytest.mark.parametrize("who", ["partner_member", "other_member", "editor", "anonymous"])
def test_outsiders_get_404_and_change_nothing(
    client, workshop, setup, who, member_factory, municipality_factory, editor
):
    outsiders = {
        # a member of a partner Körperschaft who was not invited
        "partner_member": lambda: member_factory(municipality=municipality_factory("05374020")),
        "other_member": lambda: member_factory(municipality=municipality_factory("05111000")),
        "editor": lambda: editor,  # the Redaktion, not invited
        "anonymous": lambda: None,
    }
    user = outsiders[who]()
    if user is not None:
        client.force_login(user)
    before = _state(workshop)
    for action, (method, url, data) in _actions(workshop, setup).items():
        response = getattr(client, method)(url, data) if data is not None else client.get(url)
        if user is None:
            assert response.status_code == 302, (action, response.status_code)
            assert response["Location"].startswith(reverse("accounts:login")), action
        else:
            assert response.status_code == 404, (who, action, response.status_code)
    workshop.plan.refresh_from_db()
    assert _state(workshop) == before


def test_a_removed_member_loses_access_at_once(client, workshop, setup):
    client.force_login(setup["contributor"])
    url = reverse("workshop:plan", args=[workshop.key])
    assert client.get(url).status_code == 200
    workshop.members.filter(user=setup["contributor"]).delete()
    assert client.get(url).status_code == 404


# --- Start from an answered partner request ------------------------------------------------------


@pytest.fixture
def answered(member_factory, municipality_factory, lead):
    from ikz.core.taxonomy import TaskArea
    from ikz.projects.models import PartnerAnswer, PartnerRequest

    area = TaskArea.objects.first() or TaskArea.objects.create(name="Bauhof", slug="bauhof")
    request = PartnerRequest.objects.create(
        municipality=lead.memberships.get().municipality, task_area=area,
        title="Gemeinsamer Winterdienst", description="Wir suchen Partner für Räumfahrzeuge.", created_by=lead,
    )  # fmt: skip
    answerer = member_factory(
        municipality=municipality_factory("05374020"), email="antwort@lindlar.nrw.example"
    )
    PartnerAnswer.objects.create(
        request=request, municipality=municipality_factory("05374020"), message="Gern!", created_by=answerer
    )
    return request


def test_requester_opens_a_prefilled_workshop_from_the_answered_request(client, lead, answered):
    client.force_login(lead)
    detail = client.get(reverse("partners:request_detail", args=[answered.pk])).content.decode()
    url = reverse("workshop:from_request", args=[answered.pk])
    assert url in detail
    response = client.get(url)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["title"] == "Gemeinsamer Winterdienst"
    assert form.initial["task_area"] == answered.task_area.slug
    assert form.initial["task"] == "Wir suchen Partner für Räumfahrzeuge."
    assert [m.ags for m in form.initial["partners"]] == [answered.municipality.ags, "05374020"]
    assert "antwort@lindlar.nrw.example" in response.content.decode()
    data = {
        "title": "Gemeinsamer Winterdienst", "task_area": answered.task_area.slug,
        "task": "Wir suchen Partner für Räumfahrzeuge.", "partners": f"{answered.municipality.ags}\n05374020",
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302
    created = Workshop.objects.get(title="Gemeinsamer Winterdienst")
    assert created.task_area == answered.task_area
    assert sorted(created.partners.values_list("ags", flat=True)) == sorted(
        [answered.municipality.ags, "05374020"]
    )
    assert created.members.get().user == lead and created.members.get().is_lead
    assert created.activities.filter(summary__contains="aus der Partnersuche").exists()


def test_only_the_requester_and_only_with_answers(client, lead, answered, member_factory):
    from ikz.projects.models import PartnerRequest

    other = member_factory(email="andere@kommune.nrw.example")
    client.force_login(other)
    assert client.get(reverse("workshop:from_request", args=[answered.pk])).status_code == 404
    assert (
        client.post(reverse("workshop:from_request", args=[answered.pk]), {"title": "X"}).status_code == 404
    )
    unanswered = PartnerRequest.objects.create(
        municipality=answered.municipality, task_area=answered.task_area, title="Ohne Antwort",
        description="…", created_by=lead,
    )  # fmt: skip
    client.force_login(lead)
    assert client.get(reverse("workshop:from_request", args=[unanswered.pk])).status_code == 404
    detail = client.get(reverse("partners:request_detail", args=[unanswered.pk])).content.decode()
    assert reverse("workshop:from_request", args=[unanswered.pk]) not in detail
    assert not Workshop.objects.filter(title="X").exists()
