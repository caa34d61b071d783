"""Issue 12: the project pages cost the same number of queries however many projects there are
(no N+1), the facet counts from SQL equal a plain count, and what is kept per content version
(ikz.core.versioned_cache) is fresh after every committed change."""

import datetime
import itertools

import pytest
from django.urls import reverse
from wagtail.models import Site

from ikz.core.models import PortalSettings
from ikz.core.taxonomy import TaskArea
from ikz.core.testing import page_queries
from ikz.projects.models import Project
from ikz.projects.selectors import FACETS, project_search

pytestmark = pytest.mark.django_db

LEGAL_FORMS = ["oerv", "zweckverband", "informell", "arbeitsgemeinschaft"]
PHASES = ["betrieb", "aufbau", "", "idee"]
AREAS = [["bauhof"], ["bauhof", "bauen-planen"], ["it-digitalisierung"], ["bauaufsicht", "bauen-planen"], []]


def _queries(client, url: str) -> tuple[int, object]:
    return page_queries(client, url)


def _add_projects(project_factory, register, count: int, *, start: int = 0) -> list[Project]:
    """`count` published projects with 1–4 participants each, spread over the facets."""
    gemeinden = sorted(register.gemeinden, key=lambda m: m.ags)
    kreise = sorted(register.kreise, key=lambda m: m.ags)
    made = []
    for i in range(start, start + count):
        municipalities = [gemeinden[(i * 7 + k * 13) % len(gemeinden)] for k in range(1 + i % 3)]
        if i % 4 == 0:
            municipalities.append(kreise[i % len(kreise)])
        made.append(
            project_factory(
                title=f"Kooperation {i:03d} {'Bauhof' if i % 5 == 0 else 'Verwaltung'}",
                municipalities=municipalities,
                task_areas=AREAS[i % len(AREAS)],
                legal_form=LEGAL_FORMS[i % len(LEGAL_FORMS)],
                phase=PHASES[i % len(PHASES)],
                start_date=datetime.date(2015 + i % 6, 1 + i % 12, 1) if i % 6 else None,
            )
        )
    return made


LIST_URLS = [
    "/projekte/",
    "/projekte/?legal_form=zweckverband",
    "/projekte/?task_area=bauen-planen&phase=betrieb",
    "/projekte/?regierungsbezirk=D%C3%BCsseldorf&sort=title",
    "/projekte/?q=kooperation&seite=2",
]


def test_list_queries_do_not_grow_with_the_projects(client, member, register, project_factory):
    # Written in the test's open transaction: nothing is served from the per-version cache, so
    # this is the cost of the first visitor after every change.
    _add_projects(project_factory, register, 3)
    client.force_login(member)
    client.get(LIST_URLS[0])  # once per process: content types, site root paths
    few = {}
    for url in LIST_URLS:
        few[url], response = _queries(client, url)
        assert response.context["count"] > 0, url  # an empty page skips the cards' queries
    _add_projects(project_factory, register, 40, start=3)
    for url in LIST_URLS:
        many, response = _queries(client, url)
        assert many == few[url], f"{url}: {few[url]} queries with 3 projects, {many} with 43"
        assert response.context["count"] > 0


def _plain_facet_counts(filters: dict[str, str], q: str = "") -> dict[str, dict[str, int]]:
    """The facet counts by the definition, in Python over every published project."""
    areas = {a.pk: a for a in TaskArea.objects.all()}

    def values(project) -> dict[str, set[str]]:
        munis = [p.municipality for p in project.participants.all() if p.municipality_id]
        top = set()
        for area in project.task_areas.all():
            top.add(area.slug)
            if area.parent_id:
                top.add(areas[area.parent_id].slug)

        def kreis(m):
            itself = m.level == "kreis" or m.type == "kreisfreie Stadt" or m.kreis_id is None
            return m.ags if itself else m.kreis.ags

        return {
            "task_area": top,
            "legal_form": {project.legal_form},
            "phase": {project.phase} if project.phase else set(),
            "regierungsbezirk": {m.regierungsbezirk for m in munis},
            "kreis": {kreis(m) for m in munis},
            "municipality": {m.ags for m in munis},
            "year": {str(project.start_date.year)} if project.start_date else set(),
        }

    facts = []
    for project in Project.objects.published():
        text = " ".join(
            [
                project.title,
                project.summary,
                project.situation,
                project.goals,
                project.benefits,
                project.lessons_learned,
            ]  # fmt: skip
            + [p.municipality.short_name for p in project.participants.all() if p.municipality_id]
        ).lower()
        if all(term in text for term in q.lower().split()):
            facts.append(values(project))
    counts = {}
    for name in FACETS:
        found: dict[str, int] = {}
        for fact in facts:
            if all(value in fact[other] for other, value in filters.items() if other != name):
                for value in fact[name]:
                    found[value] = found.get(value, 0) + 1
        counts[name] = found
    return counts


def test_facet_counts_from_sql_equal_a_plain_count(register, project_factory):
    made = _add_projects(project_factory, register, 30)
    project_factory(title="Entwurf", municipalities=[register.named("Hückeswagen")], live=False)
    kreis = next(m.kreis.ags for p in made for pp in p.participants.all() if (m := pp.municipality).kreis_id)
    cases = [
        {},
        {"legal_form": "zweckverband"},
        {"task_area": "bauen-planen"},
        {"task_area": "bauhof", "phase": "betrieb"},
        {"kreis": kreis},
        {"regierungsbezirk": "Köln", "year": "2016"},
        {"municipality": made[0].participants.first().municipality.ags},
    ]
    for filters, q in itertools.product(cases, ["", "bauhof"]):
        _ids, facets = project_search(filters=filters, q=q)
        expected = _plain_facet_counts(filters, q)
        for facet in facets:
            got = {v.value: v.count for v in facet.values}
            want = expected[facet.name]
            if facet.name == "municipality":  # the 15 most frequent (and the chosen one) are listed
                assert all(want.get(value, 0) == n for value, n in got.items()), (filters, q, facet.name)
                assert len(got) >= min(15, len(want)), (filters, q)
                continue
            selected = filters.get(facet.name)
            if selected and selected not in want:
                want = {**want, selected: 0}
            assert got == want, (filters, q, facet.name)


def test_list_is_fresh_after_each_committed_change(client, member, register, project_factory,
                                                   django_capture_on_commit_callbacks):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        _add_projects(project_factory, register, 5)
        client.force_login(member)
        PortalSettings.for_site(Site.objects.get(is_default_site=True))  # created on first use otherwise
    cold, first = _queries(client, "/projekte/")
    warm, second = _queries(client, "/projekte/")
    assert warm < cold  # facets, cards and map came from the per-version cache
    assert second.content.count(b'class="card proj-card"') == 5

    with django_capture_on_commit_callbacks(execute=True):
        new = project_factory(title="Ganz neue Kooperation", municipalities=[register.named("Wipperfürth")],
                              legal_form="zweckverband")  # fmt: skip
    after, third = _queries(client, "/projekte/")
    assert after > warm  # rebuilt after the change
    html = third.content.decode()
    assert "Ganz neue Kooperation" in html and third.context["count"] == 6
    counts = {f.name: {v.value: v.count for v in f.values} for f in third.context["facets"]}
    assert (
        counts["legal_form"]["zweckverband"]
        == Project.objects.published().filter(legal_form="zweckverband").count()
    )
    again, _fourth = _queries(client, "/projekte/")
    assert again == warm

    with django_capture_on_commit_callbacks(execute=True):
        Project.objects.filter(pk=new.pk).update(title="Umbenannte Kooperation")
    renamed = client.get("/projekte/").content.decode()
    assert "Umbenannte Kooperation" in renamed and "Ganz neue Kooperation" not in renamed
    detail = client.get(reverse("projects:detail", kwargs={"pk": new.pk, "slug": new.slug})).content.decode()
    assert "Umbenannte Kooperation" in detail  # the map title and related lists are renewed too


def test_project_page_queries_do_not_grow_with_participants_or_related(
    client, member, register, project_factory
):
    gemeinden = sorted(register.gemeinden, key=lambda m: m.ags)
    small = project_factory(title="Klein", municipalities=gemeinden[:2], task_areas=["bauhof"])
    big = project_factory(
        title="Groß", municipalities=gemeinden[10:40], task_areas=["bauhof", "bauen-planen"]
    )
    _add_projects(project_factory, register, 12)  # related projects for both
    client.force_login(member)
    client.get(reverse("projects:detail", kwargs={"pk": small.pk, "slug": small.slug}))
    few, response = _queries(client, reverse("projects:detail", kwargs={"pk": small.pk, "slug": small.slug}))
    many, response = _queries(client, reverse("projects:detail", kwargs={"pk": big.pk, "slug": big.slug}))
    assert many == few
    assert len(response.context["participants"]) == 30 and response.context["related"]
    assert response.context["svg_map_html"].count("<path") >= 30


def test_member_pages_queries_do_not_grow(client, member, register, project_factory):
    own = member.memberships.get().municipality
    project_factory(municipalities=[own])
    client.force_login(member)
    client.get(reverse("projects:mine"))
    few_mine, _ = _queries(client, reverse("projects:mine"))
    few_account, _ = _queries(client, reverse("accounts:profile"))
    for _i in range(8):
        project_factory(municipalities=[own, register.named("Wipperfürth")], created_by=member)
    many_mine, response = _queries(client, reverse("projects:mine"))
    many_account, account = _queries(client, reverse("accounts:profile"))
    assert (many_mine, many_account) == (few_mine, few_account)
    assert len(response.context["projects"]) == 9
    assert account.content.decode().count("<option") > 400  # the register's <select>
