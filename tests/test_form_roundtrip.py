"""Nothing a member wrote is changed by opening a form and saving it unchanged.

Three mechanisms, each enumerating what the portal defines so that a new form cannot slip by:

1. every date/time/number input of every portal form renders a value the browser can read
   (ISO dates, '.' decimals) – a German `01.12.2026` in `<input type="date">` shows empty and the
   next save stored NULL (issue 10, finding 1);
2. every portal form either has a load → save unchanged → compare case here (the page is read the
   way a browser submits it, tests/browser_form.py) or is listed with the reason it edits nothing
   stored; a new form without either fails `test_every_portal_form_has_a_round_trip_case`;
3. every formset is bounded (max_num, validate_max, absolute_max), and a request cannot carry more
   fields than DATA_UPLOAD_MAX_NUMBER_FIELDS, which the largest real form fits.
"""

import datetime
import importlib
import inspect
import pkgutil
import re
from decimal import Decimal

import pytest
from django import forms
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation

import ikz
from tests.browser_form import as_post_data, find_form, form_fields

# --- Enumerating what the portal defines ---------------------------------------------------------


def _portal_modules():
    for info in pkgutil.walk_packages(ikz.__path__, "ikz."):
        if any(part in {"tests", "migrations"} for part in info.name.split(".")):
            continue
        yield importlib.import_module(info.name)


def portal_forms() -> dict[str, type]:
    """Every Form/ModelForm class defined in an ikz module, by dotted path."""
    found = {}
    for module in _portal_modules():
        for obj in vars(module).values():
            if (
                inspect.isclass(obj)
                and issubclass(obj, forms.BaseForm)
                and obj.__module__ == module.__name__
                and "base_fields" in dir(obj)
            ):
                found[f"{obj.__module__}.{obj.__qualname__}"] = obj
    return found


def portal_formsets() -> dict[str, type]:
    """Every formset class bound to a name in an ikz module (formset_factory's classes say django)."""
    found = {}
    for module in _portal_modules():
        for attr, obj in vars(module).items():
            if inspect.isclass(obj) and issubclass(obj, forms.BaseFormSet) and hasattr(obj, "form"):
                found.setdefault(f"{module.__name__}.{attr}", obj)
    return found


# Forms with a round-trip case below (the value names the test).
ROUND_TRIP = {
    "ikz.projects.forms.ProjectForm": "test_project_form_round_trip",
    "ikz.projects.forms.ParticipantForm": "test_project_form_round_trip",
    "ikz.hotline.admin_views.StatusForm": "test_hotline_status_form_round_trip",
    "ikz.accounts.admin_users.UserEditForm": "test_admin_user_edit_form_round_trip",
    "ikz.workshop.forms.NoteForm": "test_workshop_note_round_trip",
    "ikz.workshop.forms.WorkshopEditForm": "test_workshop_edit_round_trip",
    "ikz.agreements.forms.DraftForm": "test_agreements_draft_round_trip",
    "ikz.workshop.forms_plan.MilestoneForm": "test_workshop_milestone_round_trip",
    "ikz.workshop.forms_plan.PlanForm": "test_workshop_plan_round_trip",
    "ikz.workshop.forms_plan.NotificationForm": "test_workshop_notification_round_trip",
    "ikz.workshop.forms_files.PublishForm": "test_workshop_publish_round_trip",
    "ikz.search.forms.SearchPriorForm": "test_search_prior_round_trip",
    "ikz.questions.forms.QuestionEditForm": "test_question_edit_round_trip",
    "ikz.questions.forms.AnswerForm": "test_answer_edit_round_trip",
}
# Forms that edit nothing stored, and why. (The checklist run page has no Form class; its
# round trip is test_checklist_run_round_trip.)
NOT_EDITING = {
    "ikz.accounts.forms.RegistrationForm": "creates an account",
    "ikz.accounts.admin_users.UserCreationForm": "creates an account (Wagtail admin)",
    "ikz.accounts.forms.LoginForm": "logs in",
    "ikz.accounts.forms.ResendConfirmationForm": "sends a mail",
    "ikz.accounts.forms.MembershipRequestForm": "creates a membership request",
    "ikz.accounts.forms.QueuedPasswordResetForm": "sends a mail",
    "ikz.accounts.admin_views.MembershipDecisionForm": "records a decision with a new reason",
    "ikz.hotline.forms.InquiryForm": "creates an inquiry (browser test: stored equals typed)",
    "ikz.hotline.forms.FollowUpForm": "adds a new message",
    "ikz.hotline.admin_views.AnswerForm": "sends a new answer",
    "ikz.hotline.admin_views.NoteForm": "adds a new note",
    "ikz.newsletter.forms.SubscribeForm": "creates a subscription",
    "ikz.events.forms.RegistrationForm": "creates a registration (the event page's admin form: ikz/events/tests/test_roundtrip.py)",
    "ikz.assistant.forms.AssistantForm": "stores nothing: the answers live in the URL (round trip of the answers: ikz/assistant/tests/test_views.py)",
    "ikz.assistant.forms.LeaveForm": "stores nothing: the answers live in the URL (round trip: ikz/assistant/tests/test_beenden.py)",
    "ikz.projects.forms.PartnerFinderForm": "a GET filter",
    "ikz.projects.forms.PartnerRequestForm": "creates a partner request",
    "ikz.projects.forms.PartnerAnswerForm": "sends a new answer",
    "ikz.projects.admin_views.DecisionForm": "records a decision with a new comment",
    "ikz.municipalities.forms.MunicipalityFilterForm": "a GET filter",
    "ikz.contacts.forms.ContactFilterForm": "a GET filter (the Redaktion's snippet form: ikz/contacts/tests/test_admin.py)",
    "ikz.funding.forms.FundingFilterForm": "a GET filter (/foerderung/)",
    "ikz.library.forms.LibraryDocumentForm": "Wagtail's document form (Wagtail's own edit view and widgets)",
    "ikz.library.admin_views.LibraryImportForm": "uploads a file to import; loads nothing stored",
    "ikz.workshop.forms.WorkshopForm": "opens a new Werkstatt",
    "ikz.workshop.forms.InvitationForm": "sends an invitation",
    "ikz.workshop.forms.ResultTargetForm": "stores the assistant's answers in the chosen Werkstatt",
    "ikz.questions.forms.QuestionForm": "asks a new question",
    "ikz.questions.forms.ReportForm": "creates a report for the Redaktion",
    "ikz.questions.forms.QuestionFilterForm": "a GET filter",
    "ikz.agreements.forms.DraftCreateForm": "creates a new draft",
    "ikz.workshop.forms_plan.ChecklistStartForm": "starts a new checklist run of the Werkstatt",
    "ikz.workshop.forms_files.DocumentForm": "uploads a new document",
    "ikz.workshop.forms_files.VersionForm": "uploads a new version; the earlier ones stay unchanged",
    "ikz.workshop.forms_files._UploadBase": "the base of the two upload forms above",
}


def test_every_portal_form_has_a_round_trip_case_or_a_reason():
    found = set(portal_forms())
    assert "ikz.projects.forms.ProjectForm" in found  # the walk works
    missing = sorted(found - ROUND_TRIP.keys() - NOT_EDITING.keys())
    assert not missing, (
        f"Forms without a round-trip case in {__name__}: {missing}. Add a load → save unchanged → "
        "compare test (ROUND_TRIP) or, if the form edits nothing stored, a reason (NOT_EDITING)."
    )
    assert not (ROUND_TRIP.keys() | NOT_EDITING.keys()) - found, "listed forms that no longer exist"
    assert set(ROUND_TRIP.values()) <= set(globals())


# --- 1. Machine-readable values in date/time/number inputs ----------------------------------------

SAMPLES = {
    "date": (datetime.date(2026, 12, 1), "2026-12-01"),
    "datetime-local": (datetime.datetime(2026, 12, 1, 9, 30), "2026-12-01T09:30"),
    "time": (datetime.time(9, 30), "09:30"),
    "number": (Decimal("1234.5"), "1234.5"),
}


def test_every_date_time_and_number_input_renders_a_value_the_browser_accepts(settings):
    settings.USE_THOUSAND_SEPARATOR = True  # the worst case a locale setting could bring
    checked, wrong = [], []
    with translation.override("de"):
        for path, form_class in portal_forms().items():
            for name, field in form_class.base_fields.items():
                input_type = getattr(field.widget, "input_type", None)
                if input_type not in SAMPLES:
                    continue
                value, expected = SAMPLES[input_type]
                if isinstance(field, forms.IntegerField):
                    value, expected = 1234567, "1234567"
                html = field.widget.render(name, field.prepare_value(value))
                checked.append(f"{path}.{name}")
                if f'value="{expected}"' not in html:
                    wrong.append(f"{path}.{name}: {html}")
    assert "ikz.projects.forms.ProjectForm.start_date" in checked
    assert "ikz.projects.forms.ProjectForm.savings_percent" in checked
    assert not wrong, "Use the widgets of ikz.core.widgets:\n" + "\n".join(wrong)


def test_every_textarea_stores_line_breaks_as_typed_not_as_the_browser_sends_them():
    checked, wrong = [], []
    for path, form_class in portal_forms().items():
        for name, field in form_class.base_fields.items():
            if isinstance(field.widget, forms.Textarea):
                checked.append(f"{path}.{name}")
                if field.widget.value_from_datadict({name: "eins\r\nzwei"}, {}, name) != "eins\nzwei":
                    wrong.append(f"{path}.{name}")
    assert "ikz.hotline.forms.InquiryForm.question" in checked
    assert not wrong, "Use ikz.core.widgets.PlainTextarea: " + ", ".join(wrong)


# --- 3. Bounded formsets and request size ----------------------------------------------------------


def test_every_formset_is_bounded():
    formsets = portal_formsets()
    assert "ikz.projects.forms.ParticipantFormSet" in formsets
    unbounded = [
        f"{path}: max_num={fs.max_num}, validate_max={fs.validate_max}, absolute_max={fs.absolute_max}"
        for path, fs in formsets.items()
        if not (
            fs.validate_max and fs.max_num < forms.formsets.DEFAULT_MAX_NUM and fs.absolute_max <= fs.max_num
        )
    ]
    assert not unbounded, unbounded


def test_the_largest_project_form_fits_the_request_field_limit(client, member, project_factory):
    from ikz.projects.forms import MAX_PARTICIPANTS, ParticipantForm

    project = project_factory(municipalities=[member.memberships.get().municipality], live=False)
    client.force_login(member)
    form = find_form(client.get(reverse("projects:edit", args=[project.pk])).content.decode(), having="title")
    for box in form.find_all("input", type="checkbox"):
        box["checked"] = ""  # every task area ticked
    rendered = len(form_fields(form, submitter="submit"))
    rows = int(form.find("input", attrs={"name": "participants-TOTAL_FORMS"})["value"])
    largest = rendered + (MAX_PARTICIPANTS - rows) * len(ParticipantForm.base_fields)
    assert largest < settings.DATA_UPLOAD_MAX_NUMBER_FIELDS


def test_a_request_with_more_fields_than_the_limit_is_refused(client, member):
    client.force_login(member)
    data = {f"f{i}": "x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    assert client.post(reverse("projects:create"), data).status_code == 400


# --- 2. Round trips -------------------------------------------------------------------------------


def _post_unchanged(client, url, *, having, submitter=None):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    pairs = form_fields(find_form(html, having=having), submitter=submitter)
    return html, client.post(url, as_post_data(pairs))


def _project_state(project) -> dict:
    project.refresh_from_db()
    draft = project.get_latest_revision_as_object()
    fields = [f.name for f in project._meta.concrete_fields if f.name not in {"latest_revision", "id"}]
    return {
        "row": {name: getattr(project, name) for name in fields if name not in {"draft_title"}},
        "latest": {name: getattr(draft, name) for name in fields if name not in {"draft_title"}},
        "task_areas": sorted(a.slug for a in draft.task_areas.all()),
        "participants": [
            (p.municipality_id, p.name, p.role, p.contact_name, p.contact_email, p.contact_phone)
            for p in draft.participants.all()
        ],
        "documents": [(d.document_id, d.title) for d in draft.documents.all()],
    }


@pytest.fixture
def full_project(member, municipality_factory):
    """A project with every field the form edits filled, incl. line breaks, decimals and a document."""
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    from ikz.core.taxonomy import TaskArea, task_areas_sync
    from ikz.projects import services

    task_areas_sync()
    town = member.memberships.get().municipality
    partner = municipality_factory("05374020")
    root = Collection.get_first_root_node() or Collection.add_root(
        name="Root"
    )  # flushed by transactional tests
    document = get_document_model().objects.create(
        title="Öffentlich-rechtliche Vereinbarung",
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="vereinbarung.pdf"),
        collection=root,
    )
    fields = {
        "title": "Gemeinsamer Bauhof „Wupper“",
        "summary": "Zwei Städte legen ihre Bauhöfe zusammen.\nDer Bauhof liegt in Hückeswagen.",
        "situation": "Beide Bauhöfe waren zu klein.",
        "goals": "Ein Bauhof,\nzwei Städte.",
        "benefits": "Weniger Fahrzeuge & Hallen (< 3 statt 5)",
        "savings_eur": Decimal("120000"),
        "savings_percent": Decimal("12.5"),
        "staff_fte": Decimal("2.5"),
        "baseline": "Kosten 2019 beider Bauhöfe",
        "legal_form": "oerv",
        "phase": "betrieb",
        "start_date": datetime.date(2026, 12, 1),
        "start_precision": "day",
        "term": "Unbefristet, Kündigung mit einem Jahr Frist.",
        "cost_sharing": "Nach Einwohnern.",
        "funding": "Keine.",
        "lessons_learned": "Früh die Personalräte beteiligen.",
    }
    areas = TaskArea.objects.filter(slug__in=["bauhof", "kasse"]).values_list("pk", flat=True)
    participants = [
        {"municipality": town, "name": "", "role": "lead", "contact_name": "Max Mitglied",
         "contact_email": "bauhof@hueckeswagen.example", "contact_phone": "02192 88-0"},
        {"municipality": partner, "name": "", "role": "partner", "contact_name": "", "contact_email": "",
         "contact_phone": ""},
        {"municipality": None, "name": "Wupperverband", "role": "partner", "contact_name": "Eva Extern",
         "contact_email": "", "contact_phone": ""},
    ]  # fmt: skip
    return services.project_create_draft(
        user=member, fields=fields, task_area_ids=list(areas), participants=participants, documents=[document]
    )


@pytest.mark.django_db
@pytest.mark.parametrize("live", [False, True], ids=["draft", "published"])
def test_project_form_round_trip(client, member, full_project, live):
    from ikz.projects.models import Project

    if live:
        full_project.latest_revision.publish(skip_permission_checks=True)
        Project.objects.filter(pk=full_project.pk).update(moderation_status="approved")
    before = _project_state(full_project)
    client.force_login(member)
    url = reverse("projects:edit", args=[full_project.pk])
    html, response = _post_unchanged(client, url, having="title", submitter="save")
    assert 'value="2026-12-01"' in html  # the Beginn is shown, not erased
    assert response.status_code == 302, response.context and (
        response.context["form"].errors,
        response.context["formset"].errors,
    )
    after = _project_state(full_project)
    assert after["latest"] == before["latest"]
    assert after["task_areas"] == before["task_areas"] == ["bauhof", "kasse"]
    assert after["participants"] == before["participants"] and len(after["participants"]) == 3
    assert after["documents"] == before["documents"] and len(after["documents"]) == 1
    assert {k: v for k, v in after["row"].items() if k != "has_unpublished_changes"} == {
        k: v for k, v in before["row"].items() if k != "has_unpublished_changes"
    }


@pytest.mark.django_db
def test_checklist_run_round_trip(client, member, library_checklist):
    from ikz.library.models import ChecklistStepState
    from ikz.library.services import checklist_run_create

    run = checklist_run_create(checklist=library_checklist, user=member, title="Bauhof")
    steps = list(library_checklist.steps.all())
    ChecklistStepState.objects.create(run=run, step=steps[0], done=True, note="Erledigt am 1.12.\nMit Rat.")
    ChecklistStepState.objects.create(run=run, step=steps[1], done=False, note="Offen")

    def state():
        return sorted(ChecklistStepState.objects.filter(run=run).values_list("step_id", "done", "note"))

    before = state()
    client.force_login(member)
    url = library_checklist.url + library_checklist.reverse_subpage("run_view", args=[run.pk])
    _, response = _post_unchanged(client, url, having="done")
    assert response.status_code == 302, response.content.decode()[:3000]
    assert [row for row in state() if row[1] or row[2]] == [row for row in before if row[1] or row[2]]


@pytest.mark.django_db
def test_hotline_status_form_round_trip(client, editor, inquiry_factory):
    from ikz.hotline.models import Inquiry

    inquiry = inquiry_factory()
    Inquiry.objects.filter(pk=inquiry.pk).update(status="in_bearbeitung", assigned_to=editor)
    before = Inquiry.objects.filter(pk=inquiry.pk).values().get()
    client.force_login(editor)
    url = reverse("hotline_inquiry:edit", args=[inquiry.pk])
    _, response = _post_unchanged(client, url, having="status", submitter="action")
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Inquiry.objects.filter(pk=inquiry.pk).values().get() == before


def _largest_post_form_size(html: str) -> int:
    """Fields the largest POST form on the page sends with every checkbox ticked."""
    from bs4 import BeautifulSoup

    sizes = []
    for form in BeautifulSoup(html, "html.parser").find_all("form"):
        if (form.get("method") or "get").lower() != "post":
            continue
        for box in form.find_all("input", type="checkbox"):
            box["checked"] = ""
        sizes.append(len(form_fields(form)))
    return max(sizes)


@pytest.mark.django_db
def test_the_largest_admin_forms_fit_the_request_field_limit(client, operator, editor, demo_projects):
    from django.contrib.auth.models import Group

    from ikz.accounts.roles import ROLE_EDITOR
    from ikz.projects.models import Project

    client.force_login(operator)
    group = Group.objects.get(name=ROLE_EDITOR)
    page = client.get(reverse("wagtailusers_groups:edit", args=[group.pk]))
    assert page.status_code == 200
    group_form = _largest_post_form_size(page.content.decode())

    client.force_login(editor)
    largest = max(Project.objects.all(), key=lambda p: p.participants.count())
    page = client.get(reverse("wagtailsnippets_projects_project:edit", args=[largest.pk]))
    assert page.status_code == 200
    project_form = _largest_post_form_size(page.content.decode())
    print(f"group editor: {group_form} fields, project snippet ({largest.participants.count()} participants): "
          f"{project_form} fields, limit {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS}")  # fmt: skip
    assert max(group_form, project_form) * 2 < settings.DATA_UPLOAD_MAX_NUMBER_FIELDS


@pytest.mark.django_db
def test_admin_user_edit_form_round_trip(client, operator, member):
    from ikz.accounts.models import User

    def state():
        user = User.objects.get(pk=member.pk)
        fields = {f.name: getattr(user, f.name) for f in User._meta.concrete_fields}
        return fields, sorted(user.groups.values_list("name", flat=True))

    before = state()
    client.force_login(operator)
    _, response = _post_unchanged(
        client, reverse("wagtailusers_users:edit", args=[member.pk]), having="email"
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert state() == before


# --- In Chromium: what the browser shows and sends ------------------------------------------------


def _browser_login(page, live_server, client, user):
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_project_form_round_trip_in_the_browser(live_server, page, client, member, full_project):
    before = _project_state(full_project)
    _browser_login(page, live_server, client, member)
    page.goto(live_server.url + reverse("projects:edit", args=[full_project.pk]))
    assert page.locator("#id_start_date").input_value() == "2026-12-01"  # shown, not blank
    assert page.locator("#id_savings_percent").input_value() == "12.5"
    assert page.locator("#id_savings_eur").input_value() == "120000"
    page.get_by_role("button", name="Entwurf speichern").click()
    page.wait_for_url("**/projekte/meine/**")
    assert "Der Entwurf ist gespeichert" in page.locator("main").inner_text()
    after = _project_state(full_project)
    assert after == before


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_hotline_inquiry_stores_what_was_typed_in_the_browser(
    live_server, page, home_page, settings, tmp_path
):
    from ikz.hotline.models import Inquiry

    settings.HOTLINE_MIN_FILL_SECONDS = 0
    settings.HOTLINE_ATTACHMENT_ROOT = tmp_path / "hotline"
    typed = {
        "Betreff": "Gemeinsames Standesamt – § 23 GkG NRW",
        "Ihre Frage": "Welche Form passt?\nZwei Gemeinden, 12.500 Einwohner; Beginn 01.01.2027.",
        "Körperschaft (freiwillig)": "Hückeswagen",
        "Ihr Name": "Erika Müller-Lüdenscheidt",
        "Ihre E-Mail-Adresse": "erika@kommune.nrw.example",
    }
    page.goto(live_server.url + "/hotline/")
    for label, value in typed.items():
        page.get_by_label(label, exact=False).first.fill(value)
    page.get_by_label(re.compile("Ich bin damit einverstanden")).check()
    page.get_by_role("button", name="Anfrage senden").click()
    page.locator(".hotline-reference").wait_for()
    stored = Inquiry.objects.get()
    assert (stored.subject, stored.question, stored.municipality_text, stored.name, stored.email) == tuple(
        typed.values()
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_colleagues_save_in_between_shows_both_versions_and_loses_nothing(
    live_server, page, axe, client, member, member_factory, full_project
):
    from ikz.projects import services

    colleague = member_factory(municipality=member.memberships.get().municipality, first_name="Klara",
                               last_name="Kollegin", email="klara@kommune.nrw.example")  # fmt: skip
    _browser_login(page, live_server, client, member)
    page.goto(live_server.url + reverse("projects:edit", args=[full_project.pk]))

    # Klara saves a new title and Beginn while the form is open here
    draft = full_project.get_latest_revision_as_object()
    fields = {"title": "Bauhof Wupper (Klara)", "start_date": datetime.date(2027, 2, 1)}
    services.project_update(
        project=full_project, user=colleague, base_revision_id=full_project.latest_revision_id, fields=fields,
        task_area_ids=[a.pk for a in draft.task_areas.all()],
        participants=[{f: getattr(p, f) for f in ("municipality", "name", "role", "contact_name", "contact_email",
                                                   "contact_phone")} for p in draft.participants.all()],
    )  # fmt: skip

    page.locator("#id_title").fill("Bauhof Wupper (Max)")
    page.get_by_label("Phase").select_option("aufbau")
    page.get_by_role("button", name="Entwurf speichern").click()
    conflict = page.locator(".proj-conflict")
    assert "Klara Kollegin" in conflict.inner_text()
    assert "Bauhof Wupper (Klara)" in conflict.inner_text()
    assert page.locator("#id_title").input_value() == "Bauhof Wupper (Max)"  # my input kept
    assert page.locator("#id_start_date").input_value() == "2027-02-01"  # only Klara changed it
    assert page.get_by_label("Phase").input_value() == "aufbau"
    axe(page)

    page.get_by_label("diese Fassung übernehmen (Titel des Projekts)").check()
    page.get_by_role("button", name="Markierte Fassungen ins Formular übernehmen").click()
    assert page.locator("#id_title").input_value() == "Bauhof Wupper (Klara)"
    page.get_by_role("button", name="Entwurf speichern").click()
    page.wait_for_url("**/projekte/meine/**")
    full_project.refresh_from_db()
    latest = full_project.get_latest_revision_as_object()
    assert (latest.title, latest.start_date, latest.phase) == ("Bauhof Wupper (Klara)", datetime.date(2027, 2, 1),
                                                               "aufbau")  # fmt: skip


@pytest.mark.django_db
def test_workshop_note_round_trip(client, member):
    from ikz.workshop import services
    from ikz.workshop.models import Note

    workshop = services.workshop_create(user=member, title="Bauhof")
    note = services.note_create(
        workshop=workshop, user=member, kind="beschluss", title="Ratsbeschluss „Bauhof“ & Zeitplan",
        text="Erstens: Rat im März.\n\n  Zweitens: Aufsicht <informieren>.\n",
    )  # fmt: skip
    before = Note.objects.filter(pk=note.pk).values().get()
    client.force_login(member)
    url = reverse("workshop:note_edit", args=[workshop.key, note.pk])
    _html, response = _post_unchanged(client, url, having="title")
    assert response.status_code == 302
    assert Note.objects.filter(pk=note.pk).values().get() == before


@pytest.mark.django_db
def test_workshop_edit_round_trip(client, member, municipality_factory, home_page):
    from ikz.core.taxonomy import TaskArea
    from ikz.workshop import services
    from ikz.workshop.models import Workshop

    partners = [municipality_factory("05374020"), municipality_factory("05111000")]
    workshop = services.workshop_create(
        user=member, title="Bauhof „Nord“ & Süd", task_area=TaskArea.objects.get(slug="bauhof"),
        task="Zwei Bauhöfe.\n\n  Ein Fuhrpark <gemeinsam>.\n", partners=partners,
    )  # fmt: skip
    before = Workshop.objects.filter(pk=workshop.pk).values().get()
    client.force_login(member)
    url = reverse("workshop:edit", args=[workshop.key])
    _html, response = _post_unchanged(client, url, having="title")
    assert response.status_code == 302
    assert Workshop.objects.filter(pk=workshop.pk).values().get() == before
    assert sorted(workshop.partners.values_list("ags", flat=True)) == ["05111000", "05374020"]


@pytest.mark.django_db
def test_search_prior_round_trip(client, editor, home_page):
    from ikz.search.models import SearchPrior

    prior = SearchPrior.objects.create(
        law="GkG NRW", factor=Decimal("1.35"), note="Kern des Portals „IKZ“ & Co."
    )
    before = SearchPrior.objects.filter(pk=prior.pk).values().get()
    client.force_login(editor)
    url = reverse("wagtailsnippets_search_searchprior:edit", args=[prior.pk])
    _html, response = _post_unchanged(client, url, having="factor")
    assert response.status_code == 302, response.content.decode()[:3000]
    assert SearchPrior.objects.filter(pk=prior.pk).values().get() == before


@pytest.mark.django_db
def test_workshop_publish_round_trip(client, member, municipality_factory, home_page):
    """The publish form, sent as loaded: the project carries exactly the Werkstatt's data."""
    from ikz.core.taxonomy import TaskArea
    from ikz.projects.models import Project
    from ikz.workshop import services

    area = TaskArea.objects.get_or_create(slug="bauhof", defaults={"name": "Bauhof"})[0]
    task = "Gemeinsamer Bauhof „Nord“ & Winterdienst.\n\n  Zweitens: Fahrzeuge <teilen>.\n"
    workshop = services.workshop_create(
        user=member, title="Bauhof „Nord“ & Co.", task_area=area, task=task,
        partners=[municipality_factory("05374016"), municipality_factory("05374020")],
        assistant_query="rechtsform=zweckverband",
    )  # fmt: skip
    client.force_login(member)
    url = reverse("workshop:publish", args=[workshop.key])
    _html, response = _post_unchanged(client, url, having="summary")
    assert response.status_code == 302
    project = Project.objects.get()
    assert (project.title, project.summary, project.legal_form) == (workshop.title, task.strip(), "zweckverband")
    assert list(project.task_areas.all()) == [area]


@pytest.mark.django_db
def test_workshop_milestone_round_trip(client, member):
    from ikz.assistant.loader import rules_sync
    from ikz.workshop import plan, services
    from ikz.workshop.models_plan import Milestone

    rules_sync()
    workshop = services.workshop_create(user=member, title="Bauhof")
    plan.plan_create(workshop=workshop, user=member, legal_form="oerv_delegierend")
    milestone = Milestone.objects.filter(plan__workshop=workshop).first()
    Milestone.objects.filter(pk=milestone.pk).update(
        description="Erstens: Rat „Bauhof“ & Zeitplan.\n\n  Zweitens: <Aufsicht>.", due_date="2027-03-31",
        owner=member, status="in_arbeit",
    )  # fmt: skip
    before = Milestone.objects.filter(pk=milestone.pk).values().get()
    client.force_login(member)
    url = reverse("workshop:milestone_edit", args=[workshop.key, milestone.pk])
    _html, response = _post_unchanged(client, url, having="due_date")
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Milestone.objects.filter(pk=milestone.pk).values().get() == before


@pytest.mark.django_db
def test_workshop_plan_round_trip(client, member):
    from ikz.assistant.loader import rules_sync
    from ikz.workshop import plan, services
    from ikz.workshop.models import Activity
    from ikz.workshop.models_plan import Milestone, Plan

    rules_sync()
    workshop = services.workshop_create(user=member, title="Bauhof")
    plan.plan_create(workshop=workshop, user=member, legal_form="zweckverband")
    before = (list(Plan.objects.values()), list(Milestone.objects.values()), Activity.objects.count())
    client.force_login(member)
    _html, response = _post_unchanged(client, reverse("workshop:plan", args=[workshop.key]), having="legal_form")
    assert response.status_code == 302, response.content.decode()[:3000]
    assert (list(Plan.objects.values()), list(Milestone.objects.values()), Activity.objects.count()) == before


@pytest.mark.django_db
def test_workshop_notification_round_trip(client, member):
    from ikz.workshop import digest, services
    from ikz.workshop.models_plan import NotificationSetting

    workshop = services.workshop_create(user=member, title="Bauhof")
    digest.mode_set(member=workshop.members.get(), mode="taeglich")
    before = NotificationSetting.objects.values().get()
    client.force_login(member)
    url = reverse("workshop:notifications", args=[workshop.key])
    _html, response = _post_unchanged(client, url, having="mode")
    assert response.status_code == 302, response.content.decode()[:3000]
    assert NotificationSetting.objects.values().get() == before


@pytest.mark.django_db
def test_agreements_draft_round_trip(client, member, municipality_factory, home_page):
    """A draft saved unchanged: no new version, the row identical (line breaks, quotes, markup, years)."""
    from ikz.agreements import services as agreement_services
    from ikz.agreements.models import Draft
    from ikz.workshop import services

    partners = [municipality_factory("05374016"), municipality_factory("05374020")]
    workshop = services.workshop_create(user=member, title="Bauhof", task="Winterdienst", partners=partners)
    draft = agreement_services.draft_create(
        workshop=workshop, user=member, kind="oerv_mandatierend", name="Vereinbarung „Bauhof“ & Co.",
        seat="Lindlar", lead_ags="05374020", cost_sharing="Erstens: Einwohner.\n\n  Zweitens: <Fläche>.\n",
        public_notice="Amtsblatt", term_years=25, termination="Zum Jahresende.", start="1. Januar 2028",
        extra="Anlage 1\n  eingerückt",
    )  # fmt: skip
    before = Draft.objects.filter(pk=draft.pk).values().get()
    client.force_login(member)
    url = reverse("workshop:agreements:detail", args=[workshop.key, draft.pk])
    _html, response = _post_unchanged(client, url, having="cost_sharing")
    assert response.status_code == 302
    assert Draft.objects.filter(pk=draft.pk).values().get() == before
    assert draft.versions.count() == 1


@pytest.mark.django_db
def test_question_edit_round_trip(client, member, home_page):
    from ikz.core.taxonomy import TaskArea
    from ikz.questions import services
    from ikz.questions.models import Question

    question = services.question_create(
        user=member, title="Standesamt „gemeinsam“ & Co.?", body="Erstens: Rat.\n\n  Zweitens: <Aufsicht>.\n",
        task_area=TaskArea.objects.get(slug="bauhof"), is_public=True,
    )  # fmt: skip
    before = Question.objects.filter(pk=question.pk).values().get()
    client.force_login(member)
    _html, response = _post_unchanged(client, reverse("questions:edit", args=[question.pk]), having="title")
    assert response.status_code == 302
    assert Question.objects.filter(pk=question.pk).values().get() == before


@pytest.mark.django_db
def test_answer_edit_round_trip(client, member, home_page):
    from ikz.questions import services
    from ikz.questions.models import Answer

    question = services.question_create(user=member, title="Bauhof?")
    answer = services.answer_create(
        question=question, user=member, body="Wir: „Ja“ & seit 2019.\n\n  Eingerückt <b>nicht fett</b>.\n"
    )
    before = Answer.objects.filter(pk=answer.pk).values().get()
    client.force_login(member)
    url = reverse("questions:answer_edit", args=[question.pk, answer.pk])
    _html, response = _post_unchanged(client, url, having="body")
    assert response.status_code == 302
    assert Answer.objects.filter(pk=answer.pk).values().get() == before
