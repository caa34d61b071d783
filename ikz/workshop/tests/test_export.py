"""The whole Werkstatt as ZIP: documents in all versions, notes, plan and activity as PDF and CSV."""

import csv
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from ikz.library.docgen import Document, Paragraph, pdf_bytes
from ikz.workshop import files, services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _file_root(settings, tmp_path):
    settings.WORKSHOP_FILE_ROOT = tmp_path / "werkstatt"


@pytest.fixture
def filled(workshop, lead):
    data = pdf_bytes(Document(title="Vereinbarung", blocks=[Paragraph("Beispiel")]))
    document = files.document_create(
        workshop=workshop, user=lead, title="Vereinbarung/Entwurf", upload=SimpleUploadedFile("v.pdf", data)
    )
    files.version_add(document=document, user=lead, upload=SimpleUploadedFile("v.pdf", data + b"%2"),
                      comment="=HYPERLINK(\"http://x\")")  # fmt: skip
    services.note_create(workshop=workshop, user=lead, kind="beschluss", title="Ratsbeschluss",
                         text="Der Rat stimmt am 1. März zu.")  # fmt: skip
    return workshop, document


def _zip(response) -> zipfile.ZipFile:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response.streaming  # streamed, never built whole in memory
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def _csv(archive, name) -> list[list[str]]:
    return list(csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig")), delimiter=";"))


def test_the_lead_exports_an_active_workshop_whole(client, filled, lead):
    workshop, document = filled
    client.force_login(lead)
    response = client.get(reverse("workshop:export", args=[workshop.key]))
    assert "private" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("attachment; filename=")
    archive = _zip(response)
    names = set(archive.namelist())
    assert {"werkstatt.pdf", "aktivitaet.csv", "notizen.csv", "dokumente.csv", "mitglieder.csv"} <= names
    versions = sorted(n for n in names if n.startswith("dokumente/"))
    assert versions == [
        "dokumente/01_Vereinbarung_Entwurf/Fassung-1_v.pdf",
        "dokumente/01_Vereinbarung_Entwurf/Fassung-2_v.pdf",
    ]
    for version in document.versions.all():
        with version.file.open("rb") as stored:
            assert (
                archive.read(f"dokumente/01_Vereinbarung_Entwurf/Fassung-{version.number}_v.pdf")
                == stored.read()
            )
    notes = _csv(archive, "notizen.csv")
    assert notes[0][:3] == ["Art", "Überschrift", "Text"]
    assert notes[1][:3] == ["Beschluss", "Ratsbeschluss", "Der Rat stimmt am 1. März zu."]
    activity = _csv(archive, "aktivitaet.csv")
    assert any("hat das Dokument „Vereinbarung/Entwurf“ hochgeladen" in row[3] for row in activity[1:])
    assert any(row[2] == "Dokument" for row in activity[1:])
    documents = _csv(archive, "dokumente.csv")
    assert documents[2][6] == '\'=HYPERLINK("http://x")'  # no spreadsheet formula leaves the portal
    text = "\n".join(
        page.extract_text() for page in PdfReader(io.BytesIO(archive.read("werkstatt.pdf"))).pages
    )
    assert "Gemeinsamer Bauhof" in text and "Ratsbeschluss" in text and "Lea Leitung" in text
    members = _csv(archive, "mitglieder.csv")
    assert members[1][:3] == ["Lea Leitung", "leitung@hueckeswagen.nrw.example", "Leitung"]


def test_an_archived_workshop_is_exported_for_every_member(client, filled, lead, member_factory,
                                                           municipality_factory, add_member):  # fmt: skip
    workshop, _document = filled
    contributor = member_factory(municipality=municipality_factory("05374020"), email="m@lindlar.nrw.example")
    add_member(workshop, contributor)
    client.force_login(contributor)
    url = reverse("workshop:export", args=[workshop.key])
    assert client.get(url).status_code == 403  # before the archive: the Leitung only
    services.workshop_archive(workshop=workshop, by=lead)
    archive = _zip(client.get(url))
    assert any("abgeschlossen und archiviert" in row[3] for row in _csv(archive, "aktivitaet.csv")[1:])


def test_the_plan_is_exported_when_the_workshop_has_one(client, filled, lead):
    from ikz.workshop.models import Milestone, Plan

    workshop, _document = filled
    plan = Plan.objects.create(workshop=workshop, legal_form="zweckverband", created_by=lead)
    Milestone.objects.create(plan=plan, title="Ratsbeschluss in jeder Gemeinde", citations="§ 9 GkG NRW",
                             created_by=lead, updated_by=lead)  # fmt: skip
    client.force_login(lead)
    archive = _zip(client.get(reverse("workshop:export", args=[workshop.key])))
    rows = _csv(archive, "plan.csv")
    assert rows[1][0] == "Ratsbeschluss in jeder Gemeinde" and rows[1][4] == "§ 9 GkG NRW"


@pytest.mark.parametrize("who", ["partner_member", "other_member", "editor", "anonymous"])
def test_outsiders_cannot_export(client, filled, who, member_factory, municipality_factory, editor, lead):
    workshop, _document = filled
    services.workshop_archive(workshop=workshop, by=lead)
    people = {
        "partner_member": lambda: member_factory(
            municipality=municipality_factory("05374020"), email="p@x.example"
        ),
        "other_member": lambda: member_factory(
            municipality=municipality_factory("05111000"), email="o@x.example"
        ),
        "editor": lambda: editor,
        "anonymous": lambda: None,
    }
    user = people[who]()
    if user is not None:
        client.force_login(user)
    response = client.get(reverse("workshop:export", args=[workshop.key]))
    assert response.status_code == (302 if who == "anonymous" else 404)


def test_agreement_drafts_are_exported_when_the_agreements_app_is_there(client, filled, lead):
    from django.apps import apps

    if not apps.is_installed("ikz.agreements"):
        pytest.skip("die Entwürfe (ikz.agreements) sind nicht installiert")
    from ikz.agreements import services as agreement_services

    workshop, _document = filled
    agreement_services.draft_create(
        workshop=workshop, user=lead, kind="oerv_mandatierend", seat="Hückeswagen"
    )
    client.force_login(lead)
    archive = _zip(client.get(reverse("workshop:export", args=[workshop.key])))
    drafts = sorted(n for n in archive.namelist() if n.startswith("entwuerfe/"))
    assert [n.rsplit("/", 1)[1] for n in drafts] == [
        "Version-1.pdf", "aktueller_Stand.docx", "aktueller_Stand.odt", "aktueller_Stand.pdf",
    ]  # fmt: skip
    docx = next(n for n in drafts if n.endswith(".docx"))
    assert zipfile.ZipFile(io.BytesIO(archive.read(docx))).read("word/document.xml").count(b"GkG") > 0
