"""The Redaktion brings a newer Fassung through the admin: upload a JSON Lines file."""

import gzip
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ikz.library import admin_views
from ikz.library.importer import import_entries
from ikz.library.models import LawSection, LawSectionVersion

pytestmark = pytest.mark.django_db

URL = "/admin/wissen/import/"


def _jsonl(body: str, date: str) -> bytes:
    line = {
        "kind": "law",
        "external_id": "nrw:testg:§2",
        "law": "TestG NRW",
        "law_key": "nrw:testg",
        "jurisdiction": "Land NRW",
        "section": "§ 2",
        "heading": "Zweck",
        "body": body,
        "source": "https://recht.nrw.de/beispiel",
        "version_date": date,
    }
    return (json.dumps(line, ensure_ascii=False) + "\n").encode()


def test_editor_imports_a_newer_fassung_and_the_old_text_stays(client, library_index, editor):
    old_body = "(1) Ein Beispieltext, den es nur im Test gibt."
    import_entries([_jsonl(old_body, "2015-02-03").decode()])
    section = LawSection.objects.get(external_id="nrw:testg:§2")
    client.force_login(editor)
    page = client.get(URL).content.decode()
    assert "Gesetzestexte importieren" in page and "Bezeichnung des Imports" in page
    assert "Gesetzestexte importieren" in client.get("/admin/").content.decode()  # in the menu

    new_body = old_body + "\n\n(9) Ein Absatz, den es nur im Test gibt."
    upload = SimpleUploadedFile("testg.jsonl.gz", gzip.compress(_jsonl(new_body, "2024-03-05")))
    response = client.post(URL, {"file": upload, "label": "TestG NRW, Stand 05.03.2024"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "0 neu, 1 aktualisiert" in page and "1 frühere Fassungen aufbewahrt" in page
    section.refresh_from_db()
    assert section.body == new_body and section.import_label == "TestG NRW, Stand 05.03.2024"
    version = LawSectionVersion.objects.get(section=section)
    assert version.body == old_body and version.superseded_by == "TestG NRW, Stand 05.03.2024"

    # The same file again (plain this time, no label: the file name is the label) keeps nothing.
    again = SimpleUploadedFile("testg.jsonl", _jsonl(new_body, "2024-03-05"))
    assert "0 frühere Fassungen aufbewahrt" in client.post(URL, {"file": again}).content.decode()
    assert LawSectionVersion.objects.count() == 1

    public = client.get(section.url).content.decode()
    assert "Frühere Fassungen" in public and version.superseded_at.strftime("%d.%m.%Y") in public


def test_bad_lines_and_files_are_reported_in_german(client, library_index, editor, monkeypatch):
    client.force_login(editor)
    upload = SimpleUploadedFile("x.jsonl", b'{"kind": "law"}\nkein json\n')
    page = client.post(URL, {"file": upload}).content.decode()
    assert "Zeile 1: Pflichtfeld" in page and "Zeile 2: kein gültiges JSON" in page

    broken = SimpleUploadedFile("x.jsonl.gz", b"\x1f\x8b" + b"kaputt" * 10)
    assert "Die Datei konnte nicht gelesen werden" in client.post(URL, {"file": broken}).content.decode()

    monkeypatch.setattr(admin_views, "MAX_UPLOAD_LINES", 2)
    three = SimpleUploadedFile("y.jsonl", _jsonl("Text eins.", "2024-01-01") * 3)
    assert (
        "mehr als 2 Zeilen; nur die ersten wurden gelesen"
        in client.post(URL, {"file": three}).content.decode()
    )


def test_only_the_redaktion_may_import(client, library_index, member):
    import_entries([_jsonl("Erster Text.", "2015-02-03").decode()])
    upload = SimpleUploadedFile("testg.jsonl", _jsonl("Text.", "2024-03-05"))
    assert client.post(URL, {"file": upload}).status_code == 302  # to the login
    client.force_login(member)
    upload.seek(0)
    assert client.post(URL, {"file": upload}).status_code in (302, 403)
    assert LawSection.objects.get(external_id="nrw:testg:§2").body != "Text."
