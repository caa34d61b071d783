"""OpenThesaurus: the shipped data and its provenance, reading, weighting, the Redaktion's
vocabulary on top, and the weight reaching query planning."""

import gzip
import hashlib
import re

import pytest
from django.test import override_settings

from ikz.search import thesaurus
from ikz.search.analysis import stem
from ikz.search.synonyms import MAX_KEY, Meaning, clear_cache, key_of, synonym_table
from ikz.search.thesaurus import (
    DATA_FILE,
    MAX_EXPANSIONS,
    MAX_SENSES,
    MAX_SYNSET,
    WEIGHT,
    build,
    parse_word,
    read_synsets,
    thesaurus_table,
)

PROVENANCE = DATA_FILE.parent / "OPENTHESAURUS.md"


def words(line: str):
    return [parse_word(w) for w in line.split(";")]


def expansions(table, word: str) -> dict[str, float]:
    return dict(table.get(key_of(word), []))


# --- the shipped file -----------------------------------------------------------------------


def test_shipped_file_is_the_one_the_provenance_names():
    text = gzip.decompress(DATA_FILE.read_bytes())
    provenance = PROVENANCE.read_text(encoding="utf-8")
    assert hashlib.sha256(text).hexdigest() in provenance
    head = text[:2000].decode("utf-8")
    assert "Automatically generated 2016-04-24" in head and "2016-04-24" in provenance
    assert "GNU Lesser General Public" in head
    assert (
        (DATA_FILE.parent / "OPENTHESAURUS-LGPL-2.1.txt")
        .read_text()
        .startswith("                  GNU LESSER GENERAL PUBLIC LICENSE")
    )


def test_imprint_names_openthesaurus_its_licence_and_version():
    from ikz.core.legal_pages import legal_pages

    _title, _slug, _intro, body = legal_pages()["imprint_page"]
    html = " ".join(value for _kind, value in body)
    assert "OpenThesaurus" in html and "www.openthesaurus.de" in html
    assert "GNU Lesser General Public License 2.1" in html
    version = re.search(r"Version `(\d{8}-\d+)`", PROVENANCE.read_text(encoding="utf-8")).group(1)
    assert version in html


def test_reading_the_file_keeps_every_synset_with_two_words():
    synsets = read_synsets()
    assert len(synsets) > 30_000
    assert all(len(s) >= 2 for s in synsets)
    assert [("Videoüberwachung", frozenset()), ("Kameraüberwachung", frozenset())] in synsets


# --- reading one word -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "text", "labels"),
    [
        ("abdüsen (ugs.)", "abdüsen", {"ugs"}),
        ("Zeitspanne (Hauptform)", "Zeitspanne", {"hauptform"}),
        ("Sacklpicker (derb, österr.)", "Sacklpicker", {"derb", "österr"}),
        ("(von etwas) fortfahren", "fortfahren", set()),
        ("Anwalt (einer Sache) (fig.)", "Anwalt", {"fig"}),
        ("Deputat...", "Deputat", set()),
        # A parenthesis that is not a label list stays context and is dropped.
        ("Unternehmenszusammenschluss (Vorgang)", "Unternehmenszusammenschluss", set()),
    ],
)
def test_parse_word(raw, text, labels):
    assert parse_word(raw) == (text, frozenset(labels))


# --- weighting (a small fixed thesaurus) ------------------------------------------------------


def small_table(*lines: str):
    return build([words(line) for line in lines], key_of, MAX_KEY)


def test_colloquial_word_is_a_key_but_never_an_expansion():
    table = small_table("Knast (ugs.);Gefängnis;Justizvollzugsanstalt")
    assert set(expansions(table, "Knast")) == {"Gefängnis", "Justizvollzugsanstalt"}
    assert "Knast" not in expansions(table, "Gefängnis")
    assert expansions(table, "Gefängnis") == {"Justizvollzugsanstalt": WEIGHT}


def test_ambiguous_word_weighs_less_per_sense():
    table = small_table("Kommune;Gemeinde", "Kommune;Wohngemeinschaft")
    assert expansions(table, "Kommune") == {"Gemeinde": WEIGHT / 2, "Wohngemeinschaft": WEIGHT / 2}
    assert expansions(table, "Gemeinde") == {"Kommune": WEIGHT}  # unambiguous the other way


def test_word_with_too_many_senses_gets_no_expansions():
    lines = [f"Bank;Wort{chr(65 + n)}" for n in range(MAX_SENSES + 1)]
    table = small_table(*lines)
    assert expansions(table, "Bank") == {}
    assert expansions(table, "WortA") == {"Bank": WEIGHT}


def test_figurative_sense_gives_the_word_nothing():
    table = small_table("Advokat;Anwalt;Rechtsanwalt", "Fürsprecher;Anwalt (fig.);Verfechter")
    assert set(expansions(table, "Anwalt")) == {"Advokat", "Rechtsanwalt"}
    assert "Anwalt" not in expansions(table, "Fürsprecher")  # figurative words are no expansions
    assert expansions(table, "Anwalt")["Advokat"] == WEIGHT  # one sense left, a small synset


def test_large_synsets_are_vague_and_too_large_ones_unused():
    members = ";".join(f"Wort{chr(65 + n)}" for n in range(9))
    table = small_table(members)
    assert expansions(table, "WortA")["WortB"] == pytest.approx(WEIGHT * (4 / 9) ** 0.5, abs=1e-3)
    too_large = ";".join(f"Begriff{chr(65 + n)}" for n in range(MAX_SYNSET + 1))
    assert small_table(too_large) == {}


def test_only_nouns_take_part_and_main_form_comes_first():
    table = small_table("erledigen;abarbeiten;Vorgang", "Ausleihe;Entleihung (Hauptform);Verleih;Leihe")
    assert expansions(table, "erledigen") == {}
    assert "erledigen" not in expansions(table, "Vorgang")
    assert [text for text, _w in table[key_of("Ausleihe")]][0] == "Entleihung"


def test_at_most_max_expansions_per_word():
    table = small_table("Haus;Gebäude;Bau", "Haus;Heim;Wohnhaus;Bleibe;Domizil;Zuhause;Behausung")
    assert len(table[key_of("Haus")]) == MAX_EXPANSIONS


def test_the_real_thesaurus_knows_what_the_redaktion_did_not_write():
    table = thesaurus_table()
    assert "Videoüberwachung" in expansions(table, "Kameraüberwachung")
    assert "Umsatzsteuer" in expansions(table, "MwSt")
    assert "Mehrfamilienhaus" in expansions(table, "MFH")
    assert "Bibliothek" in expansions(table, "Bücherei")
    assert expansions(table, "Kommune")["Gemeinde"] < WEIGHT  # "Kommune" is also a flat share
    assert all(0 < w <= WEIGHT for options in table.values() for _t, w in options)


def test_missing_data_file_gives_no_thesaurus(monkeypatch, tmp_path):
    monkeypatch.setattr(thesaurus, "DATA_FILE", tmp_path / "fehlt.txt.gz")
    thesaurus.thesaurus_table.cache_clear()
    try:
        assert thesaurus.thesaurus_table() == {}
    finally:
        monkeypatch.undo()
        thesaurus.thesaurus_table.cache_clear()


# --- the Redaktion's vocabulary on top ----------------------------------------------------


@pytest.mark.django_db
def test_redaktion_meanings_come_first_with_full_weight():
    from ikz.search.models import SearchSynonym

    SearchSynonym.objects.all().delete()
    SearchSynonym.objects.create(term="Bücherei", expansions="Stadtbücherei; Bibliothek")
    clear_cache()
    table = synonym_table()
    meanings = table[key_of("Bücherei")]
    assert meanings[:2] == ["Stadtbücherei", "Bibliothek"]
    assert [getattr(m, "weight", 1.0) for m in meanings[:2]] == [1.0, 1.0]
    assert [m.lower() for m in meanings].count("bibliothek") == 1  # no doubled meaning
    thesaurus_only = table[key_of("Kameraüberwachung")]
    assert isinstance(thesaurus_only[0], Meaning) and thesaurus_only[0].weight < 1.0
    with override_settings(SEARCH_THESAURUS=False):
        assert key_of("Kameraüberwachung") not in synonym_table()
        assert synonym_table()[key_of("Bücherei")] == ["Stadtbücherei", "Bibliothek"]
    clear_cache()


@pytest.mark.django_db
def test_query_planning_weighs_thesaurus_meanings_below_the_redaktion():
    from ikz.search.documents import IndexEntry
    from ikz.search.indexing import index_bulk
    from ikz.search.models import SearchSynonym
    from ikz.search.query import SYNONYM_WEIGHT, plan_query
    from ikz.search.results import search_results

    SearchSynonym.objects.all().delete()
    SearchSynonym.objects.create(term="Bücherei", expansions="Stadtbücherei")
    clear_cache()
    index_bulk(
        [
            IndexEntry(
                source="test.page",
                object_id=str(n),
                kind="page",
                title=title,
                url=f"/seite-{n}/",
                body=body,
            )
            for n, (title, body) in enumerate(
                [
                    (
                        "Videoüberwachung öffentlich zugänglicher Räume",
                        "Die Videoüberwachung ist zulässig, wenn …",
                    ),
                    ("Überwachung von Anlagen", "Die Behörde überwacht die Anlagen und ihre Überwachung."),
                    ("Onleihe der Stadtbücherei", "Die Bibliothek verleiht E-Books an die Nachbarstadt."),
                ]
            )
        ]
    )
    weights = plan_query("Bücherei").concepts[0].terms
    assert weights[stem("stadtbücherei")] == pytest.approx(SYNONYM_WEIGHT)
    assert weights[stem("bibliothek")] == pytest.approx(
        SYNONYM_WEIGHT * expansions(thesaurus_table(), "Bücherei")["Bibliothek"]
    )
    assert search_results("Kameraüberwachung").items[0].url == "/seite-0/"
    with override_settings(SEARCH_THESAURUS=False):
        assert stem("videoüberwachung") not in plan_query("Kameraüberwachung").concepts[0].terms
    clear_cache()
