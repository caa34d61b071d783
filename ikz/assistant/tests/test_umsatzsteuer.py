"""§ 2b UStG, one case per condition, written from the statute text (ikz/library/data/law/ustg_2b.md)."""

from decimal import Decimal

import pytest

from ikz.assistant.checks import MET, NOT_MET, UNCLEAR, check_umsatzsteuer

from .helpers import answers, book, condition

# Abs. 3 Nr. 2: a long-term public-law agreement, common public task, cost reimbursement only,
# and the performer serves essentially other public bodies.
COOPERATION = {
    "grundlage": "oeffentlich", "dauer": "5bis20", "privat": "nein", "gemeinsame_aufgabe": "ja", "geld": "kostenerstattung",
    "markt": "nein", "vorbehalten": "nein", "umsatz": Decimal("40000"),
}  # fmt: skip


@pytest.mark.parametrize(
    ("given", "key", "status"),
    [
        # Abs. 1 Satz 1: acting within the public authority (public-law basis)
        ({"grundlage": "oeffentlich"}, "ustg2b-1", MET),
        ({"grundlage": "privat"}, "ustg2b-1", NOT_MET),
        ({}, "ustg2b-1", UNCLEAR),
        # Abs. 2 Nr. 1: turnover from like activities "voraussichtlich 17 500 Euro jeweils nicht übersteigen"
        ({"grundlage": "oeffentlich", "umsatz": Decimal("17499.99")}, "ustg2b-2-1", MET),
        ({"grundlage": "oeffentlich", "umsatz": Decimal("17500")}, "ustg2b-2-1", MET),
        ({"grundlage": "oeffentlich", "umsatz": Decimal("17500.01")}, "ustg2b-2-1", NOT_MET),
        ({"grundlage": "oeffentlich"}, "ustg2b-2-1", UNCLEAR),
        # Abs. 3: performance to another public body
        ({"grundlage": "oeffentlich", "privat": "nein"}, "ustg2b-3", MET),
        ({"grundlage": "oeffentlich", "privat": "ja"}, "ustg2b-3", NOT_MET),
        # Abs. 3 Nr. 1: reserved by law to public bodies
        ({"grundlage": "oeffentlich", "vorbehalten": "ja"}, "ustg2b-3-1", MET),
        ({"grundlage": "oeffentlich", "vorbehalten": "nein"}, "ustg2b-3-1", NOT_MET),
        # Abs. 3 Nr. 2 a: long-term public-law agreements
        ({"grundlage": "oeffentlich", "dauer": "5bis20"}, "ustg2b-3-2-a", MET),
        ({"grundlage": "oeffentlich", "dauer": "unbefristet"}, "ustg2b-3-2-a", MET),
        ({"grundlage": "oeffentlich", "dauer": "unter5"}, "ustg2b-3-2-a", UNCLEAR),  # "langfristig" undefined
        # b: public infrastructure and a public task incumbent on all
        ({"grundlage": "oeffentlich", "gemeinsame_aufgabe": "ja"}, "ustg2b-3-2-b", MET),
        ({"grundlage": "oeffentlich", "gemeinsame_aufgabe": "nein"}, "ustg2b-3-2-b", NOT_MET),
        # c: exclusively against reimbursement of costs
        ({"grundlage": "oeffentlich", "geld": "kostenerstattung"}, "ustg2b-3-2-c", MET),
        ({"grundlage": "oeffentlich", "geld": "preis"}, "ustg2b-3-2-c", NOT_MET),
        ({"grundlage": "oeffentlich", "geld": "keins"}, "ustg2b-3-2-c", UNCLEAR),
        # d: like services essentially to other public bodies
        ({"grundlage": "oeffentlich", "markt": "nein"}, "ustg2b-3-2-d", MET),
        ({"grundlage": "oeffentlich", "markt": "ja"}, "ustg2b-3-2-d", UNCLEAR),
    ],
)
def test_condition(given, key, status):
    found = condition(check_umsatzsteuer(answers(**given), book()), key)
    assert found.status == status
    assert found.explanation


def test_cooperation_under_abs_3_nr_2_is_not_taxable():
    result = check_umsatzsteuer(answers(**COOPERATION), book())
    assert result.outcome.key == "ustg2b-ergebnis-kein-unternehmer"
    assert [c.rule.key for c in result.decisive] == [
        "ustg2b-1", "ustg2b-3", "ustg2b-3-2-a", "ustg2b-3-2-b", "ustg2b-3-2-c", "ustg2b-3-2-d",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "outcome"),
    [
        ({"grundlage": "privat", "dauer": "unklar"}, "ustg2b-ergebnis-unternehmer"),
        (
            {"geld": "preis", "umsatz": Decimal("17500")},
            "ustg2b-ergebnis-kein-unternehmer",
        ),  # small turnover, Abs. 2 Nr. 1
        (
            {"geld": "preis", "umsatz": Decimal("17500.01")},
            "ustg2b-ergebnis-offen",
        ),  # no example of the law met
        ({"geld": "preis", "vorbehalten": "ja"}, "ustg2b-ergebnis-kein-unternehmer"),  # Abs. 3 Nr. 1
        ({"geld": "preis", "umsatz": None}, "ustg2b-ergebnis-unklar"),
        ({"grundlage": "unklar"}, "ustg2b-ergebnis-unklar"),
    ],
)
def test_one_answer_changes_the_outcome(change, outcome):
    assert check_umsatzsteuer(answers(**{**COOPERATION, **change}), book()).outcome.key == outcome


def test_transition_rule_and_always_taxable_activities_are_mentioned():
    notes = [note.key for note in check_umsatzsteuer(answers(**COOPERATION), book()).notes]
    assert notes == ["ustg2b-4", "ustg27-22"]
    free = [
        note.key for note in check_umsatzsteuer(answers(**{**COOPERATION, "geld": "keins"}), book()).notes
    ]
    assert free[0] == "ustg-kein-entgelt"
