"""The assistant's pages: form load and submit round trip, errors and contradictions in German."""

import html
import re
from urllib.parse import parse_qsl, urlencode

import pytest

pytestmark = pytest.mark.django_db

FULL = [
    ("bereich", "bauhof"),
    ("aufgabe", "gemeinsamer Bauhof"),
    ("partner", "05358008"),
    ("partner", "Gemeinde Merzenich (05358032)"),
    ("ausserhalb_nrw", "0"),
    ("privat", "nein"),
    ("zustaendigkeit", "durchfuehrung"),
    ("ressourcen", "personal"),
    ("dauer", "5bis20"),
    ("geld", "kostenerstattung"),
    ("grundlage", "oeffentlich"),
    ("gemeinsame_aufgabe", "ja"),
    ("markt", "nein"),
    ("kontrolle", "unklar"),
    ("vorbehalten", "nein"),
    ("umsatz", "40000"),
    ("neu", "ja"),
    ("nutzen", "ja"),
    ("ausgaben", "300000"),
]


def form_values(markup: str) -> list[tuple[str, str]]:
    """What a browser would submit from the form as rendered: filled inputs, checked boxes, selected options."""
    start = markup.index('class="assistant-form"')
    form = markup[start : markup.index("</form>", start)]
    values = []
    for tag in re.findall(r"<input[^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        kind = re.search(r'type="([^"]+)"', tag).group(1)
        if not name or (kind in ("radio", "checkbox") and " checked" not in tag):
            continue
        if value and value.group(1) != "":
            values.append((name.group(1), html.unescape(value.group(1))))
    for name, body in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        selected = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        if selected and selected.group(1):
            values.append((name, selected.group(1)))
    for name, text in re.findall(r'<textarea name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        if text.strip():
            values.append((name, html.unescape(text.strip())))
    return values


def test_start_page_loads_empty(client, register, rules):
    response = client.get("/assistent/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'action="/assistent/ergebnis/"' in body and 'method="get"' in body
    assert '<option value="Stadt Düren (05358008)">' in body  # the datalist, no JavaScript needed
    assert form_values(body) == []


def test_form_round_trip_keeps_every_answer(client, register, rules):
    """Load the form with earlier answers, submit it unchanged: the same answers reach the result."""
    body = client.get("/assistent/?" + urlencode(FULL)).content.decode()
    submitted = form_values(body)
    assert sorted(submitted) == sorted(FULL)
    first = client.get("/assistent/ergebnis/?" + urlencode(FULL))
    again = client.get("/assistent/ergebnis/?" + urlencode(submitted))
    assert first.status_code == again.status_code == 200
    # links and the printed address carry the query in its order
    strip = lambda text: re.sub(r'(href|value)="[^"]*"|/assistent/ergebnis/\?[^<\s"]*', "", text)  # noqa: E731
    assert strip(first.content.decode()) == strip(again.content.decode())


def test_result_shows_every_check_with_links_to_answers(client, register, rules):
    response = client.get("/assistent/ergebnis/?" + urlencode(FULL))
    body = response.content.decode()
    for heading in ("Vergaberecht (§ 108 GWB)", "Umsatzsteuer (§ 2b UStG)", "Rechtsform", "Förderung"):
        assert heading in body
    assert "Voraussichtlich vergaberechtsfrei nach § 108 Abs. 6 GWB" in body
    assert "Bezirksregierung Köln" in body  # Düren is in the Regierungsbezirk Köln
    assert "210.000" not in body and "175.000 €" in body  # two partners
    assert "ersetzt weder eine Rechtsberatung" in body
    assert "Ihre Antwort: „Ja, nur als Erstattung der Kosten“" in body
    edit = re.search(r'<a href="(/assistent/\?[^"]+)">Antworten ändern</a>', body).group(1)
    assert sorted(parse_qsl(html.unescape(edit.split("?", 1)[1]))) == sorted(FULL)


def test_no_answers_lead_back_to_the_form(client, rules):
    response = client.get("/assistent/ergebnis/")
    assert response.status_code == 302 and response["Location"] == "/assistent/"


@pytest.mark.parametrize(
    ("partner", "message"),
    [
        ("05999999", "Diesen Gemeindeschlüssel gibt es im Register der NRW-Kommunen nicht."),
        ("09162000", "kein Schlüssel einer NRW-Kommune"),
        ("Atlantis", "Keine Kommune in NRW mit diesem Namen gefunden"),
        ("Düren", "ist nicht eindeutig: Kreis Düren (05358), Stadt Düren (05358008)"),
    ],
)
def test_unknown_or_ambiguous_partner_gets_a_german_error(client, register, rules, partner, message):
    response = client.get(
        "/assistent/ergebnis/?" + urlencode([("partner", partner), ("partner", "05358032")])
    )
    assert response.status_code == 200
    body = html.unescape(response.content.decode())
    assert "Bitte prüfen Sie Ihre Angaben" in body and message in body
    assert "Vergaberecht (§ 108 GWB)" not in body
    assert f'value="{partner}"' in body  # the typed value stays in the field


def test_nul_byte_in_a_partner_is_refused_without_a_server_error(client, register, rules):
    from ikz.assistant.forms import partners_resolve

    response = client.get("/assistent/ergebnis/?partner=D%C3%BC%00ren&partner=05358032")
    assert response.status_code in (200, 400)  # the portal's middleware may refuse the request first
    assert partners_resolve(["Dü\x00ren"]).errors == ["Ein Partner enthält ungültige Zeichen."]


def test_same_partner_twice_is_an_error(client, register, rules):
    body = client.get("/assistent/ergebnis/?partner=05358008&partner=Stadt+Düren").content.decode()
    assert "Stadt Düren ist doppelt angegeben." in body


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ([("markt", "nein"), ("marktanteil", "12")], "kein Partner die Leistung auf dem Markt anbietet"),
        ([("markt", "ja"), ("marktanteil", "0")], "einen Marktanteil von 0 % genannt"),
        (
            [("zustaendigkeit", "abstimmung"), ("ressourcen", "gebuehren")],
            "Gebühren erhebt, wer die Aufgabe selbst",
        ),
        ([("zustaendigkeit", "uebertragen"), ("grundlage", "privat")], "privatrechtlich geregelt"),
    ],
)
def test_contradictions_are_explained_not_silently_resolved(client, register, rules, answers, message):
    query = urlencode([("partner", "05358008"), ("partner", "05358032"), *answers])
    body = html.unescape(client.get("/assistent/ergebnis/?" + query).content.decode())
    assert "Ihre Angaben widersprechen sich" in body and message in body
    assert "Voraussichtlich" not in body  # no conclusion drawn


def test_one_partner_alone_is_a_contradiction(client, register, rules):
    body = client.get("/assistent/ergebnis/?partner=05358008").content.decode()
    assert "mindestens zwei Partner" in body


def test_one_partner_with_a_partner_outside_nrw_is_enough(client, register, rules):
    body = client.get(
        "/assistent/foerderung/?partner=05554008&ausserhalb_nrw=1&ausgaben=100000"
    ).content.decode()
    assert "widersprechen" not in body
    assert "75.000 €" in body and "Bezirksregierung Münster" in body


def test_invalid_choice_is_reported_in_german(client, register, rules):
    body = html.unescape(
        client.get("/assistent/ergebnis/?partner=05358008&partner=05358032&geld=gratis").content.decode()
    )
    assert "Fließt Geld zwischen den Partnern" in body and "gratis" in body and "gültige" in body
