import pytest

from ikz.search.analysis import stem
from ikz.search.models import SearchSynonym
from ikz.search.query import MAX_CONCEPTS, MAX_TERMS, correct, plan_query
from ikz.search.results import search_results
from ikz.search.synonyms import clear_cache

pytestmark = pytest.mark.django_db


def ids(query: str, **kwargs) -> list[str]:
    return [item.external_id for item in search_results(query, limit=10, **kwargs).items]


def test_vocabulary_is_seeded_with_general_entries(search_index):
    assert SearchSynonym.objects.count() >= 300
    assert SearchSynonym.objects.filter(term="jPöR").exists()
    assert SearchSynonym.objects.filter(term="Kita").exists()


def test_synonyms_expand_abbreviations(search_index):
    plan = plan_query("Kita")
    assert stem("kindertageseinrichtung") in plan.concepts[0].terms
    assert "bund:sgb_8:§22" in ids("Kita")


def test_vocabulary_edits_take_effect(search_index):
    SearchSynonym.objects.create(term="Standesamtstermin", expansions="Eheschließung")
    clear_cache()
    assert "bund:pstg:§11" in ids("Standesamtstermin")


def test_everyday_word_finds_legal_word(search_index):
    assert "bund:pstg:§11" in ids("Hochzeit Standesamt")[:3]


def test_typo_is_corrected_and_suggested(search_index):
    assert correct("Inobhutnahmme") == "inobhutnahme"
    result = search_results("Inobhutnahmme Jugendamt")
    assert result.items[0].external_id == "bund:sgb_8:§42"
    assert result.suggestion == "Inobhutnahme Jugendamt"
    # The index keeps words in lower case; a noun is suggested as German writes it, also when
    # typed in lower case.
    assert search_results("inobhutnahmme").suggestion == "Inobhutnahme"


def test_transliterated_query(search_index):
    assert ids("Auskunftssperre Meldebehoerde")[0] == "bund:bmg:§51"


def test_compound_query_meets_split_text_and_back(search_index):
    assert "/projekte/klaeranlage/" in [i.url for i in search_results("Abwasserbeseitigungspflicht").items]
    assert "/projekte/bauhof/" in [i.url for i in search_results("Pflicht zur Abwasserbeseitigung").items]


def test_or_semantics_a_missing_word_does_not_empty_the_result(search_index):
    assert ids("Vaterschaft Quantenphysik Zweckverband")


@pytest.mark.parametrize(
    "query",
    [
        "x" * 10_000,
        "Vergabe " * 2_000,
        "?!.,;:-()[]{}",
        '"Vergabe" AND * NEAR(Zweckverband, 3)',
        "'; DROP TABLE search_searchdocument; --",
        "Vergabe OR 1=1 --",
        "\x00\x01 Vergabe \u202e",
        "^vergab ^^^",
        " ".join(f"qzxwv{i}kjhgf" for i in range(40)),  # many unknown words: corrections are capped
    ],
)
def test_hostile_input_gives_a_normal_bounded_answer(search_index, query, django_assert_max_num_queries):
    # Bounded work, not a stopwatch: the corrections and terms are capped, so is the number of
    # statements (speed itself is measured in benchmarks/bench_search.py).
    with django_assert_max_num_queries(12):
        result = search_results(query)
    assert isinstance(result.items, list)
    plan = plan_query(query)
    assert len(plan.concepts) <= MAX_CONCEPTS
    assert sum(len(c.terms) for c in plan.concepts) <= MAX_TERMS * 2


def test_suggested_words_are_cased_as_german_writes_them():
    from ikz.search.query import _cased

    assert _cased("zweckverband", typed="zwekverband") == "Zweckverband"  # a noun
    assert _cased("zustaendigkeit", typed="zustaendikeit") == "Zustaendigkeit"  # noun ending
    assert _cased("gemeinsam", typed="gemeinsm") == "gemeinsam"  # an adjective stays lower case
    assert _cased("gemeinsam", typed="Gemeinsm") == "Gemeinsam"  # …unless typed with a capital
    assert _cased("interkommunal", typed="interkomunal") == "interkommunal"
    assert _cased("abwasserbeseitigung", typed="abwaserbeseitigung") == "Abwasserbeseitigung"


def test_a_stale_document_count_never_turns_weights_negative(search_index, monkeypatch):
    """The document count is read at most every 10 s per process; when the index grew since,
    a term's df can exceed it. The weight stays positive and the query still finds its text."""
    from ikz.search import selectors
    from ikz.search.indexing import idf

    assert idf(5, 1) > 0 and idf(2, 2) > 0
    monkeypatch.setitem(selectors._stats, "n", 1)
    monkeypatch.setitem(selectors._stats, "at", float("inf"))
    assert "bund:pstg:§11" in ids("Hochzeit Standesamt")
