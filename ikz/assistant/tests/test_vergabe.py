"""§ 108 GWB, one case per condition, written from the statute text (ikz/library/data/law/gwb_108.md)."""

from decimal import Decimal

import pytest

from ikz.assistant.checks import MET, NOT_MET, UNCLEAR, check_vergabe

from .helpers import answers, book, condition

# A horizontal cooperation that meets Abs. 6 Nr. 1–3 and is between public bodies only.
HORIZONTAL = {
    "privat": "nein",
    "gemeinsame_aufgabe": "ja",
    "geld": "kostenerstattung",
    "markt": "nein",
    "zustaendigkeit": "durchfuehrung",
}
# An in-house award to a new body the partners control jointly (Abs. 4, 5).
INHOUSE = {
    "privat": "nein",
    "zustaendigkeit": "neuer_traeger",
    "kontrolle": "ja",
    "markt": "nein",
    "gemeinsame_aufgabe": "ja",
}


@pytest.mark.parametrize(
    ("given", "key", "status", "decided_by"),
    [
        # Abs. 6 Satz 1: contracts between öffentliche Auftraggeber only
        ({"privat": "nein"}, "gwb108-6-0", MET, "privat"),
        ({"privat": "ja"}, "gwb108-6-0", NOT_MET, "privat"),
        ({}, "gwb108-6-0", UNCLEAR, "privat"),
        # Abs. 6 Nr. 1: cooperation towards common objectives
        ({"gemeinsame_aufgabe": "ja"}, "gwb108-6-1", MET, "gemeinsame_aufgabe"),
        ({"gemeinsame_aufgabe": "nein"}, "gwb108-6-1", NOT_MET, "gemeinsame_aufgabe"),
        ({"gemeinsame_aufgabe": "unklar"}, "gwb108-6-1", UNCLEAR, "gemeinsame_aufgabe"),
        # Abs. 6 Nr. 2: governed solely by public-interest considerations
        ({"geld": "kostenerstattung"}, "gwb108-6-2", MET, "geld"),
        ({"geld": "keins"}, "gwb108-6-2", MET, "geld"),
        ({"geld": "preis"}, "gwb108-6-2", UNCLEAR, "geld"),
        # Abs. 6 Nr. 3: less than 20 % on the market – below, at and above the threshold
        ({"markt": "nein"}, "gwb108-6-3", MET, "markt"),
        ({"markt": "ja", "marktanteil": Decimal("19.99")}, "gwb108-6-3", MET, "marktanteil"),
        ({"markt": "ja", "marktanteil": Decimal("20")}, "gwb108-6-3", NOT_MET, "marktanteil"),
        ({"markt": "ja", "marktanteil": Decimal("20.01")}, "gwb108-6-3", NOT_MET, "marktanteil"),
        ({"markt": "ja"}, "gwb108-6-3", UNCLEAR, "marktanteil"),
        ({}, "gwb108-6-3", UNCLEAR, "markt"),
        # Abs. 4 Nr. 1 with Abs. 5: joint control over a body of its own
        ({"zustaendigkeit": "neuer_traeger", "kontrolle": "ja"}, "gwb108-4-1", MET, "kontrolle"),
        ({"zustaendigkeit": "neuer_traeger", "kontrolle": "nein"}, "gwb108-4-1", NOT_MET, "kontrolle"),
        ({"zustaendigkeit": "neuer_traeger"}, "gwb108-4-1", UNCLEAR, "kontrolle"),
        ({"zustaendigkeit": "durchfuehrung", "kontrolle": "ja"}, "gwb108-4-1", NOT_MET, "zustaendigkeit"),
        ({}, "gwb108-4-1", UNCLEAR, "zustaendigkeit"),
        # Abs. 4 Nr. 2: more than 80 % for the controlling partners – at and around 80
        ({"markt": "nein"}, "gwb108-4-2", MET, "markt"),
        (
            {"markt": "ja", "marktanteil": Decimal("19.99")},
            "gwb108-4-2",
            MET,
            "marktanteil",
        ),  # 80.01 % for partners
        (
            {"markt": "ja", "marktanteil": Decimal("20")},
            "gwb108-4-2",
            NOT_MET,
            "marktanteil",
        ),  # exactly 80 %: not "more than"
        ({"markt": "ja", "marktanteil": Decimal("35")}, "gwb108-4-2", NOT_MET, "marktanteil"),
        # Abs. 4 Nr. 3: no direct private capital participation
        ({"privat": "nein"}, "gwb108-4-3", MET, "privat"),
        ({"privat": "ja"}, "gwb108-4-3", NOT_MET, "privat"),
    ],
)
def test_condition(given, key, status, decided_by):
    found = condition(check_vergabe(answers(**given), book()), key)
    assert found.status == status
    assert (
        found.decided_by == f"Ihre Antwort: {given[decided_by]}"
        if decided_by in given
        else found.decided_by == "keine Angabe"
    )
    assert found.explanation  # every status has its German text


def test_horizontal_cooperation_is_exempt_under_abs_6():
    result = check_vergabe(answers(**HORIZONTAL), book())
    assert result.status == MET
    assert result.outcome.key == "gwb108-ergebnis-horizontal"
    assert result.outcome.text.startswith(
        "Voraussichtlich vergaberechtsfrei nach § 108 Abs. 6 GWB – Voraussetzungen:"
    )
    assert [c.rule.key for c in result.decisive] == ["gwb108-6-0", "gwb108-6-1", "gwb108-6-2", "gwb108-6-3"]
    assert "gwb108-dokumentation" in [note.key for note in result.notes]


def test_jointly_controlled_body_is_exempt_as_inhouse():
    result = check_vergabe(answers(**INHOUSE), book())
    assert result.outcome.key == "gwb108-ergebnis-inhouse"
    assert [c.rule.key for c in result.decisive] == ["gwb108-4-1", "gwb108-4-2", "gwb108-4-3"]


@pytest.mark.parametrize(
    ("change", "outcome"),
    [
        (
            {"markt": "ja", "marktanteil": Decimal("20")},
            "gwb108-ergebnis-keine",
        ),  # fails both Abs. 4 Nr. 2 and Abs. 6 Nr. 3
        ({"privat": "ja"}, "gwb108-ergebnis-keine"),
        ({"gemeinsame_aufgabe": "unklar"}, "gwb108-ergebnis-unklar"),
        ({"geld": "preis"}, "gwb108-ergebnis-unklar"),
        ({"markt": "ja", "marktanteil": Decimal("19.99")}, "gwb108-ergebnis-horizontal"),
    ],
)
def test_one_answer_changes_the_outcome(change, outcome):
    assert check_vergabe(answers(**{**HORIZONTAL, **change}), book()).outcome.key == outcome


def test_nothing_answered_is_unclear_never_a_certainty():
    result = check_vergabe(answers(), book())
    assert result.status == UNCLEAR
    assert result.outcome.text.startswith("Unklar – bitte mit der Aufsichtsbehörde klären.")


def test_threshold_is_data_the_redaktion_can_change():
    rules = book()
    rule = rules["gwb108-6-3"]
    original = rule.threshold
    try:
        rule.threshold = Decimal("25")
        given = answers(**{**HORIZONTAL, "markt": "ja", "marktanteil": Decimal("22")})
        assert condition(check_vergabe(given, rules), "gwb108-6-3").status == MET
    finally:
        rule.threshold = original
