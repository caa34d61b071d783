"""Permission matrix, facets against hand-counted fixtures, partner ranking, exports, reminders."""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse

from ikz.projects import services
from ikz.projects.models import Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def town(municipality_factory):
    return municipality_factory("05374016")  # Hückeswagen


@pytest.fixture
def other_town(municipality_factory):
    return municipality_factory("05111000")  # Düsseldorf


@pytest.fixture
def users(public_user, member, member_factory, editor, other_town):
    return {
        "anonymous": None,
        "public": public_user,
        "member": member,
        "other_member": member_factory(municipality=other_town, email="duesseldorf@kommune.nrw.example"),
        "editor": editor,
    }


# role → (view draft, create, edit, submit, approve → published?); 302 on create/edit = to the login
MATRIX = {
    "anonymous": (404, 302, 302, 302, False),
    "public": (404, 403, 403, 403, False),
    "member": (200, 200, 200, 302, False),
    "other_member": (404, 200, 403, 403, False),
    "editor": (200, 403, 200, 302, True),
}


@pytest.mark.parametrize("role", list(MATRIX))
def test_permission_matrix(client, users, role, town, project_factory):
    user = users[role]
    if user:
        client.force_login(user)
    draft = project_factory(municipalities=[town], live=False, created_by=users["member"])
    expected = MATRIX[role]
    assert client.get(draft.get_absolute_url()).status_code == expected[0]
    assert client.get(reverse("projects:create")).status_code == expected[1]
    assert client.get(reverse("projects:edit", args=[draft.pk])).status_code == expected[2]
    assert client.post(reverse("projects:submit", args=[draft.pk])).status_code == expected[3]
    if expected[3] == 302 and user:
        draft.refresh_from_db()
        assert draft.moderation_status == "submitted"
    Project.objects.filter(pk=draft.pk).update(moderation_status="submitted")
    response = client.post(reverse("projects_moderation:decide", args=[draft.pk]), {"action": "approve"})
    draft.refresh_from_db()
    assert draft.live is expected[4]
    # Wagtail sends people without admin access to the admin login; members with it get 403.
    assert response.status_code == 302 if expected[4] or role != "editor" else 403


def test_public_sees_published_without_contacts(client, member, town, project_factory):
    project = project_factory(title="Bauhof-Kooperation", municipalities=[town])
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Bauhof-Kooperation" in page and "05374016" in page
    assert "kontakt-05374016@kommune.nrw.example" not in page
    client.force_login(member)
    assert "kontakt-05374016@kommune.nrw.example" in client.get(project.get_absolute_url()).content.decode()


def test_form_creates_draft_and_a_stale_edit_keeps_the_input_beside_the_colleagues_version(
    client, member, town, project_form_data, smtp_server
):
    client.force_login(member)
    response = client.post(
        reverse("projects:create"), project_form_data(town, **{"participants-0-municipality": "Hückeswagen"})
    )
    assert response.status_code == 302, (
        response.context["form"].errors,
        response.context["formset"].errors,
        response.context["formset"].non_form_errors(),
    )
    project = Project.objects.get()
    assert not project.live and project.participants.get().municipality == town
    form_data = project_form_data(town, title="Neuer Titel", base_revision=str(project.latest_revision_id))
    assert client.post(reverse("projects:edit", args=[project.pk]), form_data).status_code == 302
    stale = client.post(reverse("projects:edit", args=[project.pk]), {**form_data, "title": "Dritter"})
    assert stale.status_code == 409
    assert "inzwischen geändert" in stale.content.decode()
    assert stale.context["form"]["title"].value() == "Dritter"  # the input is kept
    assert [(r.label, r.mine, r.theirs) for r in stale.context["conflict"]["rows"]] == [
        ("Titel des Projekts", "Dritter", "Neuer Titel")
    ]
    project.refresh_from_db()
    assert project.title == "Neuer Titel"


def test_member_cannot_enter_project_without_own_municipality(client, member, other_town, project_form_data):
    client.force_login(member)
    response = client.post(reverse("projects:create"), project_form_data(other_town))
    assert response.status_code == 200
    assert "Ihre eigene Körperschaft" in response.content.decode()
    assert not Project.objects.exists()


def test_ambiguous_name_asks_back(client, member, town, project_form_data):
    client.force_login(member)
    data = project_form_data(town, **{"participants-0-municipality": "Gemeinde Nirgendwo"})
    assert "nicht gefunden" in client.post(reverse("projects:create"), data).content.decode()


# --- Facets: hand-counted --------------------------------------------------------------


@pytest.fixture
def facet_projects(municipality_factory, project_factory):
    hw = municipality_factory("05374016")  # Köln, Oberbergischer Kreis
    li = municipality_factory("05374020")  # Köln, Oberbergischer Kreis
    ddf = municipality_factory("05111000")  # Düsseldorf, kreisfrei
    project_factory(
        title="A",
        municipalities=[hw, li],
        task_areas=["bauhof"],
        legal_form="oerv",
        phase="betrieb",
        start_date=datetime.date(2020, 1, 1),
    )
    project_factory(
        title="B",
        municipalities=[hw],
        task_areas=["bauaufsicht"],
        legal_form="zweckverband",
        phase="idee",
        start_date=datetime.date(2021, 1, 1),
    )
    project_factory(
        title="C",
        municipalities=[ddf],
        task_areas=["it-digitalisierung"],
        legal_form="oerv",
        phase="betrieb",
        start_date=datetime.date(2020, 6, 1),
    )
    project_factory(
        title="D",
        municipalities=[ddf, hw],
        task_areas=["bauhof", "it-digitalisierung"],
        legal_form="informell",
        phase="aufbau",
        start_date=datetime.date(2022, 1, 1),
    )
    project_factory(title="Entwurf", municipalities=[hw], live=False)  # never counted
    return {"hw": hw, "ddf": ddf}  # fmt: skip


def _facets(client, query=""):
    response = client.get(reverse("projects:list") + query)
    counts = {f.name: {v.value: v.count for v in f.values} for f in response.context["facets"]}
    return response, counts


def test_facet_counts_unfiltered(client, facet_projects):
    response, counts = _facets(client)
    assert response.context["count"] == 4
    assert counts["task_area"] == {"bauen-planen": 3, "bauhof": 2, "bauaufsicht": 1, "it-digitalisierung": 2}
    assert counts["legal_form"] == {"oerv": 2, "zweckverband": 1, "informell": 1}
    assert counts["regierungsbezirk"] == {"Köln": 3, "Düsseldorf": 2}
    assert counts["kreis"] == {"05374": 3, "05111000": 2}
    assert counts["year"] == {"2020": 2, "2021": 1, "2022": 1}


def test_facet_counts_combine(client, facet_projects):
    response, counts = _facets(client, "?task_area=bauen-planen&legal_form=oerv")
    assert [p.title for p in response.context["projects"]] == ["A"]
    # each facet counts with the other filters applied, not its own
    assert counts["legal_form"] == {"oerv": 1, "zweckverband": 1, "informell": 1}
    assert counts["task_area"]["bauen-planen"] == 1 and counts["task_area"]["it-digitalisierung"] == 1
    assert counts["phase"] == {"betrieb": 1}
    response, counts = _facets(client, "?municipality=05111000&sort=date")
    assert [p.title for p in response.context["projects"]] == ["D", "C"]


def test_text_search_ranks_title_hits_first(client, facet_projects):
    Project.objects.filter(title="C").update(summary="Auch ein Bauhof wird erwähnt.")
    Project.objects.filter(title="B").update(title="Bauhof Nord")
    response = client.get(reverse("projects:list") + "?q=bauhof")
    assert [p.title for p in response.context["projects"]][0] == "Bauhof Nord"


def test_pagination_links_keep_filters_and_work_without_them(client, facet_projects, monkeypatch):
    from ikz.projects import views

    monkeypatch.setattr(views, "PER_PAGE", 2)
    response = client.get(reverse("projects:list"))
    assert response.context["next_url"] == "?seite=2"  # was "&seite=2": a 404 under /projekte/&seite=2
    assert 'href="?seite=2" rel="next"' in response.content.decode()
    page2 = client.get(reverse("projects:list") + response.context["next_url"])
    assert page2.status_code == 200 and page2.context["prev_url"] == "?seite=1"
    filtered = client.get(reverse("projects:list") + "?task_area=bauen-planen&sort=title")
    assert filtered.context["next_url"] == "?task_area=bauen-planen&sort=title&seite=2"


# --- Exports and API -------------------------------------------------------------------


def test_exports_have_ags_licence_and_no_contacts(client, facet_projects):
    body = client.get(reverse("projects:export_json")).content.decode()
    data = json.loads(body)
    assert data["meta"]["licence"]["id"] == "dl-de/zero-2-0" and data["meta"]["count"] == 4
    assert all(p["ags"] for project in data["projects"] for p in project["participants"])
    assert "kontakt-" not in body and "Entwurf" not in body
    text = client.get(reverse("projects:export_csv")).content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert {r["title"] for r in rows} == {"A", "B", "C", "D"}
    assert next(r for r in rows if r["title"] == "D")["participant_ags"] == "05111000|05374016"
    assert "kontakt-" not in text


def test_api_list_and_detail(client, facet_projects):
    listing = client.get("/api/v1/projects/").json()
    assert listing["count"] == 4 and listing["next"] is None and len(listing["results"]) == 4
    first = listing["results"][0]
    detail = client.get(f"/api/v1/projects/{first['id']}/").json()
    assert detail["title"] == first["title"] and detail["licence"]["id"] == "dl-de/zero-2-0"
    draft = Project.objects.get(title="Entwurf")
    missing = client.get(f"/api/v1/projects/{draft.pk}/")
    assert missing.status_code == 404 and "nicht veröffentlicht" in missing.json()["detail"]
    assert client.get("/api/v1/projects/?page=9").status_code == 404


# --- Reminders with time travel --------------------------------------------------------


def test_reminders_after_twelve_months_and_stale_after_fifteen(
    client, town, project_factory, smtp_server, django_capture_on_commit_callbacks
):
    project = project_factory(municipalities=[town])
    start = project.last_confirmed_at
    assert services.project_reminders_send(now=start + datetime.timedelta(days=300)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.project_reminders_send(now=start + datetime.timedelta(days=370)) == 1
    assert services.project_reminders_send(now=start + datetime.timedelta(days=380)) == 0  # once per period
    mail = smtp_server.wait_for(1)[0]
    assert mail["To"] == "kontakt-05374016@kommune.nrw.example"
    link = next(line for line in smtp_server.body(mail).splitlines() if "/projekte/bestaetigen/" in line)
    path = "/" + link.split("/", 3)[3]
    project.refresh_from_db()
    assert project.is_stale(now=start + datetime.timedelta(days=460))
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 200
    project.refresh_from_db()
    assert project.last_confirmed_at > start and project.reminder_sent_at is None
    assert client.get("/projekte/bestaetigen/falsch/").status_code == 400


def test_stale_project_shows_notice(client, town, project_factory):
    project = project_factory(municipalities=[town])
    Project.objects.filter(pk=project.pk).update(
        last_confirmed_at=project.last_confirmed_at - datetime.timedelta(days=470)
    )
    assert "Nicht mehr bestätigt" in client.get(project.get_absolute_url()).content.decode()


def test_moderation_queue_with_a_new_project(client, editor, member, town, project_factory):
    project = project_factory(title="Ganz neu", municipalities=[town], live=False, created_by=member)
    services.project_submit(project=project, user=member)
    client.force_login(editor)
    queue = client.get(reverse("projects_moderation:queue"))
    assert queue.status_code == 200  # was a 500: NoReverseMatch for the snippet's "revisions_view"
    assert "Ganz neu" in queue.content.decode() and "Fassung ansehen" in queue.content.decode()
    decide = client.get(reverse("projects_moderation:decide", args=[project.pk]))
    assert decide.status_code == 200
    preview = client.get(decide.context["compare_url"])
    assert preview.status_code == 200 and "Ganz neu" in preview.content.decode()


def test_moderation_queue_in_admin(client, editor, member, town, project_factory):
    project = project_factory(title="Warteschlange", municipalities=[town])
    services.project_update(
        project=project, user=member, base_revision_id=project.latest_revision_id, fields={"title": "Geändert"},
        task_area_ids=[a.pk for a in project.task_areas.all()], participants=[{"municipality": town, "role": "lead"}],
    )  # fmt: skip
    services.project_submit(project=project, user=member)
    client.force_login(editor)
    queue = client.get(reverse("projects_moderation:queue")).content.decode()
    assert "Warteschlange" in queue and "Änderungen vergleichen" in queue
    decide = client.get(reverse("projects_moderation:decide", args=[project.pk]))
    assert decide.status_code == 200
    assert client.get(decide.context["compare_url"]).status_code == 200
    response = client.post(reverse("projects_moderation:decide", args=[project.pk]), {"action": "send_back"})
    assert "Bitte schreiben Sie" in response.content.decode()


def test_form_attaches_a_checked_document_and_refuses_a_disguised_one(
    client, member, town, project_form_data
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ikz.library.docgen import pdf_bytes

    client.force_login(member)
    disguised = SimpleUploadedFile("vereinbarung.pdf", b"MZ\x90\x00" + b"\x00" * 200, "application/pdf")
    refused = client.post(
        reverse("projects:create"),
        {**project_form_data(town), "document": disguised, "document_title": "Vereinbarung"},
    )
    assert refused.status_code == 200
    assert not Project.objects.exists()
    assert "document" in refused.context["form"].errors

    real = SimpleUploadedFile(
        "vereinbarung.pdf",
        pdf_bytes([("title", "Öffentlich-rechtliche Vereinbarung"), ("p", "nach § 23 GkG NRW")]),
        "application/pdf",
    )
    created = client.post(
        reverse("projects:create"),
        {**project_form_data(town), "document": real, "document_title": "Vereinbarung"},
    )
    assert created.status_code == 302
    project = Project.objects.get()
    assert [d.document.title for d in project.documents.all()] == ["Vereinbarung"]


# --- Drafts, send-back comment, bounded formset, edit conflicts (issue 10: 3, 4, 14) ---------------


def _edit_form_data(client, project, submitter="save"):
    """The edit form as the browser would send it unchanged."""
    from tests.browser_form import as_post_data, find_form, form_fields

    html = client.get(reverse("projects:edit", args=[project.pk])).content.decode()
    return as_post_data(form_fields(find_form(html, having="title"), submitter=submitter))


def test_a_draft_needs_only_a_title_and_submitting_says_what_is_missing(
    client, member, town, project_form_data
):
    client.force_login(member)
    bare = project_form_data(town, summary="", task_areas=[], legal_form="")
    response = client.post(reverse("projects:create"), bare)
    assert response.status_code == 302
    project = Project.objects.get()
    assert project.moderation_status == "draft" and not project.task_areas.exists()

    data = {**_edit_form_data(client, project, submitter="submit")}
    response = client.post(reverse("projects:edit", args=[project.pk]), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["task_areas"] == ["Bitte wählen Sie zum Einreichen mindestens einen Aufgabenbereich."]
    assert "summary" in errors and "legal_form" in errors
    project.refresh_from_db()
    assert project.moderation_status == "draft"
    # the list's "Einreichen" button goes through the same rule
    client.post(reverse("projects:submit", args=[project.pk]))
    project.refresh_from_db()
    assert project.moderation_status == "draft"


def test_the_redaktions_send_back_comment_is_shown_on_the_edit_form(
    client, member, editor, town, project_factory
):
    project = project_factory(title="Zurück", municipalities=[town], live=False, created_by=member)
    services.project_submit(project=project, user=member)
    services.project_send_back(project=project, user=editor, comment="Bitte die Kosten\nje Stadt nennen.")
    client.force_login(member)
    edit = client.get(reverse("projects:edit", args=[project.pk])).content.decode()
    assert "Anmerkung der Redaktion" in edit and "Bitte die Kosten<br>je Stadt nennen." in edit
    # saving the draft keeps it in view until the project is submitted again
    data = _edit_form_data(client, project)
    data["title"] = ["Zurück, überarbeitet"]
    assert client.post(reverse("projects:edit", args=[project.pk]), data).status_code == 302
    assert "Bitte die Kosten" in client.get(reverse("projects:edit", args=[project.pk])).content.decode()
    services.project_submit(project=project, user=member)
    Project.objects.filter(pk=project.pk).update(moderation_status="draft")
    assert (
        "Anmerkung der Redaktion"
        not in client.get(reverse("projects:edit", args=[project.pk])).content.decode()
    )


def test_a_participant_formset_claiming_a_thousand_rows_is_refused(client, member, town, project_form_data):
    client.force_login(member)
    data = project_form_data(town, **{"participants-TOTAL_FORMS": "1000"})
    response = client.post(reverse("projects:create"), data)
    assert response.status_code == 200
    formset = response.context["formset"]
    assert len(formset.forms) <= 100
    assert "höchstens 100 beteiligte Körperschaften" in str(formset.non_form_errors())
    assert not Project.objects.exists()


@pytest.fixture
def two_colleagues(member, member_factory, town, project_factory):
    colleague = member_factory(municipality=town, email="kollegin@kommune.nrw.example", first_name="Klara",
                               last_name="Kollegin")  # fmt: skip
    project = project_factory(title="Gemeinsame Kasse", municipalities=[town], live=False, created_by=member)
    return project, member, colleague


def test_edit_conflict_keeps_my_input_shows_the_colleagues_version_and_lets_me_take_it(
    client, two_colleagues
):
    from django.test import Client

    project, me, colleague = two_colleagues
    other = Client()
    other.force_login(colleague)
    client.force_login(me)
    mine, theirs = _edit_form_data(client, project), _edit_form_data(other, project)

    theirs.update(title=["Gemeinsame Stadtkasse"], summary=["Von Klara ergänzt."])
    assert other.post(reverse("projects:edit", args=[project.pk]), theirs).status_code == 302
    mine.update(title=["Kasse Hückeswagen–Radevormwald"], phase=["idee"])
    response = client.post(reverse("projects:edit", args=[project.pk]), mine)

    assert response.status_code == 409
    conflict = response.context["conflict"]
    assert conflict["who"] == "Klara Kollegin"
    assert [(r.name, r.mine, r.theirs) for r in conflict["rows"]] == [
        ("title", "Kasse Hückeswagen–Radevormwald", "Gemeinsame Stadtkasse")
    ]
    assert conflict["taken"] == ["Kurzbeschreibung"]  # only Klara changed it: taken into my form
    form = response.context["form"]
    assert form["title"].value() == "Kasse Hückeswagen–Radevormwald" and form["phase"].value() == "idee"
    assert form["summary"].value() == "Von Klara ergänzt."
    project.refresh_from_db()
    assert project.get_latest_revision_as_object().title == "Gemeinsame Stadtkasse"  # nothing overwritten

    # I take Klara's title, keep my phase, and save the reviewed form
    from tests.browser_form import as_post_data, find_form, form_fields

    html = response.content.decode()
    form_tag = find_form(html, having="title")
    form_tag.find("input", attrs={"name": "take", "value": "title"})["checked"] = ""
    taken = client.post(reverse("projects:edit", args=[project.pk]),
                        as_post_data(form_fields(form_tag, submitter="take_apply")))  # fmt: skip
    assert taken.context["form"]["title"].value() == "Gemeinsame Stadtkasse"
    assert taken.context["conflict"]["rows"] == []
    pairs = form_fields(find_form(taken.content.decode(), having="title"), submitter="save")
    assert client.post(reverse("projects:edit", args=[project.pk]), as_post_data(pairs)).status_code == 302
    project.refresh_from_db()
    latest = project.get_latest_revision_as_object()
    assert (latest.title, latest.summary, latest.phase) == (
        "Gemeinsame Stadtkasse",
        "Von Klara ergänzt.",
        "idee",
    )


def test_edits_of_different_fields_are_merged_without_asking(client, two_colleagues):
    from django.test import Client

    project, me, colleague = two_colleagues
    other = Client()
    other.force_login(colleague)
    client.force_login(me)
    mine, theirs = _edit_form_data(client, project), _edit_form_data(other, project)
    theirs.update(summary=["Von Klara ergänzt."])
    assert other.post(reverse("projects:edit", args=[project.pk]), theirs).status_code == 302
    mine.update(phase=["idee"], start_date=["2027-01-01"])
    response = client.post(reverse("projects:edit", args=[project.pk]), mine, follow=True)
    assert "zusammengeführt" in response.content.decode()
    project.refresh_from_db()
    latest = project.get_latest_revision_as_object()
    assert (latest.summary, latest.phase, latest.start_date) == (
        "Von Klara ergänzt.",
        "idee",
        datetime.date(2027, 1, 1),
    )


def test_a_conflict_view_does_not_reveal_another_projects_revision(
    client, two_colleagues, town, project_factory
):
    project, me, _ = two_colleagues
    secret = project_factory(title="Geheimer Entwurf", municipalities=[town], live=False)
    client.force_login(me)
    data = _edit_form_data(client, project)
    data.update(take=["title"], take_apply=[""], base_revision=[str(secret.latest_revision_id)])
    assert client.post(reverse("projects:edit", args=[project.pk]), data).status_code == 404
    for bad in ("abc", "²", "9" * 18, ""):
        data.update(base_revision=[bad], conflict_base=[bad])
        assert client.post(reverse("projects:edit", args=[project.pk]), data).status_code == 404
    # A number beyond any database integer never reaches the view (ikz.core.middleware: 400).
    data.update(base_revision=["9" * 30], conflict_base=["9" * 30])
    assert client.post(reverse("projects:edit", args=[project.pk]), data).status_code == 400
    data.update(base_revision=[str(project.latest_revision_id)], conflict_base=["9" * 18])
    assert client.post(reverse("projects:edit", args=[project.pk]), data).status_code == 409
