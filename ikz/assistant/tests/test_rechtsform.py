"""Legal form ranking, the Aufsichtsbehörde from the register (§ 29 Abs. 1 GkG NRW) and real projects."""

import pytest

from ikz.assistant.checks import rank_forms, supervision

from .helpers import answers, book


def ranked(**given) -> list:
    return rank_forms(answers(**given), book(), with_projects=False)


def first(**given) -> str:
    return ranked(**given)[0].form


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"zustaendigkeit": "abstimmung"}, "arbeitsgemeinschaft"),
        ({"zustaendigkeit": "durchfuehrung"}, "oerv_mandatierend"),
        ({"zustaendigkeit": "uebertragen"}, "oerv_delegierend"),
        (
            {"zustaendigkeit": "neuer_traeger", "ressourcen": frozenset({"personal", "haushalt"})},
            "zweckverband",
        ),
        ({"zustaendigkeit": "neuer_traeger", "privat": "ja"}, "privatrechtlich"),
    ],
)
def test_the_answer_on_responsibility_decides_the_recommendation(given, expected):
    assert first(**given) == expected


@pytest.mark.parametrize(
    ("given", "excluded"),
    [
        (
            {"privat": "ja"},
            {"oerv_delegierend", "oerv_mandatierend", "gku"},
        ),  # § 23 Abs. 1, § 27 Abs. 1 GkG NRW
        ({"privat": "nein"}, set()),
    ],
)
def test_private_partner_excludes_the_forms_the_law_closes_to_them(given, excluded):
    assert {r.form for r in ranked(**given) if r.excluded} == excluded
    if excluded:  # excluded forms come last
        assert all(r.excluded for r in ranked(**given)[-len(excluded) :])


def test_reasons_for_and_against_follow_from_the_answers():
    by_form = {r.form: r for r in ranked(zustaendigkeit="uebertragen", dauer="unter5", ausserhalb=1)}
    assert [r.key for r in by_form["oerv_delegierend"].pros] == ["oerv-d-uebertragen"]
    assert "oerv-ausserhalb" in [r.key for r in by_form["oerv_delegierend"].cons]
    assert "zv-kurz" in [r.key for r in by_form["zweckverband"].cons]
    assert "zv-ausserhalb" in [r.key for r in by_form["zweckverband"].requirements]  # § 4 Abs. 3 GkG NRW
    assert "ag-keine-aufgabe" in [r.key for r in by_form["arbeitsgemeinschaft"].cons]


def test_termination_clause_required_only_beyond_20_years_or_unlimited():
    def needs(dauer):
        result = {r.form: r for r in ranked(zustaendigkeit="uebertragen", dauer=dauer)}["oerv_delegierend"]
        return "oerv-kuendigung" in [r.key for r in result.requirements]

    assert [needs(d) for d in ("5bis20", "ueber20", "unbefristet", "unter5")] == [False, True, True, False]


def test_open_responsibility_is_said_to_be_unclear():
    from ikz.assistant.checks import legal_form_notes

    assert [n.key for n in legal_form_notes(answers(), book())] == ["rechtsform-unklar"]
    assert legal_form_notes(answers(zustaendigkeit="uebertragen"), book()) == []


# --- Aufsichtsbehörde from the register -------------------------------------------------------


@pytest.mark.django_db
def test_only_kreisangehoerige_gemeinden_landrat_of_the_seat(register):
    merzenich, niederzier = register["05358032"], register["05358036"]
    found = supervision(answers(partners=[merzenich, niederzier]), book())
    assert found.rule.key == "aufsicht-landrat"
    assert found.authority.startswith("Landrätin oder Landrat des Kreises am Sitz (Kreis Düren)")
    assert "Alle Partner sind laut Register kreisangehörige" in found.derivation[1]


@pytest.mark.django_db
def test_kreisangehoerige_of_two_kreise_landrat_where_the_lead_sits(register):
    hueckeswagen, merzenich = register["05374016"], register["05358032"]
    found = supervision(answers(partners=[hueckeswagen, merzenich]), book())
    assert found.rule.key == "aufsicht-landrat" and "Oberbergischer Kreis" in found.authority


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("keys", "outside", "authority", "said"),
    [
        (["05358032", "05358"], 0, "Bezirksregierung Köln", "Kreis Düren"),  # a Kreis takes part
        (
            ["05111000", "05158004"],
            0,
            "Bezirksregierung Düsseldorf",
            "Stadt Düsseldorf",
        ),  # a kreisfreie Stadt
        (["05358032"], 1, "Bezirksregierung Köln", "Partner außerhalb NRW: 1"),  # another Land
        (
            ["05711000", "05515000"],
            0,
            "Bezirksregierung Detmold",
            "Stadt Bielefeld",
        ),  # lead decides the Bezirk
    ],
)
def test_bezirksregierung_when_kreise_kreisfreie_staedte_or_other_laender_take_part(
    register, keys, outside, authority, said
):
    found = supervision(answers(partners=[register[k] for k in keys], ausserhalb=outside), book())
    assert found.rule.key == "aufsicht-bezirksregierung"
    assert found.authority == authority
    assert said in " ".join(found.derivation)


def test_no_nrw_partner_no_supervision():
    assert supervision(answers(ausserhalb=2), book()) is None


# --- Real projects ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_projects_with_the_form_and_task_area(register, project_factory, rules):
    from ikz.assistant.checks import RuleBook
    from ikz.core.taxonomy import TaskArea

    partners = [register["05358032"], register["05358036"]]
    project_factory("Bauhof Nord", partners, task_areas=("bauhof",), legal_form="zweckverband")
    project_factory("Bauhof Süd", partners, task_areas=("bauhof",), legal_form="oerv")
    project_factory("Standesamt West", partners, task_areas=("standesamt",), legal_form="zweckverband")
    project_factory("Erfunden", partners, task_areas=("bauhof",), legal_form="zweckverband", is_example=True)
    project_factory("Entwurf", partners, task_areas=("bauhof",), legal_form="zweckverband", live=False)
    given = answers(partners=partners, bereich=TaskArea.objects.get(slug="bauen-planen"))
    by_form = {r.form: r for r in rank_forms(given, RuleBook())}
    assert [p.title for p in by_form["zweckverband"].projects] == ["Bauhof Nord"]  # child areas count
    assert [p.title for p in by_form["oerv_delegierend"].projects] == ["Bauhof Süd"]
    assert by_form["gku"].projects == []
