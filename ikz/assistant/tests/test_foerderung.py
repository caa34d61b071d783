"""Förderrichtlinie IKZ NRW: the worked examples of ../shared/data/funding/foerderrichtlinie_ikz_nrw.md,
the rules around them, and the JSON API."""

import datetime
import json
from decimal import Decimal

import pytest

from ikz.assistant.checks import funding_compute, funding_window
from ikz.assistant.loader import programme_unsaved
from ikz.municipalities.models import Municipality


def gemeinden(count: int, bezirk: str = "Köln") -> list[Municipality]:
    return [
        Municipality(
            ags=f"05358{i:03d}",
            short_name=f"Ort {i}",
            type="Gemeinde",
            level="gemeinde",
            regierungsbezirk=bezirk,
        )
        for i in range(1, count + 1)
    ]


@pytest.mark.parametrize(
    ("nrw", "outside", "ausgaben", "zuwendung"),
    [
        # Worked examples of the facts file: three NRW Gemeinden
        (3, 0, "300000", "210000"),  # 175,000 + 35,000; 90 % of 300,000 = 270,000 → 210,000
        (3, 0, "200000", "180000"),  # capped at 90 % of 200,000
        # The rule around them
        (2, 0, "1000000", "175000"),  # two partners: Regelzuwendung
        (4, 0, "1000000", "245000"),  # + 2 × 35,000
        (2, 0, "194444.44", "175000"),  # 90 % = 174,999.996 → 175,000.00 (rounded to the cent): at the cap
        (2, 0, "194444.43", "174999.99"),  # 174,999.987 → just below: the cap decides
        (1, 1, "100000", "75000"),  # across the state border with one NRW partner
        (1, 2, "50000", "45000"),  # … capped at 90 %
        (2, 1, "1000000", "175000"),  # partners outside NRW add nothing
        (1, 0, "100000", "0"),  # no cooperation
        (0, 2, "100000", "0"),  # nobody from NRW
    ],
)
def test_zuwendung(nrw, outside, ausgaben, zuwendung):
    result = funding_compute(
        partners=gemeinden(nrw), ausserhalb=outside, ausgaben=Decimal(ausgaben), programme=programme_unsaved()
    )
    assert result.amount == Decimal(zuwendung)
    assert result.eligible == (zuwendung != "0")


def test_reasons_show_the_calculation_in_german():
    result = funding_compute(
        partners=gemeinden(3), ausserhalb=0, ausgaben=Decimal("200000"), programme=programme_unsaved()
    )
    assert result.authority == "Bezirksregierung Köln"
    assert "Regelzuwendung für einen Verbund von zwei Kommunen: 175.000 €." in result.reasons
    assert any("1 × 35.000 € = 35.000 €; zusammen 210.000 €" in r for r in result.reasons)
    assert any(
        r == "Höchstens 90 % der zuwendungsfähigen Ausgaben von 200.000 €: 180.000 €." for r in result.reasons
    )
    assert result.reasons[-1].startswith("Zuwendung: 180.000 € (gedeckelt auf 90 % der Ausgaben)")


def test_without_ausgaben_only_the_regelzuwendung_is_known():
    result = funding_compute(
        partners=gemeinden(2), ausserhalb=0, ausgaben=None, programme=programme_unsaved()
    )
    assert result.amount is None and result.regel == Decimal("175000")


@pytest.mark.parametrize(
    ("today", "starts"),
    [
        (datetime.date(2025, 5, 14), "Der nächste bekannte Förderaufruf läuft vom 15.05.2025 bis 14.05.2026"),
        (datetime.date(2025, 5, 15), "Anträge sind derzeit möglich"),
        (datetime.date(2026, 5, 14), "Anträge sind derzeit möglich"),
        (datetime.date(2026, 5, 15), "Der letzte bekannte Förderaufruf lief vom 15.05.2025 bis 14.05.2026"),
    ],
)
def test_application_window(today, starts):
    assert funding_window(programme_unsaved(), today).startswith(starts)


# --- API -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_api_worked_example(client, register, rules):
    # Düren (Stadt), Merzenich, Niederzier: three Gemeinden in the Kreis Düren, Regierungsbezirk Köln
    response = client.get(
        "/api/v1/assistent/foerderung?ags=05358008&ags=05358032&ags=05358036&ausgaben=300000"
    )
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["zuwendung"] == 210000 and isinstance(data["zuwendung"], int)
    assert data["bewilligungsbehoerde"] == "Bezirksregierung Köln"
    assert data["stand"] == "2026-11-29"
    assert data["quelle"].startswith("https://www.bezreg-koeln.nrw.de/")
    assert any("175.000 €" in reason for reason in data["gruende"])


@pytest.mark.django_db
def test_api_lead_partner_decides_the_bezirksregierung(client, register, rules):
    # Münster (Regierungsbezirk Münster) leads, Bielefeld (Detmold) joins
    data = json.loads(
        client.get("/api/v1/assistent/foerderung?ags=05515000&ags=05711000&ausgaben=200000").content
    )
    assert data["bewilligungsbehoerde"] == "Bezirksregierung Münster"
    assert data["zuwendung"] == 175000
    swapped = json.loads(
        client.get("/api/v1/assistent/foerderung?ags=05711000&ags=05515000&ausgaben=200000").content
    )
    assert swapped["bewilligungsbehoerde"] == "Bezirksregierung Detmold"


@pytest.mark.django_db
def test_api_cross_border_and_cents(client, register, rules):
    data = json.loads(
        client.get("/api/v1/assistent/foerderung?ags=05154008&ausserhalb_nrw=1&ausgaben=50000,50").content
    )
    assert data["zuwendung"] == 45000.45  # 90 % of 50,000.50


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("ausgaben=1000", "Bitte mindestens einen Gemeindeschlüssel angeben"),
        ("ags=05358008&ags=05358032", "Bitte die zuwendungsfähigen Ausgaben in Euro angeben"),
        ("ags=05358008&ags=05358032&ausgaben=viel", "Bitte die zuwendungsfähigen Ausgaben in Euro angeben"),
        ("ags=05358008&ags=05358032&ausgaben=-5", "Die Ausgaben müssen eine Zahl von 0 an sein."),
        ("ags=05358008&ags=05358032&ausgaben=NaN", "Die Ausgaben müssen eine Zahl von 0 an sein."),
        ("ags=05358008&ags=05358032&ausgaben=1e999999", "unrealistisch hoch"),
        ("ags=05358008&" * 51 + "ausgaben=1", "höchstens 50 Gemeindeschlüssel"),
        (
            "ags=05999999&ags=05358032&ausgaben=1000",
            "Den Schlüssel 05999999 gibt es im Register der NRW-Kommunen nicht.",
        ),
        ("ags=09162000&ags=05358032&ausgaben=1000", "09162000 liegt nicht in Nordrhein-Westfalen"),
        ("ags=Düren&ausgaben=1000", "ist kein Gemeindeschlüssel"),
        ("ags=05358008&ags=05358008&ausgaben=1000", "05358008 ist doppelt angegeben."),
        ("ags=05358008&ausserhalb_nrw=zwei&ausgaben=1000", "ausserhalb_nrw muss eine ganze Zahl sein."),
        ("ags=05358008&ausserhalb_nrw=-1&ausgaben=1000", "ausserhalb_nrw muss zwischen 0 und 50 liegen."),
    ],
)
def test_api_bad_input_gets_a_german_400(client, register, rules, query, message):
    response = client.get("/api/v1/assistent/foerderung?" + query)
    assert response.status_code == 400
    assert message in json.loads(response.content)["detail"]


@pytest.mark.django_db
def test_api_figures_are_editor_data(client, register, rules):
    from ikz.assistant.models import FundingProgramme

    FundingProgramme.objects.update(base_amount=Decimal("200000"), stand=datetime.date(2027, 1, 1))
    data = json.loads(
        client.get("/api/v1/assistent/foerderung?ags=05358008&ags=05358032&ausgaben=1000000").content
    )
    assert data["zuwendung"] == 200000 and data["stand"] == "2027-01-01"


@pytest.mark.django_db
def test_api_is_described_in_openapi(client):
    document = json.loads(client.get("/api/v1/openapi.json").content)
    operation = document["paths"]["/api/v1/assistent/foerderung"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {"ags", "ausgaben", "ausserhalb_nrw"}
    schema = document["components"]["schemas"]["Foerderung"]
    assert set(schema["required"]) == {"zuwendung", "bewilligungsbehoerde", "gruende", "stand", "quelle"}


@pytest.mark.django_db
def test_api_is_read_only(client):
    response = client.post("/api/v1/assistent/foerderung?ags=05358008&ausgaben=1")
    assert response.status_code == 405
