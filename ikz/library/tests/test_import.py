import gzip
import json

import pytest
from django.core.management import call_command

from ikz.library.fixtures import corpus_slice
from ikz.library.importer import import_entries, import_file
from ikz.library.models import LawPage, LawSection, LiteraturePage, RulingPage

pytestmark = pytest.mark.django_db


def test_import_is_idempotent_and_updates(library_index):
    lines = list(corpus_slice())
    first = import_entries(lines)
    assert first.created == len(lines) and not first.errors
    count = LawSection.objects.count()
    changed = json.loads(lines[0])
    changed["heading"] = "Geänderte Überschrift"
    second = import_entries([json.dumps(changed), *lines[1:]])
    assert second.created == 0 and second.updated == len(lines)
    assert LawSection.objects.count() == count
    assert LawSection.objects.get(external_id=changed["external_id"]).heading == "Geänderte Überschrift"
    assert LawPage.objects.filter(external_id="bund:gwb").count() == 1


def test_bad_lines_are_reported_with_line_numbers_and_skipped(library_index):
    good = list(corpus_slice())[:3]
    lines = [
        good[0],
        "{kein json",
        json.dumps({"kind": "law", "external_id": "x:y:§1", "law": "XY"}),  # no section, no body
        good[1],
        json.dumps({"kind": "unbekannt", "external_id": "z"}),
        json.dumps({"kind": "ruling", "external_id": "r1", "court": "EuGH", "ecli": "ECLI:kaputt"}),
        good[2],
    ]
    summary = import_entries(lines)
    assert summary.created == 3
    assert [n for n, _ in summary.errors] == [2, 3, 5, 6]
    assert "kein gültiges JSON" in summary.errors[0][1]
    assert "ECLI" in summary.errors[3][1]
    assert not RulingPage.objects.filter(external_id="r1").exists()


def test_gzip_file_and_command(library_index, tmp_path, capsys):
    path = tmp_path / "auszug.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.writelines(corpus_slice())
        handle.write('{"kind": "law"}\n')
    call_command("import_library", str(path))
    out, err = capsys.readouterr()
    assert f"{len(corpus_slice())} neu" in out
    assert f"Zeile {len(corpus_slice()) + 1}:" in err
    assert import_file(path).updated == len(corpus_slice())


def test_rulings_and_literature_keep_nulls(library_index):
    from ikz.library.demo import packaged_entries

    rulings = packaged_entries("ruling")
    literature = packaged_entries("literature")
    summary = import_entries([json.dumps(e, ensure_ascii=False) for e in rulings + literature])
    assert not summary.errors and summary.created == len(rulings) + len(literature)
    c480 = RulingPage.objects.get(external_id="eugh-c-480-06")
    assert c480.ecli == "" and c480.file_number == "C-480/06"
    bfh = RulingPage.objects.get(external_id="bfh-2011-11-10-sporthalle")
    assert bfh.file_number == "" and bfh.ecli == ""
    assert RulingPage.objects.get(external_id="eugh-c-386-11").ecli == "ECLI:EU:C:2013:385"
    held = LiteraturePage.objects.get(external_id="held-winkel-wansleben-kvr-nrw")
    assert held.isbn == "" and held.year is None and held.authors == ""
    assert "Friedrich Wilhelm Held" in held.editors
    assert import_entries([json.dumps(e, ensure_ascii=False) for e in rulings]).updated == len(rulings)
    assert RulingPage.objects.count() == len(rulings)


def test_gkg_excerpt_is_land_nrw_with_provenance(library_laws):
    law = LawPage.objects.get(external_id="nrw:gkg_nrw")
    assert law.abbreviation == "GkG NRW" and law.jurisdiction == "nrw"
    section = law.sections.get(slug="23")
    assert section.external_id == "nrw:gkg_nrw:§23"
    assert "anwalt24.de" in section.source


def test_a_new_law_keeps_the_whole_source_of_its_first_section(client, library_index):
    """The importer once stored only the scheme ("https") as a new law's source, and the law page
    said "Quelle: https"."""
    url = "https://recht.nrw.de/lmi/owa/br_text_anzeigen?v_id=1000000000000000001"
    line = {
        "kind": "law",
        "external_id": "nrw:testg:§1",
        "law": "TestG NRW",
        "jurisdiction": "Land NRW",
        "section": "§ 1",
        "body": "(1) Ein Satz.",
        "source": url,
    }
    assert not import_entries([json.dumps(line)]).errors
    law = LawPage.objects.get(external_id="nrw:testg")
    assert law.source == url
    html = client.get(law.url).content.decode()
    assert f'<a href="{url.replace("&", "&amp;")}"' in html
    assert ">https<" not in html and "Quelle: https" not in html

    # A law stored with the broken value is repaired by the next import; an editor's value stays.
    LawPage.objects.filter(pk=law.pk).update(source="https")
    import_entries([json.dumps(line)])
    assert LawPage.objects.get(pk=law.pk).source == url
    LawPage.objects.filter(pk=law.pk).update(source="Justizportal NRW, abgerufen 2026")
    import_entries([json.dumps(line)])
    assert LawPage.objects.get(pk=law.pk).source == "Justizportal NRW, abgerufen 2026"


def test_a_law_line_may_name_the_source_of_the_whole_law(library_index):
    line = {
        "kind": "law",
        "external_id": "nrw:testg2:§3",
        "law": "TestG2 NRW",
        "section": "§ 3",
        "body": "Text.",
        "source": "https://example.org/testg2/3",
        "law_source": "https://example.org/testg2/",
    }
    assert not import_entries([json.dumps(line)]).errors
    assert LawPage.objects.get(external_id="nrw:testg2").source == "https://example.org/testg2/"
    assert LawSection.objects.get(external_id="nrw:testg2:§3").source == "https://example.org/testg2/3"


def test_command_names_the_import_and_keeps_the_earlier_fassung(library_index, tmp_path, capsys):
    line = json.loads(corpus_slice()[0])
    path = tmp_path / "neu.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    call_command("import_library", str(path))
    section = LawSection.objects.get(external_id=line["external_id"])
    assert section.import_label == "neu.jsonl"  # without --label: the file name
    line["body"] += "\n\n(9) Ein Absatz, den es nur im Test gibt."
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    call_command("import_library", str(path), "--label", "Neufassung (Test)")
    assert "1 frühere Fassungen aufbewahrt" in capsys.readouterr().out
    section.refresh_from_db()
    assert section.import_label == "Neufassung (Test)"
    version = section.versions.get()
    assert version.import_label == "neu.jsonl" and version.superseded_by == "Neufassung (Test)"
