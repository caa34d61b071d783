"""/assistent/beenden/: the steps for leaving or ending a cooperation, by legal form, role and answers.

The cases follow the statute text: § 9 Abs. 2 Nr. 2 and 3, § 20, § 21, §§ 23–24, § 26 Abs. 3, § 28 Abs. 1 Nr. 6
GkG NRW; §§ 54, 57, 60, 62 VwVfG NRW; where the portal lacks the text, the step says "unklar".
"""

import re
from urllib.parse import urlencode

import pytest

from ikz.assistant.checks import LEAVE_FORMS, LEAVE_STEPS, LeaveAnswers, leave_contradictions, leave_plan

from .helpers import book
from .test_views import form_values


def plan(**given):
    given.setdefault("rolle", "austritt")
    return leave_plan(LeaveAnswers(**given), book())


def keys(result) -> list[str]:
    return [rule.key for rule in result.steps]


def note_keys(result) -> list[str]:
    return [rule.key for rule in result.notes]


def test_every_step_names_an_existing_rule_of_its_check():
    for key, _form, _applies in LEAVE_STEPS:
        rule = book()[key]
        assert rule.check_area == "beenden", key
        assert rule.citation_lines, f"{key} cites nothing"


@pytest.mark.parametrize("rechtsform", LEAVE_FORMS)
@pytest.mark.parametrize("rolle", ["austritt", "aufloesung"])
def test_every_form_and_role_has_steps_in_the_rules_order(rechtsform, rolle):
    result = plan(rechtsform=rechtsform, rolle=rolle)
    assert result.steps
    orders = [rule.sort_order for rule in result.steps]
    assert orders == sorted(orders)
    assert all(rule.kind != "hinweis" for rule in result.steps)
    assert all(rule.kind == "hinweis" for rule in result.notes)


@pytest.mark.parametrize(
    ("given", "present", "absent"),
    [
        # § 9 Abs. 2 Nr. 3: a right to give notice only with the procedure of Auseinandersetzung
        (
            {"klausel": "ja"},
            ["ende-zv-satzung-austritt", "ende-zv-kuendigung"],
            ["ende-zv-beschluss-austritt"],
        ),
        # § 20 Abs. 1 Satz 1: without one, leaving is a change of the Satzung – two thirds of the votes
        ({"klausel": "nein"}, ["ende-zv-beschluss-austritt"], ["ende-zv-kuendigung"]),
        (
            {"klausel": "unklar"},
            ["ende-zv-satzung-austritt", "ende-zv-beschluss-austritt"],
            ["ende-zv-kuendigung"],
        ),
        # § 20 Abs. 1 Satz 3: Auseinandersetzung only where something is to be divided
        ({"auseinandersetzung": "ja"}, ["ende-zv-auseinandersetzung"], []),
        ({"auseinandersetzung": "nein"}, [], ["ende-zv-auseinandersetzung"]),
        # § 20 Abs. 2: Freiverband reports the change, Pflichtverband needs approval
        ({"pflicht": "nein"}, ["ende-zv-anzeige"], ["ende-zv-pflicht-genehmigung"]),
        ({"pflicht": "ja"}, ["ende-zv-pflicht-genehmigung"], ["ende-zv-anzeige"]),
        ({"pflicht": "unklar"}, ["ende-zv-anzeige", "ende-zv-pflicht-genehmigung"], []),
        # leaving never shows the steps of dissolving
        ({}, ["ende-zv-bekanntmachung"], ["ende-zv-beschluss-aufloesung", "ende-zv-abwicklung"]),
    ],
)
def test_zweckverband_leaving(given, present, absent):
    found = keys(plan(rechtsform="zweckverband", **given))
    assert set(present) <= set(found), found
    assert not set(absent) & set(found), found


def test_zweckverband_leaving_order_and_notes():
    result = plan(rechtsform="zweckverband", klausel="nein", auseinandersetzung="ja", pflicht="nein")
    assert keys(result) == [
        "ende-zv-satzung-austritt",
        "ende-zv-beschluss-austritt",
        "ende-zv-auseinandersetzung",
        "ende-zv-anzeige",
        "ende-zv-bekanntmachung",
    ]
    assert note_keys(result) == ["ende-zv-wegfall", "ende-aufsicht"]  # § 21; § 29 Abs. 1
    assert "zwei Dritteln der satzungsmäßigen Stimmenzahl" in result.steps[1].text


def test_zweckverband_dissolving_free_and_obligatory():
    free = plan(rechtsform="zweckverband", rolle="aufloesung", pflicht="nein", auseinandersetzung="nein")
    assert keys(free) == [
        "ende-zv-beschluss-aufloesung",
        "ende-zv-satzung-abwicklung",
        "ende-zv-genehmigung-aufloesung",
        "ende-zv-bekanntmachung",
        "ende-zv-abwicklung",
    ]
    assert "vier Wochen" in free.steps[2].text  # § 20 Abs. 4 with § 10 Abs. 1 Satz 2
    assert "§ 20 Abs. 5 GkG NRW" in free.steps[-1].citation_lines
    obligatory = plan(rechtsform="zweckverband", rolle="aufloesung", pflicht="ja")
    assert "ende-zv-genehmigung-aufloesung" not in keys(obligatory)
    assert "ende-zv-pflicht-aufloesung" in note_keys(obligatory)
    assert book()["ende-zv-pflicht-aufloesung"].text.startswith(
        "Unklar – bitte mit der Aufsichtsbehörde klären"
    )


@pytest.mark.parametrize(
    ("given", "present", "absent"),
    [
        ({"klausel": "ja"}, ["ende-oerv-klausel", "ende-oerv-kuendigung"], ["ende-oerv-ohne-klausel"]),
        ({"klausel": "nein"}, ["ende-oerv-ohne-klausel"], ["ende-oerv-kuendigung"]),
        ({"pflicht": "ja"}, ["ende-oerv-pflichtregelung"], []),  # § 26 Abs. 3 Satz 2
        ({"pflicht": "nein"}, [], ["ende-oerv-pflichtregelung"]),
        ({"rolle": "aufloesung"}, ["ende-oerv-aufhebung"], ["ende-oerv-klausel", "ende-oerv-pflichtregelung"]),
        ({"auseinandersetzung": "nein"}, ["ende-oerv-anzeige", "ende-oerv-bekanntmachung"], ["ende-oerv-auseinandersetzung"]),
    ],
)  # fmt: skip
def test_vereinbarung(given, present, absent):
    found = keys(plan(rechtsform="oerv", **given))
    assert set(present) <= set(found), found
    assert not set(absent) & set(found), found


def test_vereinbarung_reported_and_published_as_section_24_says():
    result = plan(rechtsform="oerv", klausel="ja", auseinandersetzung="nein", pflicht="nein")
    assert keys(result)[-2:] == ["ende-oerv-anzeige", "ende-oerv-bekanntmachung"]
    assert result.steps[-2].citation_lines == ["§ 24 Abs. 5 Satz 1 GkG NRW"]
    assert "am Tag nach der Bekanntmachung" in result.steps[-1].text


@pytest.mark.parametrize("rechtsform", ["oerv", "oer_vertrag"])
def test_changed_circumstances_bring_in_section_60(rechtsform):
    changed = plan(rechtsform=rechtsform, veraenderung="ja")
    unchanged = plan(rechtsform=rechtsform, veraenderung="nein")
    cited = {line for rule in changed.steps + changed.notes for line in rule.citation_lines}
    assert any(line.startswith("§ 60 Abs. 1") for line in cited)
    assert len(changed.steps + changed.notes) == len(unchanged.steps + unchanged.notes) + 1


def test_vertrag_roles():
    assert "ende-vertrag-aufhebung" in keys(plan(rechtsform="oer_vertrag", rolle="aufloesung"))
    assert "ende-vertrag-kuendigung" in keys(plan(rechtsform="oer_vertrag", klausel="ja"))
    without = plan(rechtsform="oer_vertrag", klausel="nein")
    assert "ende-vertrag-ohne-klausel" in keys(without)
    assert "ende-vertrag-gemeinwohl" in note_keys(without)  # § 60 Abs. 1 Satz 2


@pytest.mark.parametrize("rechtsform", ["gku", "arbeitsgemeinschaft", "privatrechtlich"])
def test_where_the_portal_lacks_the_text_the_plan_says_unclear(rechtsform):
    result = plan(rechtsform=rechtsform)
    texts = " ".join(rule.text for rule in result.steps + result.notes)
    assert "Unklar – bitte mit der Aufsichtsbehörde klären" in texts


def test_gku_starts_from_the_satzung_rule_on_assets_and_staff():
    result = plan(rechtsform="gku", rolle="aufloesung", auseinandersetzung="ja")
    assert keys(result)[0] == "ende-gku-satzung"
    assert "§ 28 Abs. 1 GkG NRW" in result.steps[0].citation_lines
    assert "ende-gku-auseinandersetzung" in keys(result)
    assert "ende-gku-anzeige" in note_keys(result)
    assert "ende-gku-anzeige" not in note_keys(plan(rechtsform="gku", rolle="austritt"))


@pytest.mark.parametrize(
    ("rechtsform", "contradicts"),
    [
        ("zweckverband", False),
        ("oerv", False),
        ("gku", True),
        ("arbeitsgemeinschaft", True),
        ("oer_vertrag", True),
    ],
)
def test_obligatory_cooperation_only_for_zweckverband_and_vereinbarung(rechtsform, contradicts):
    found = leave_contradictions(LeaveAnswers(rechtsform=rechtsform, rolle="austritt", pflicht="ja"))
    assert bool(found) is contradicts
    assert not leave_contradictions(LeaveAnswers(rechtsform=rechtsform, rolle="austritt", pflicht="nein"))


# --- The page --------------------------------------------------------------------------------

ZV_LEAVING = [
    ("rechtsform", "zweckverband"),
    ("rolle", "austritt"),
    ("klausel", "nein"),
    ("auseinandersetzung", "ja"),
    ("pflicht", "nein"),
    ("veraenderung", "unklar"),
]


@pytest.mark.django_db
def test_page_loads_empty_and_is_linked_from_the_start(client, register, rules):
    body = client.get("/assistent/beenden/").content.decode()
    assert "<h1>Zusammenarbeit beenden: Austritt oder Auflösung</h1>" in body
    assert "Die Schritte" not in body
    assert 'role="alert"' not in body
    assert 'href="/assistent/beenden/"' in client.get("/assistent/").content.decode()


@pytest.mark.django_db
def test_steps_with_linked_sections_and_a_round_trip(client, rules, assistant_laws):
    from ikz.assistant.citations import section_url

    response = client.get("/assistent/beenden/?" + urlencode(ZV_LEAVING))
    assert response.status_code == 200
    body = response.content.decode()
    steps = body[body.index('id="schritte"') : body.index('id="antworten"')]
    titles = re.findall(r"<li><strong>([^<]+):</strong>", steps)
    assert titles[:5] == [
        "Verbandssatzung lesen: Kündigungsrecht?",
        "Beschluss der Verbandsversammlung über das Ausscheiden",
        "Vermögen, Personal und Schulden auseinandersetzen",
        "Satzungsänderung der Aufsichtsbehörde anzeigen",
        "Bekanntmachung und Wirksamwerden",
    ]
    assert f'href="{section_url("GkG NRW", "20")}">§ 20 Abs. 1 Satz 1 GkG NRW</a>' in steps
    assert f'href="{section_url("GkG NRW", "9")}">§ 9 Abs. 2 GkG NRW</a>' in steps
    assert "ersetzt weder eine Rechtsberatung" in body
    # The form carries the answers again; submitting it unchanged gives the same page.
    assert sorted(form_values(body)) == sorted(ZV_LEAVING)
    again = client.get("/assistent/beenden/?" + urlencode(form_values(body))).content.decode()
    assert again == body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"rolle": "austritt"}, "Bitte die Rechtsform der bestehenden Zusammenarbeit wählen."),
        (
            {"rechtsform": "zweckverband"},
            "Bitte angeben, ob ein Partner ausscheiden oder alle beenden wollen.",
        ),
        (
            {"rechtsform": "genossenschaft", "rolle": "austritt"},
            "In welcher Rechtsform arbeiten Sie heute zusammen?: ",
        ),
        (
            {"rechtsform": "oerv", "rolle": "austritt", "klausel": "vielleicht"},
            "Recht zum Austritt oder zur Kündigung",
        ),
    ],
)
def test_bad_input_gives_german_errors(client, rules, query, message):
    response = client.get("/assistent/beenden/?" + urlencode(query))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="assistant-errors"' in body
    assert message in body
    assert "Die Schritte" not in body


@pytest.mark.django_db
def test_contradiction_is_explained_not_picked(client, rules):
    body = client.get(
        "/assistent/beenden/?" + urlencode({"rechtsform": "gku", "rolle": "austritt", "pflicht": "ja"})
    ).content.decode()
    assert "Ihre Angaben widersprechen sich" in body
    assert "Pflichtverband, § 13 GkG NRW" in body
    assert "Die Schritte" not in body
