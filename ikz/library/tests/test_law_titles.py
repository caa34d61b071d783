"""Law titles are whole: the 2022 corpus had cut folded titles to one line ("… Sicherung der
umweltverträglichen"); the shipped data carries the full titles (read from the heading of the
same file in bundestag/gesetze), and an import completes a cut title already stored."""

import gzip
import json

import pytest

from ikz.library.demo import DATA
from ikz.library.importer import import_entries
from ikz.library.models import LawPage

FULL_TITLES = {
    "KrWG": "Gesetz zur Förderung der Kreislaufwirtschaft und Sicherung der umweltverträglichen "
    "Bewirtschaftung von Abfällen",
    "BImSchG": "Gesetz zum Schutz vor schädlichen Umwelteinwirkungen durch Luftverunreinigungen, "
    "Geräusche, Erschütterungen und ähnliche Vorgänge",
    "SGB VIII": "Sozialgesetzbuch (SGB) - Achtes Buch (VIII) - Kinder- und Jugendhilfe - "
    "(Artikel 1 des Gesetzes v. 26. Juni 1990, BGBl. I S. 1163)",
    "SGB XII": "Sozialgesetzbuch (SGB) Zwölftes Buch (XII) - Sozialhilfe - "
    "(Artikel 1 des Gesetzes vom 27. Dezember 2003, BGBl. I S. 3022)",
    "AufenthG": "Gesetz über den Aufenthalt, die Erwerbstätigkeit und die Integration von Ausländern "
    "im Bundesgebiet",
}


def _corpus_titles() -> dict[str, set[str]]:
    titles: dict[str, set[str]] = {}
    with gzip.open(DATA / "bundesrecht_sections.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            entry = json.loads(line)
            titles.setdefault(entry["law"], set()).add(entry["law_title"])
    return titles


def test_corpus_titles_are_whole():
    titles = _corpus_titles()
    for law, full in FULL_TITLES.items():
        assert titles[law] == {full}
    for law, found in titles.items():
        (title,) = found
        assert title[:1].isupper(), law  # not the tail of a title ("und die Integration …")
        assert not title.endswith((",", "(Artikel", " der", " die", " und", "umweltverträglichen")), law


def _entry(title: str) -> str:
    return json.dumps(
        {
            "external_id": "bund:krwg:§1",
            "kind": "law",
            "law": "KrWG",
            "law_title": title,
            "section": "§ 1",
            "heading": "Zweck des Gesetzes",
            "jurisdiction": "Bund",
            "body": "Zweck des Gesetzes ist es, …",
            "source": "bundestag/gesetze@77abca2:k/krwg/index.md",
        },  # fmt: skip
        ensure_ascii=False,
    )


@pytest.mark.django_db
def test_an_import_completes_a_cut_title_but_keeps_an_editors_title(library_index):
    cut = "Gesetz zur Förderung der Kreislaufwirtschaft und Sicherung der umweltverträglichen"
    assert not import_entries([_entry(cut)]).errors
    law = LawPage.objects.get(abbreviation="KrWG")
    assert law.title == cut
    import_entries([_entry(FULL_TITLES["KrWG"])])
    law.refresh_from_db()
    assert law.title == law.draft_title == FULL_TITLES["KrWG"]

    LawPage.objects.filter(pk=law.pk).update(title="Kreislaufwirtschaftsgesetz")
    import_entries([_entry(FULL_TITLES["KrWG"])])
    law.refresh_from_db()
    assert law.title == "Kreislaufwirtschaftsgesetz"
