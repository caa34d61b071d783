"""The plan: milestones derived from the legal form (from the assistant's rules), editing with
merge instead of last-writer-wins, own milestones, order, activity list."""

import pytest
from django.urls import reverse

from ikz.workshop import plan
from ikz.workshop.models import Activity, Role
from ikz.workshop.models_plan import Milestone, MilestoneStatus, Plan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def rules(db):
    from ikz.assistant.loader import rules_sync

    rules_sync()


def _titles(specs):
    return [s.title for s in specs]


def _rule(key):
    from ikz.assistant.models import Rule

    return Rule.objects.get(key=key)


def test_delegating_agreement_follows_section_24_gkg(workshop):
    specs = plan.derive(workshop, "oerv_delegierend")
    titles = _titles(specs)
    by_key = {s.rule_key: s for s in specs if s.rule_key}
    # Every requirement the assistant names for the form, with the rule's own citations.
    assert set(by_key) == {"oerv-schriftform", "oerv-entschaedigung", "oerv-genehmigung"}
    for key, spec in by_key.items():
        assert spec.citations == _rule(key).citation_lines
        assert spec.title == _rule(key).title
    assert "§ 24 Abs. 2 GkG NRW" in by_key["oerv-genehmigung"].citations
    # one council decision per partner, before approval and notice; the start last
    councils = [t for t in titles if t.startswith("Beschluss in ")]
    assert len(councils) == 2
    assert titles.index(councils[-1]) < titles.index(by_key["oerv-genehmigung"].title)
    assert titles.index(by_key["oerv-schriftform"].title) < titles.index(councils[0])
    assert titles[-1] == "Start der Zusammenarbeit"
    # nothing is cited that the rules do not cite
    assert all(not s.citations for s in specs if not s.rule_key)


def test_termination_clause_only_for_long_agreements(workshop):
    assert "oerv-kuendigung" not in {s.rule_key for s in plan.derive(workshop, "oerv_mandatierend")}
    workshop.assistant_query = "dauer=unbefristet&zustaendigkeit=durchfuehrung"
    workshop.save()
    specs = plan.derive(workshop, "oerv_mandatierend")
    kuendigung = next(s for s in specs if s.rule_key == "oerv-kuendigung")
    assert kuendigung.citations == ["§ 23 Abs. 5 GkG NRW"]


def test_zweckverband_needs_statute_approval_and_notice(workshop):
    specs = plan.derive(workshop, "zweckverband")
    by_key = {s.rule_key: s for s in specs if s.rule_key}
    assert set(by_key) == {"zv-satzung", "zv-genehmigung", "zv-entstehung"}
    assert "§ 9 Abs. 2 GkG NRW" in by_key["zv-satzung"].citations
    assert by_key["zv-genehmigung"].citations == ["§ 10 Abs. 1 GkG NRW"]
    assert by_key["zv-entstehung"].citations == ["§ 11 GkG NRW"]
    # the supervising authority, derived from the register (only kreisangehörige partners)
    assert "Landrätin oder Landrat" in by_key["zv-genehmigung"].description
    titles = _titles(specs)
    assert titles.index(by_key["zv-satzung"].title) < titles.index(by_key["zv-genehmigung"].title)


def test_working_group_has_no_approval(workshop):
    specs = plan.derive(workshop, "arbeitsgemeinschaft")
    assert not [s for s in specs if s.rule_key]
    assert _titles(specs)[-1] == "Start der Zusammenarbeit"


def test_suggested_form_comes_from_the_saved_result(workshop_factory):
    workshop = workshop_factory(assistant_query="zustaendigkeit=neuer_traeger&ressourcen=personal")
    assert plan.suggested_form(workshop) in ("zweckverband", "gku")
    assert plan.suggested_form(workshop_factory(title="Ohne")) == ""


def test_plan_page_creates_plan_and_logs_it(client, workshop, lead):
    client.force_login(lead)
    response = client.get(reverse("workshop:plan", args=[workshop.key]))
    assert response.status_code == 200
    assert "Noch kein Plan" in response.content.decode()
    response = client.post(reverse("workshop:plan", args=[workshop.key]), {"legal_form": "zweckverband"})
    assert response.status_code == 302
    created = Plan.objects.get(workshop=workshop)
    assert created.milestones.filter(rule_key="zv-genehmigung").exists()
    page = client.get(reverse("workshop:plan", args=[workshop.key])).content.decode()
    assert "§ 10 Abs. 1 GkG NRW" in page
    activity = Activity.objects.filter(workshop=workshop).first()
    assert activity.actor == lead and "Plan" in activity.summary


def test_plan_needs_a_legal_form(client, workshop, lead):
    client.force_login(lead)
    response = client.post(reverse("workshop:plan", args=[workshop.key]), {"legal_form": ""})
    assert response.status_code == 400
    assert "Bitte wählen Sie eine Rechtsform." in response.content.decode()
    assert not Plan.objects.exists()


def test_changing_the_legal_form_adds_missing_milestones_and_keeps_the_rest(workshop, lead):
    plan.plan_create(workshop=workshop, user=lead, legal_form="arbeitsgemeinschaft")
    own = plan.milestone_create(workshop=workshop, user=lead, values={"title": "Kick-off", "status": "offen"})
    plan.plan_create(workshop=workshop, user=lead, legal_form="oerv_delegierend")
    current = Plan.objects.get(workshop=workshop)
    assert current.legal_form == "oerv_delegierend"
    assert current.milestones.filter(pk=own.pk).exists()
    assert current.milestones.filter(rule_key="oerv-genehmigung").count() == 1
    assert current.milestones.filter(title__startswith="Beschluss in ").count() == 2


@pytest.fixture
def contributor(member_factory, workshop, add_member):
    user = member_factory(email="mitwirkend@lindlar.nrw.example", first_name="Mia", last_name="Mitwirkend")
    add_member(workshop, user, Role.CONTRIBUTOR)
    return user


@pytest.fixture
def milestone(workshop, lead):
    plan.plan_create(workshop=workshop, user=lead, legal_form="oerv_delegierend")
    return Milestone.objects.get(plan__workshop=workshop, rule_key="oerv-genehmigung")


def _form_data(milestone, **changes):
    values = plan.milestone_values(milestone)
    data = {**values, **{f"base_{k}": v for k, v in values.items()}}
    data.update(changes)
    return data


def test_edit_with_date_owner_and_status(client, workshop, milestone, contributor):
    client.force_login(contributor)
    url = reverse("workshop:milestone_edit", args=[workshop.key, milestone.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, _form_data(milestone, due_date="2027-03-31", owner=str(contributor.pk), status="in_arbeit")
    )
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert str(milestone.due_date) == "2027-03-31"
    assert milestone.owner == contributor and milestone.status == MilestoneStatus.IN_PROGRESS
    assert milestone.version == 2 and milestone.updated_by == contributor
    summary = Activity.objects.filter(workshop=workshop).first().summary
    assert "Mia Mitwirkend" in summary and "31.03.2027" in summary and "in Arbeit" in summary


def test_owner_must_be_a_member(client, workshop, milestone, lead, member_factory):
    stranger = member_factory(email="fremd@koeln.nrw.example")
    client.force_login(lead)
    url = reverse("workshop:milestone_edit", args=[workshop.key, milestone.pk])
    response = client.post(url, _form_data(milestone, owner=str(stranger.pk)))
    assert response.status_code == 400
    assert "nur ein Mitglied der Werkstatt" in response.content.decode()


def test_concurrent_edits_of_different_fields_are_merged(client, workshop, milestone, lead, contributor):
    seen = _form_data(milestone)
    client.force_login(lead)
    url = reverse("workshop:milestone_edit", args=[workshop.key, milestone.pk])
    assert client.post(url, {**seen, "status": "erledigt"}).status_code == 302
    client.force_login(contributor)
    assert client.post(url, {**seen, "due_date": "2027-05-01"}).status_code == 302
    milestone.refresh_from_db()
    assert milestone.status == "erledigt" and str(milestone.due_date) == "2027-05-01"


def test_conflict_shows_both_versions_and_keeps_the_own_text(client, workshop, milestone, lead, contributor):
    seen = _form_data(milestone)
    url = reverse("workshop:milestone_edit", args=[workshop.key, milestone.pk])
    client.force_login(lead)
    assert client.post(url, {**seen, "description": "Antrag bei der Bezirksregierung."}).status_code == 302
    client.force_login(contributor)
    response = client.post(url, {**seen, "description": "Antrag beim Kreis."})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Der Meilenstein wurde inzwischen geändert" in page
    assert "Antrag bei der Bezirksregierung." in page and "Antrag beim Kreis." in page
    milestone.refresh_from_db()
    assert milestone.description == "Antrag bei der Bezirksregierung."  # nothing overwritten
    # "Meine Fassung speichern": the form now carries the stored version as base
    form = response.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["keep_mine"] = "1"
    assert client.post(url, data).status_code == 302
    milestone.refresh_from_db()
    assert milestone.description == "Antrag beim Kreis."


def test_conflict_take_theirs_puts_stored_version_into_the_form(
    client, workshop, milestone, lead, contributor
):
    seen = _form_data(milestone)
    url = reverse("workshop:milestone_edit", args=[workshop.key, milestone.pk])
    client.force_login(lead)
    client.post(url, {**seen, "title": "Genehmigung beantragen"})
    client.force_login(contributor)
    conflict = client.post(url, {**seen, "title": "Genehmigung einholen"})
    form = conflict.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    response = client.post(url, {**data, "take_theirs": "1", "take": "title"})
    assert response.status_code == 200
    assert response.context["form"]["title"].value() == "Genehmigung beantragen"
    assert "Genehmigung einholen" in response.content.decode()  # own text stays visible


def test_add_own_milestone_reorder_and_delete(client, workshop, milestone, contributor):
    client.force_login(contributor)
    response = client.post(
        reverse("workshop:milestone_create", args=[workshop.key]),
        {"title": "Bürgerinformation", "status": "offen", "due_date": "", "owner": "", "description": ""},
    )
    assert response.status_code == 302
    own = Milestone.objects.get(title="Bürgerinformation")
    assert own.rule_key == "" and own.citations == ""
    order = lambda: list(Milestone.objects.filter(plan=own.plan).values_list("pk", flat=True))  # noqa: E731
    assert order()[-1] == own.pk
    client.post(reverse("workshop:milestone_move", args=[workshop.key, own.pk]), {"direction": "up"})
    assert order()[-2] == own.pk
    client.post(reverse("workshop:milestone_move", args=[workshop.key, own.pk]), {"direction": "down"})
    assert order()[-1] == own.pk
    client.post(reverse("workshop:milestone_delete", args=[workshop.key, own.pk]))
    assert not Milestone.objects.filter(pk=own.pk).exists()
    summaries = list(Activity.objects.filter(workshop=workshop).values_list("summary", flat=True))
    assert any("hinzugefügt" in s for s in summaries) and any("entfernt" in s for s in summaries)
    assert any("nach oben" in s for s in summaries)


def test_new_milestone_needs_a_title(client, workshop, milestone, lead):
    client.force_login(lead)
    response = client.post(
        reverse("workshop:milestone_create", args=[workshop.key]), {"title": "", "status": "offen"}
    )
    assert response.status_code == 400
    assert "Bitte benennen Sie den Meilenstein." in response.content.decode()


def test_archived_plan_is_read_only(client, workshop, milestone, lead):
    from ikz.workshop import services

    services.workshop_archive(workshop=workshop, by=lead)
    client.force_login(lead)
    page = client.get(reverse("workshop:plan", args=[workshop.key])).content.decode()
    assert "kann nur noch gelesen werden" in page and "Bearbeiten" not in page
    url = reverse("workshop:milestone_edit", args=[workshop.key, milestone.pk])
    assert "read_only" in client.get(url).context
    client.post(url, _form_data(milestone, status="erledigt"))
    client.post(reverse("workshop:milestone_delete", args=[workshop.key, milestone.pk]))
    milestone.refresh_from_db()
    assert milestone.status == "offen"


def test_detail_page_shows_plan_summary(client, workshop, milestone, lead):
    client.force_login(lead)
    page = client.get(reverse("workshop:detail", args=[workshop.key])).content.decode()
    assert "Öffentlich-rechtliche Vereinbarung – delegierend" in page
    assert reverse("workshop:plan", args=[workshop.key]) in page


def test_citations_link_to_the_law_in_the_library(client, workshop, lead, library_laws):
    plan.plan_create(workshop=workshop, user=lead, legal_form="zweckverband")
    client.force_login(lead)
    page = client.get(reverse("workshop:plan", args=[workshop.key])).content.decode()
    import re

    assert re.search(r'<a [^>]*href="[^"]+"[^>]*>[^<]*§ 10[^<]*</a>', page), page[
        page.find("Rechtsgrundlage") :
    ][:600]
