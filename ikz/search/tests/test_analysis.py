from ikz.search.analysis import analyse, fold, is_stopword, stem, tokenize, word_terms
from ikz.search.compounds import compound_parts


def terms(text: str) -> set[str]:
    return set(analyse(text))


def test_umlaut_and_sharp_s_spellings_are_the_same_term():
    assert stem("Gebühren") == stem("Gebuehren") == stem("gebuehren")
    assert stem("Straße") == stem("Strasse")
    assert stem("Meldebehörde") == stem("Meldebehoerde")
    assert fold("Größe") == "groesse"


def test_case_and_unicode_normalisation():
    assert tokenize("ＧＷＢ Über") == ["gwb", "über"]
    assert stem("ÖFFENTLICH") == stem("öffentlich")


def test_inflected_forms_meet():
    assert stem("Inobhutnahmen") == stem("Inobhutnahme")
    assert stem("Regionalpläne") == stem("Regionalplan")
    # verb form and noun meet through the lemma
    assert terms("verpflichtet") & terms("Verpflichtung")


def test_compound_is_split_into_parts():
    assert compound_parts("abwasserbeseitigungspflicht")[:3] == ["abwasser", "beseitigung", "pflicht"]
    assert "zerlegung" in compound_parts("gewerbesteuerzerlegung")


def test_compounds_meet_in_both_directions():
    compound = terms("Abwasserbeseitigungspflicht")
    phrase = terms("Pflicht zur Abwasserbeseitigung")
    assert {stem("pflicht"), stem("abwasser"), stem("beseitigung")} <= compound
    assert {stem("pflicht"), stem("abwasser"), stem("beseitigung")} <= phrase


def test_parts_weigh_less_than_the_word():
    weights = dict(word_terms("abwasserbeseitigungspflicht"))
    assert weights[stem("abwasserbeseitigungspflicht")] == 1.0
    assert weights[stem("pflicht")] < 1.0


def test_stop_and_question_words_are_dropped():
    for word in ("der", "und", "wer", "wie", "warum", "muss", "darf", "welche"):
        assert is_stopword(word)
    assert terms("Muss der Kreis beraten?") == terms("Kreis beraten")


def test_common_words_are_not_split_into_nonsense():
    for word in ("beratung", "verwaltung", "gemeinde", "unternehmen"):
        assert compound_parts(word) == []
