"""„Als Projekt veröffentlichen“: a project draft from the Werkstatt, submitted into the moderation."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ikz.library.docgen import Document, Paragraph, pdf_bytes
from ikz.projects.models import ModerationStatus, ParticipantRole, Project
from ikz.workshop import files, publish, services
from ikz.workshop.models import WorkshopPublication

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _file_root(settings, tmp_path):
    settings.WORKSHOP_FILE_ROOT = tmp_path / "werkstatt"


@pytest.fixture
def area():
    from ikz.core.taxonomy import TaskArea

    return TaskArea.objects.get_or_create(slug="bauhof", defaults={"name": "Bauhof"})[0]


@pytest.fixture
def ready(workshop, lead, area):
    """A Werkstatt with a task area, a task, an assistant answer for the legal form and two documents."""
    workshop.task_area = area
    workshop.task = "Gemeinsamer Bauhof für Hückeswagen und Lindlar (Beispiel)."
    workshop.assistant_query = "rechtsform=oerv_mandatierend"
    workshop.save()
    data = pdf_bytes(Document(title="Vereinbarung", blocks=[Paragraph("Beispiel")]))
    chosen = files.document_create(
        workshop=workshop, user=lead, title="Vereinbarung", upload=SimpleUploadedFile("v1.pdf", data)
    )
    files.version_add(
        document=chosen, user=lead, upload=SimpleUploadedFile("v2.pdf", data + b"\n% Fassung 2")
    )
    internal = files.document_create(
        workshop=workshop, user=lead, title="Interne Kostenrechnung", upload=SimpleUploadedFile("k.pdf", data)
    )
    return workshop, chosen, internal


def test_the_form_is_prefilled_from_the_workshop(client, ready, lead):
    workshop, _chosen, _internal = ready
    client.force_login(lead)
    response = client.get(reverse("workshop:publish", args=[workshop.key]))
    assert response.status_code == 200
    form = response.context["form"]
    assert form["title"].value() == "Gemeinsamer Bauhof"
    assert form["summary"].value().startswith("Gemeinsamer Bauhof für Hückeswagen")
    assert form["legal_form"].value() == "oerv"
    assert form["task_area"].value() == "bauhof"
    html = response.content.decode()
    assert "Lindlar" in html and "federführend" in html
    assert "Interne Kostenrechnung" in html
    assert "private" in response["Cache-Control"]


def test_publish_creates_a_submitted_project_with_the_chosen_documents(client, ready, lead, area):
    workshop, chosen, _internal = ready
    client.force_login(lead)
    response = client.post(
        reverse("workshop:publish", args=[workshop.key]),
        {"title": "Gemeinsamer Bauhof Hückeswagen–Lindlar", "summary": "Ein Bauhof für zwei Gemeinden (Beispiel).",
         "legal_form": "oerv", "task_area": "bauhof", "documents": [str(chosen.pk)]},
    )  # fmt: skip
    assert response.status_code == 302
    project = Project.objects.get()
    assert project.moderation_status == ModerationStatus.SUBMITTED
    assert not project.live  # public only after the Redaktion approves
    assert project.submitted_by == lead and project.created_by == lead
    assert Project.objects.submitted().filter(pk=project.pk).exists()  # in the moderation queue
    assert project.title == "Gemeinsamer Bauhof Hückeswagen–Lindlar"
    assert project.legal_form == "oerv"
    assert list(project.task_areas.all()) == [area]
    participants = {(p.municipality.ags, p.role) for p in project.participants.all()}
    assert participants == {("05374016", ParticipantRole.LEAD), ("05374020", ParticipantRole.PARTNER)}
    documents = list(project.documents.all())
    assert [d.title for d in documents] == ["Vereinbarung"]
    with documents[0].document.file.open("rb") as stored:
        assert stored.read().endswith(b"% Fassung 2")  # the latest version
    assert WorkshopPublication.objects.get(workshop=workshop).project == project
    activity = workshop.activities.get(kind="published")
    assert "Gemeinsamer Bauhof Hückeswagen–Lindlar" in activity.summary
    page = client.get(reverse("workshop:detail", args=[workshop.key])).content.decode()
    assert project.get_absolute_url() in page and "zur Prüfung eingereicht" in page


def test_the_editor_sees_the_draft_in_the_moderation_queue(client, ready, lead, editor):
    workshop, chosen, _internal = ready
    project = publish.workshop_publish(
        workshop=workshop, user=lead, title="Bauhof", summary="Kurz (Beispiel).", legal_form="oerv",
        task_area=workshop.task_area, documents=[chosen],
    )  # fmt: skip
    from ikz.accounts.roles import ROLE_EDITOR

    assert editor.groups.filter(name=ROLE_EDITOR).exists()
    client.force_login(editor)
    response = client.get(reverse("projects_moderation:queue"))
    assert response.status_code == 200
    assert "Bauhof" in response.content.decode()
    # the project's document is visible to the editor, not to the public while in moderation
    document = project.documents.get().document
    assert client.get(document.url).status_code == 200
    client.logout()
    assert client.get(document.url).status_code == 404


def test_missing_data_keeps_the_input_with_a_german_message(client, ready, lead):
    workshop, chosen, _internal = ready
    client.force_login(lead)
    response = client.post(
        reverse("workshop:publish", args=[workshop.key]),
        {
            "title": "Mein Titel",
            "summary": "",
            "legal_form": "",
            "task_area": "bauhof",
            "documents": [str(chosen.pk)],
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bitte beschreiben Sie das Projekt kurz." in html
    assert "Bitte wählen Sie die Rechtsform der Zusammenarbeit." in html
    assert 'value="Mein Titel"' in html
    assert response.context["form"]["documents"].value() == [str(chosen.pk)]
    assert not Project.objects.exists()


def test_a_refused_submission_writes_nothing(client, ready, lead, monkeypatch):
    from ikz.projects import services as project_services

    monkeypatch.setattr(project_services, "SUBMISSIONS_PER_HOUR", 0)
    workshop, chosen, _internal = ready
    client.force_login(lead)
    response = client.post(
        reverse("workshop:publish", args=[workshop.key]),
        {"title": "Bauhof", "summary": "Kurz.", "legal_form": "oerv", "task_area": "bauhof",
         "documents": [str(chosen.pk)]},
    )  # fmt: skip
    assert response.status_code == 409
    assert "Sie haben in der letzten Stunde bereits" in response.content.decode()
    assert response.context["form"]["title"].value() == "Bauhof"
    assert not Project.objects.exists()
    assert not WorkshopPublication.objects.exists()
    from wagtail.documents import get_document_model

    assert not get_document_model().objects.exists()


def test_only_the_lead_publishes_and_only_once(
    client, ready, lead, member_factory, municipality_factory, add_member
):
    workshop, _chosen, _internal = ready
    contributor = member_factory(municipality=municipality_factory("05374020"), email="m@lindlar.nrw.example")
    add_member(workshop, contributor)
    client.force_login(contributor)
    url = reverse("workshop:publish", args=[workshop.key])
    assert client.get(url).status_code == 403
    data = {"title": "B", "summary": "K.", "legal_form": "oerv", "task_area": "bauhof"}
    assert client.post(url, data).status_code == 403
    assert not Project.objects.exists()
    client.force_login(lead)
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302  # refused with a message, no second project
    assert Project.objects.count() == 1


@pytest.mark.parametrize("who", ["partner_member", "other_member", "editor"])
def test_outsiders_get_404(client, ready, who, member_factory, municipality_factory, editor):
    workshop, _chosen, _internal = ready
    people = {
        "partner_member": lambda: member_factory(
            municipality=municipality_factory("05374020"), email="p@x.example"
        ),
        "other_member": lambda: member_factory(
            municipality=municipality_factory("05111000"), email="o@x.example"
        ),
        "editor": lambda: editor,
    }
    client.force_login(people[who]())
    url = reverse("workshop:publish", args=[workshop.key])
    assert client.get(url).status_code == 404
    assert client.post(url, {"title": "B"}).status_code == 404
    assert not Project.objects.exists()


def test_an_archived_workshop_cannot_be_published(client, ready, lead):
    workshop, _chosen, _internal = ready
    services.workshop_archive(workshop=workshop, by=lead)
    client.force_login(lead)
    url = reverse("workshop:publish", args=[workshop.key])
    data = {"title": "B", "summary": "K.", "legal_form": "oerv", "task_area": "bauhof"}
    response = client.post(url, data)
    assert response.status_code == 302
    assert not Project.objects.exists()
    assert "archiviert" in client.get(url).content.decode()
