"""Documents of a Werkstatt: checked uploads, versions, downloads only for its members."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ikz.library.docgen import Document, Paragraph, docx_bytes, pdf_bytes
from ikz.workshop import files, services
from ikz.workshop.models import Role, WorkshopDocument, WorkshopDocumentVersion

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _file_root(settings, tmp_path):
    settings.WORKSHOP_FILE_ROOT = tmp_path / "werkstatt"


def pdf(text="Entwurf der Vereinbarung") -> bytes:
    return pdf_bytes(Document(title=text, blocks=[Paragraph("Beispiel")]))


def docx(text="Kostenaufteilung") -> bytes:
    return docx_bytes(Document(title=text, blocks=[Paragraph("Beispiel")]))


def upload(name="Entwurf.pdf", data=None):
    return SimpleUploadedFile(name, pdf() if data is None else data)


@pytest.fixture
def contributor(member_factory, municipality_factory, workshop, add_member):
    user = member_factory(municipality=municipality_factory("05374020"), email="mit@lindlar.nrw.example")
    add_member(workshop, user)
    return user


@pytest.fixture
def document(workshop, lead):
    return files.document_create(workshop=workshop, user=lead, title="Vereinbarung", upload=upload())


def test_upload_keeps_who_and_when_and_writes_the_activity(client, workshop, lead):
    client.force_login(lead)
    response = client.post(
        reverse("workshop:documents", args=[workshop.key]),
        {"title": "Vereinbarung (Entwurf)", "file": upload(), "comment": "erster Entwurf"},
    )
    document = WorkshopDocument.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("workshop:document", args=[workshop.key, document.pk])
    version = document.versions.get()
    assert (version.number, version.kind, version.uploaded_by, version.comment) == (
        1,
        "pdf",
        lead,
        "erster Entwurf",
    )
    assert version.filename == "Entwurf.pdf"
    assert workshop.activities.filter(kind="document", summary__contains="„Vereinbarung (Entwurf)“").exists()
    page = client.get(reverse("workshop:detail", args=[workshop.key])).content.decode()
    assert "Vereinbarung (Entwurf)" in page and "Fassung 1" in page


def test_a_file_whose_content_does_not_match_is_refused_in_german_and_the_input_stays(client, workshop, lead):
    client.force_login(lead)
    response = client.post(
        reverse("workshop:documents", args=[workshop.key]),
        {"title": "Kostenschlüssel", "comment": "bitte prüfen",
         "file": SimpleUploadedFile("Kosten.pdf", b"MZ\x90\x00 kein PDF")},
    )  # fmt: skip
    assert response.status_code == 400
    html = response.content.decode()
    assert "„Kosten.pdf“ ist ein ausführbares Programm und wird nicht angenommen." in html
    assert 'value="Kostenschlüssel"' in html and 'value="bitte prüfen"' in html
    assert "die Datei wählen Sie bitte noch einmal aus" in html
    assert not WorkshopDocument.objects.exists()
    assert not workshop.activities.filter(kind="document").exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("Brief.pdf", b"Nur Text, kein PDF", "passt nicht zur Dateiendung"),
        ("Tabelle.exe", b"MZ\x90\x00", "Erlaubt sind"),
        ("Bild.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20, "Erlaubt sind"),
        (
            "Aktion.pdf",
            b"%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>",
            "aktive Inhalte",
        ),
    ],
)
def test_uploads_are_checked_by_content(name, data, message):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        files.upload_check(SimpleUploadedFile(name, data))
    assert message in " ".join(caught.value.messages)


def test_a_docx_with_macros_is_refused(workshop, lead):
    import io
    import zipfile

    from django.core.exceptions import ValidationError

    buffer = io.BytesIO(docx())
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("word/vbaProject.bin", b"\x00" * 16)
    with pytest.raises(ValidationError, match="aktive Inhalte"):
        files.document_create(
            workshop=workshop, user=lead, title="X", upload=upload("Makro.docx", buffer.getvalue())
        )
    assert not WorkshopDocument.objects.exists()


def test_too_large_files_are_refused(settings, client, workshop, lead):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 100
    client.force_login(lead)
    response = client.post(
        reverse("workshop:documents", args=[workshop.key]), {"title": "Groß", "file": upload()}
    )
    assert response.status_code == 400
    assert "Die Datei ist zu groß" in response.content.decode()


def test_a_new_version_keeps_the_old_one_downloadable(client, workshop, lead, contributor, document):
    client.force_login(contributor)
    response = client.post(
        reverse("workshop:document", args=[workshop.key, document.pk]),
        {"file": upload("Entwurf-2.docx", docx()), "comment": "Kosten ergänzt"},
    )
    assert response.status_code == 302
    versions = list(document.versions.order_by("number"))
    assert [(v.number, v.kind, v.uploaded_by) for v in versions] == [
        (1, "pdf", lead),
        (2, "docx", contributor),
    ]
    first = client.get(reverse("workshop:document_download", args=[workshop.key, document.pk, 1]))
    assert first.status_code == 200
    assert b"".join(first.streaming_content) == versions[0].file.open("rb").read()
    assert first["Content-Type"] == "application/pdf"
    second = client.get(reverse("workshop:document_download", args=[workshop.key, document.pk, 2]))
    assert b"".join(second.streaming_content).startswith(b"PK")
    assert second["Content-Disposition"] == 'attachment; filename="Entwurf-2_Fassung-2.docx"'
    assert workshop.activities.filter(summary__contains="Fassung 2 des Dokuments „Vereinbarung“").exists()
    page = client.get(reverse("workshop:document", args=[workshop.key, document.pk])).content.decode()
    assert "Kosten ergänzt" in page and "Entwurf.pdf herunterladen" in page


def test_files_are_private_and_outside_the_media_root(settings, client, workshop, lead, document):
    from pathlib import Path

    version = document.versions.get()
    path = Path(version.file.path)
    assert path.exists()
    assert Path(settings.MEDIA_ROOT).resolve() not in path.resolve().parents
    with pytest.raises(ValueError):
        version.file.url  # noqa: B018 - no address exists for a Werkstatt file
    client.force_login(lead)
    response = client.get(reverse("workshop:document_download", args=[workshop.key, document.pk, 1]))
    assert "private" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")


def _routes(workshop, document):
    key = workshop.key
    return {
        "list": ("get", reverse("workshop:documents", args=[key])),
        "detail": ("get", reverse("workshop:document", args=[key, document.pk])),
        "download": ("get", reverse("workshop:document_download", args=[key, document.pk, 1])),
        "upload": ("post", reverse("workshop:documents", args=[key])),
        "version": ("post", reverse("workshop:document", args=[key, document.pk])),
    }


EXPECTED_MEMBER = {"list": 200, "detail": 200, "download": 200, "upload": 302, "version": 302}


@pytest.mark.parametrize(
    "who", ["lead", "contributor", "partner_member", "other_member", "editor", "anonymous"]
)
def test_permissions_per_role_including_direct_urls(
    client, who, workshop, document, lead, contributor, member_factory, municipality_factory, editor
):
    people = {
        "lead": lambda: lead,
        "contributor": lambda: contributor,
        # a member of a partner Körperschaft who was not invited, and a member elsewhere
        "partner_member": lambda: member_factory(
            municipality=municipality_factory("05374020"), email="p@x.example"
        ),
        "other_member": lambda: member_factory(
            municipality=municipality_factory("05111000"), email="o@x.example"
        ),
        "editor": lambda: editor,  # the Redaktion, not invited
        "anonymous": lambda: None,
    }
    user = people[who]()
    if user is not None:
        client.force_login(user)
    for name, (method, url) in _routes(workshop, document).items():
        data = {"title": "Neu", "file": upload()} if method == "post" else None
        response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
        if who in ("lead", "contributor"):
            assert response.status_code == EXPECTED_MEMBER[name], (who, name)
        elif who == "anonymous":
            assert response.status_code == 302 and response["Location"].startswith(
                reverse("accounts:login")
            ), (who, name)
        else:
            assert response.status_code == 404, (who, name, response.status_code)
    expected = 3 if who in ("lead", "contributor") else 1
    assert WorkshopDocumentVersion.objects.count() == expected


def test_a_document_of_another_workshop_is_not_reachable_through_ones_own(
    client, workshop_factory, lead, document
):
    own = workshop_factory(title="Eigene")
    client.force_login(lead)
    for url in (
        reverse("workshop:document", args=[own.key, document.pk]),
        reverse("workshop:document_download", args=[own.key, document.pk, 1]),
    ):
        assert client.get(url).status_code == 404


def test_removal_takes_effect_at_once_for_downloads(client, workshop, lead, contributor, document):
    client.force_login(contributor)
    url = reverse("workshop:document_download", args=[workshop.key, document.pk, 1])
    assert client.get(url).status_code == 200
    member = workshop.members.get(user=contributor)
    services.member_remove(workshop=workshop, by=lead, member=member)
    assert client.get(url).status_code == 404


def test_an_archived_workshop_refuses_uploads_but_keeps_the_files_readable(client, workshop, lead, document):
    services.workshop_archive(workshop=workshop, by=lead)
    client.force_login(lead)
    response = client.post(
        reverse("workshop:documents", args=[workshop.key]), {"title": "Nachtrag", "file": upload()}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Die Werkstatt ist archiviert" in html and 'value="Nachtrag"' in html
    response = client.post(reverse("workshop:document", args=[workshop.key, document.pk]), {"file": upload()})
    assert response.status_code == 409
    assert document.versions.count() == 1
    assert (
        client.get(reverse("workshop:document_download", args=[workshop.key, document.pk, 1])).status_code
        == 200
    )
    page = client.get(reverse("workshop:documents", args=[workshop.key])).content.decode()
    assert "Neues Dokument hochladen" not in page


def test_the_service_refuses_when_archived_meanwhile(workshop, lead):
    from django.core.exceptions import ValidationError

    services.workshop_archive(workshop=workshop, by=lead)
    with pytest.raises(ValidationError, match="archiviert"):
        files.document_create(workshop=workshop, user=lead, title="X", upload=upload())
    assert not WorkshopDocumentVersion.objects.exists()


def test_a_failed_save_leaves_no_file_behind(settings, workshop, lead, monkeypatch):
    from pathlib import Path

    def fail(*args, **kwargs):
        raise RuntimeError("Datenbank weg")

    monkeypatch.setattr(files, "_log", fail)
    with pytest.raises(RuntimeError):
        files.document_create(workshop=workshop, user=lead, title="X", upload=upload())
    root = Path(settings.WORKSHOP_FILE_ROOT)
    assert not [p for p in root.rglob("*") if p.is_file()]
    assert not WorkshopDocument.objects.exists()


def test_contributors_role_is_enough_to_upload(workshop, contributor):
    assert workshop.members.get(user=contributor).role == Role.CONTRIBUTOR
    document = files.document_create(
        workshop=workshop, user=contributor, title="", upload=upload("Protokoll.pdf")
    )
    assert document.title == "Protokoll"
