"""Earlier Fassungen of a law section: kept by the importer, listed and compared on the public page."""

import datetime
import html
import json

import pytest

from ikz.library.importer import import_entries
from ikz.library.law_versions import source_url, word_diff
from ikz.library.models import LawSection, LawSectionVersion

pytestmark = pytest.mark.django_db

URL = "/wissen/gesetze/testg-nrw/7/"
OLD_BODY = "(1) Die Gemeinden können Aufgaben gemeinsam erfüllen.\n\n(2) Das Nähere regelt die Satzung."
NEW_BODY = (
    "(1) Die Gemeinden und Kreise können Aufgaben gemeinsam erfüllen.\n\n(2) Das Nähere regelt die Satzung."
)


def _line(
    body=OLD_BODY, *, heading="Gemeinsame Aufgaben", date="2015-02-03", source="https://example.org/v1"
):
    return json.dumps(
        {
            "kind": "law",
            "external_id": "nrw:testg:§7",
            "law": "TestG NRW",
            "jurisdiction": "Land NRW",
            "section": "§ 7",
            "heading": heading,
            "body": body,
            "source": source,
            "version_date": date,
        },
        ensure_ascii=False,
    )


def _section() -> LawSection:
    return LawSection.objects.get(external_id="nrw:testg:§7")


def test_a_changed_text_keeps_the_earlier_one_and_a_repeated_import_keeps_nothing(library_index):
    first = import_entries([_line()], label="Erstimport")
    assert first.created == 1 and first.versions_kept == 0
    section = _section()
    imported_at = section.imported_at
    assert section.import_label == "Erstimport" and imported_at is not None

    # The same text again, also re-wrapped: no version, and the section keeps its import time.
    again = import_entries(
        [_line(), _line(OLD_BODY.replace("gemeinsam ", "gemeinsam\n"))], label="Wiederholung"
    )
    assert again.versions_kept == 0 and again.updated == 2
    assert not LawSectionVersion.objects.exists()
    section = _section()
    assert section.imported_at == imported_at and section.import_label == "Erstimport"

    newer = import_entries(
        [_line(NEW_BODY, date="2024-03-05", source="https://example.org/v2")], label="Neufassung 2024"
    )
    assert newer.versions_kept == 1 and "1 frühere Fassungen aufbewahrt" in newer.text()
    version = LawSectionVersion.objects.get()
    assert version.section_id == section.pk
    assert version.body.split() == OLD_BODY.split() and version.heading == "Gemeinsame Aufgaben"
    assert version.version_date == datetime.date(2015, 2, 3) and version.source == "https://example.org/v1"
    assert version.import_label == "Erstimport" and version.imported_at == imported_at
    assert version.superseded_by == "Neufassung 2024"
    section = _section()
    assert section.body == NEW_BODY and section.version_date == datetime.date(2024, 3, 5)
    assert section.import_label == "Neufassung 2024"

    # Importing the newer file again changes nothing; a changed heading alone is a new Fassung.
    assert import_entries([_line(NEW_BODY, date="2024-03-05")]).versions_kept == 0
    assert (
        import_entries([_line(NEW_BODY, heading="Gemeinsame Erfüllung", date="2024-03-05")]).versions_kept
        == 1
    )
    assert LawSectionVersion.objects.count() == 2


def test_an_older_file_imported_by_mistake_adds_no_duplicate(library_index):
    import_entries([_line()])
    import_entries([_line(NEW_BODY, date="2024-03-05")])
    import_entries([_line()])  # the old file again: the 2024 text is kept as a version
    import_entries([_line(NEW_BODY, date="2024-03-05")])  # and back: the old text is kept already
    assert sorted(LawSectionVersion.objects.values_list("version_date", flat=True)) == [
        datetime.date(2015, 2, 3),
        datetime.date(2024, 3, 5),
    ]
    assert _section().body == NEW_BODY


def test_versions_in_one_batch_and_over_batches(library_index):
    """Many sections, batch boundaries inside: each changed one keeps exactly one version."""
    lines = [
        json.dumps(
            {
                "kind": "law",
                "external_id": f"bund:xg:§{n}",
                "law": "XG",
                "section": f"§ {n}",
                "body": f"Text {n}.",
            }
        )
        for n in range(1, 8)
    ]
    import_entries(lines, batch_size=3)
    changed = [line.replace('."}', ' neu."}') if n % 2 else line for n, line in enumerate(lines)]
    summary = import_entries(changed, batch_size=3)
    assert summary.versions_kept == 3 and summary.updated == 7
    assert set(LawSectionVersion.objects.values_list("body", flat=True)) == {"Text 2.", "Text 4.", "Text 6."}


def test_section_page_shows_stand_source_link_and_earlier_fassungen(client, library_index):
    import_entries([_line()])
    page = client.get(URL).content.decode()
    assert "Stand des Textes" in page and "03.02.2015" in page
    assert '<a href="https://example.org/v1"' in page
    assert "Frühere Fassungen" not in page and "Möglicherweise nicht aktuell" not in page

    import_entries([_line(NEW_BODY, date="2024-03-05", source="https://example.org/v2")])
    version = LawSectionVersion.objects.get()
    page = client.get(URL).content.decode()
    assert "05.03.2024" in page and '<a href="https://example.org/v2"' in page
    assert "Frühere Fassungen" in page and "Stand 03.02.2015" in page
    compare = f"{URL}fassungen/?von={version.pk}&amp;bis=aktuell"
    assert f'href="{compare}"' in page


def test_comparison_marks_words_with_text_not_colour_alone(client, library_index):
    import_entries([_line()])
    import_entries([_line(NEW_BODY, heading="Gemeinsame Erfüllung", date="2024-03-05")])
    version = LawSectionVersion.objects.get()
    response = client.get(f"{URL}fassungen/", {"von": str(version.pk), "bis": "aktuell"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<ins>" in page and "[eingefügt: </span>und Kreise" in page
    assert "<del>" in page and "[gestrichen: </span>Aufgaben" in page  # in the heading
    assert "durchgestrichen" in page and "unterstrichen und fett" in page  # the legend in words
    assert "2 Wörter eingefügt" in page and "0 Wörter gestrichen" in page
    assert "Stand 03.02.2015" in page and "Heutiger Text, Stand 05.03.2024" in page
    # Without parameters: the newest earlier Fassung against today's text.
    assert client.get(f"{URL}fassungen/").content.decode().count("[eingefügt: ") == 2
    # Reversed, the same words are deleted.
    reverse = client.get(f"{URL}fassungen/", {"von": "aktuell", "bis": str(version.pk)}).content.decode()
    assert "[gestrichen: </span>und Kreise" in reverse
    same = client.get(f"{URL}fassungen/", {"von": "aktuell", "bis": "aktuell"}).content.decode()
    assert "zweimal dieselbe Fassung" in same


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({"von": "abc", "bis": "aktuell"}, 400),
        ({"von": "٣"}, 400),
        ({"von": "1_0"}, 400),
        ({"bis": "-4"}, 400),
        ({"von": "9" * 40}, 400),
        ({"von": "999999"}, 404),
        ({"bis": "999999"}, 404),
    ],
)
def test_bad_parameters_give_a_german_400_or_404(client, library_index, query, status):
    import_entries([_line()])
    import_entries([_line(NEW_BODY, date="2024-03-05")])
    response = client.get(f"{URL}fassungen/", query)
    assert response.status_code == status
    text = response.content.decode()
    assert ("Ungültige Anfrage" in text) if status == 400 else ("Seite nicht gefunden" in text)
    if query.get("von") == "abc":
        assert "Bitte wählen Sie die Fassungen aus der Liste" in text


def test_no_comparison_without_an_earlier_fassung_and_none_of_another_section(client, library_index):
    import_entries([_line()])
    assert client.get(f"{URL}fassungen/").status_code == 404
    other = _line().replace("§7", "§8").replace('"§ 7"', '"§ 8"')
    import_entries([other])
    import_entries([other.replace("Satzung", "Verbandssatzung")])
    foreign = LawSectionVersion.objects.get()
    assert client.get(f"{URL}fassungen/", {"von": str(foreign.pk)}).status_code == 404
    assert client.get("/wissen/gesetze/testg-nrw/8/fassungen/").status_code == 200


def test_texts_of_the_2022_snapshot_say_they_may_be_outdated(client, library_index):
    from ikz.library.fixtures import corpus_slice

    import_entries([*corpus_slice(), _line()])
    page = client.get("/wissen/gesetze/gwb/108/").content.decode()
    assert "Möglicherweise nicht aktuell" in page and "26.03.2022" in page
    assert 'href="https://www.gesetze-im-internet.de/gwb/__108.html"' in page
    assert 'href="https://github.com/bundestag/gesetze/blob/77abca2/g/gwb/index.md"' in page
    law = client.get("/wissen/gesetze/gwb/").content.decode()
    assert "Möglicherweise nicht aktuell" in law and 'href="https://www.gesetze-im-internet.de/gwb/"' in law
    assert "Stand des Textes" in law and "26.03.2022" in law
    index = client.get("/wissen/gesetze/").content.decode()
    assert "(Bund, Stand 26.03.2022 – möglicherweise nicht aktuell)" in index
    assert (
        'href="https://www.gesetze-im-internet.de/gg/art_28.html"'
        in client.get("/wissen/gesetze/gg/art-28/").content.decode()
    )
    # Landesrecht from a web copy names its own Stand and has no such notice.
    nrw = client.get(URL).content.decode()
    assert "Möglicherweise nicht aktuell" not in nrw and "Stand des Textes" in nrw


def test_source_urls():
    assert source_url("https://recht.nrw.de/x?a=1") == "https://recht.nrw.de/x?a=1"
    assert (
        source_url("bundestag/gesetze@77abca2:u/ustg_1980/index.md")
        == "https://github.com/bundestag/gesetze/blob/77abca2/u/ustg_1980/index.md"
    )
    assert source_url("Justizportal NRW") is None and source_url("") is None and source_url("https") is None


def test_word_diff_ignores_line_wraps_and_escapes():
    same, stats = word_diff("(1) Ein langer\nSatz.", "(1) Ein langer Satz.")
    assert not stats.changed and "<ins>" not in same
    changed, stats = word_diff("(1) a <b> c", "(1) a <i> c\n\n(2) d")
    assert "&lt;i&gt;" in changed and "<i>" not in changed
    assert (stats.deleted, stats.inserted) == (1, 3)
    assert changed.count("<p>") == 2  # paragraphs stay paragraphs
    heading, _ = word_diff("Zweck", "Zweck und Ziel", plain=True)
    assert "<p>" not in heading and "und Ziel" in html.unescape(heading)
