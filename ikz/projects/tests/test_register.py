"""On the real register: the import of the real examples, the partner finder, the profile."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from ikz.core.taxonomy import TaskArea
from ikz.projects.demo import projects_demo_setup
from ikz.projects.models import Project
from ikz.projects.partners import partner_suggestions
from ikz.projects.selectors import FACETS, project_search

pytestmark = pytest.mark.django_db


def test_demo_setup_is_idempotent_and_honest(demo_projects):
    assert demo_projects["real"] == 10 and demo_projects["examples"] >= 12
    assert projects_demo_setup() == demo_projects
    assert Project.objects.count() == demo_projects["real"] + demo_projects["examples"]
    sit = Project.objects.get(external_id="suedwestfalen-it")
    assert sit.participants_count == 64 and sit.participants.count() == 0
    assert "keine Mitgliederliste" in sit.participants_note
    itk = Project.objects.get(external_id="itk-rheinland")
    assert itk.participants.count() == 12 and itk.sources.count() == 4
    assert itk.participants.filter(municipality__isnull=True).get().name.startswith("Zweckverband")
    bauhof = Project.objects.get(external_id="bauhof-hueckeswagen-wipperfuerth")
    assert {p.municipality.ags for p in bauhof.participants.all()} == {"05374016", "05374052"}


def test_every_facet_value_has_entries(demo_projects):
    _ids, facets = project_search(filters={})
    by_name = {f.name: {v.value for v in f.values if v.count} for f in facets}
    assert set(FACETS) == set(by_name)
    assert by_name["task_area"] >= set(TaskArea.objects.top_level().values_list("slug", flat=True))
    assert len(by_name["legal_form"]) == 7 and len(by_name["phase"]) == 6
    assert by_name["regierungsbezirk"] == {"Düsseldorf", "Köln", "Münster", "Detmold", "Arnsberg"}


def test_partner_finder_ranks_wipperfuerth_high_for_hueckeswagen(demo_projects, hueckeswagen):
    suggestions = partner_suggestions(
        municipality=hueckeswagen, task_area=TaskArea.objects.get(slug="bauhof")
    )
    names = [s.municipality.short_name for s in suggestions]
    assert "Wipperfürth" in names[:3], names
    wipperfuerth = suggestions[names.index("Wipperfürth")]
    assert "Nachbar mit gemeinsamer Grenze" in wipperfuerth.reasons
    assert any("kooperiert bereits" in r for r in wipperfuerth.reasons)
    neighbours = set(hueckeswagen.neighbours.values_list("short_name", flat=True))
    assert set(names[: len(neighbours)]) == neighbours  # neighbours first


def test_partner_finder_page_and_requests(client, demo_projects, hueckeswagen, member_factory, smtp_server,
                                          django_capture_on_commit_callbacks):  # fmt: skip
    poster = member_factory(municipality=hueckeswagen, email="sucht@kommune.nrw.example")
    answerer = member_factory(municipality=demo_projects and Project.objects.get(
        external_id="bauhof-hueckeswagen-wipperfuerth").participants.get(municipality__ags="05374052").municipality,
        email="antwortet@kommune.nrw.example")  # fmt: skip
    intro = client.get(reverse("partners:finder"))  # anonymous: what it is and why it needs membership
    assert intro.status_code == 200 and "Warum nur für Mitglieder?" in intro.content.decode()
    assert "Registrieren" in intro.content.decode() and "Wipperfürth" not in intro.content.decode()
    # The members-only pages behind it send to a login page that says why.
    login = client.get(reverse("partners:request_create"), follow=True)
    assert "nur angemeldeten Mitgliedern offen" in login.content.decode()
    client.force_login(poster)
    page = client.get(reverse("partners:finder"), {"municipality": "05374016", "task_area": "bauhof"})
    assert "Wipperfürth" in page.content.decode()
    assert (
        "© GeoBasis-DE /" in page.content.decode()
        and "(Destatis), 2023, dl-de/by-2-0" in page.content.decode()
    )
    area = TaskArea.objects.get(slug="archiv")
    response = client.post(reverse("partners:request_create"), {
        "municipality": hueckeswagen.pk, "task_area": area.slug, "title": "Archiv", "description": "Wer macht mit?"})  # fmt: skip
    assert response.status_code == 302
    client.force_login(answerer)
    detail = client.get(response.url).content.decode()
    assert "sucht@kommune.nrw.example" not in detail
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            response.url, {"municipality": answerer.memberships.get().municipality_id, "message": "Wir!"}
        )
    mail = smtp_server.wait_for(1)[0]
    assert mail["To"] == "sucht@kommune.nrw.example" and "Wir!" in smtp_server.body(mail)
    assert mail["Reply-To"] == "antwortet@kommune.nrw.example"


def test_cooperation_profile_tag(demo_projects, hueckeswagen):
    html = Template("{% load projects_tags %}{% cooperation_profile m %}").render(
        Context({"m": hueckeswagen})
    )
    assert "Gemeinsamer Bauhof der Städte Hückeswagen und Wipperfürth" in html
    assert "Stadt Wipperfürth" in html and "<svg" in html and "kooperationskarte" in html
