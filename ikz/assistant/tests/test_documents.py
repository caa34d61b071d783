"""The result as PDF and DOCX: they open, carry the date, the answers, every citation with its link
and the disclaimer, and come from the same context as the HTML page; bad input is a German 400."""

import datetime
import io
import re
from urllib.parse import urlencode

import docx
import pytest
from django.utils import timezone
from pypdf import PdfReader

from ikz.assistant.citations import section_url

from .test_views import FULL

pytestmark = pytest.mark.django_db

DISCLAIMER_START = "Diese Auswertung unterstützt Ihre Prüfung; sie ersetzt weder eine Rechtsberatung"


def pdf_text_and_links(body: bytes) -> tuple[str, list[str]]:
    reader = PdfReader(io.BytesIO(body))
    text = "\n".join(page.extract_text() for page in reader.pages)
    links = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object()
    ]
    return re.sub(r"\s+", " ", text), links


def docx_text_and_links(body: bytes) -> tuple[str, list[str]]:
    word = docx.Document(io.BytesIO(body))
    paragraphs = [p.text for p in word.paragraphs]
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    links = [link.url for p in word.paragraphs for link in p.hyperlinks]
    return re.sub(r"\s+", " ", " ".join(paragraphs + cells)), links


READERS = {"pdf": pdf_text_and_links, "docx": docx_text_and_links}


@pytest.fixture
def full_result(client, register, rules, assistant_laws):
    query = urlencode(FULL)
    page = client.get(f"/assistent/ergebnis/?{query}").content.decode()
    return query, page


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_document_has_date_answers_citations_and_disclaimer(client, full_result, kind):
    query, page = full_result
    response = client.get(f"/assistent/ergebnis.{kind}?{query}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        {"pdf": "application/pdf", "docx": "application/vnd.openxml"}[kind]
    )
    today = timezone.localdate()
    assert response["Content-Disposition"] == (
        f'attachment; filename="Kooperationsassistent_Ergebnis_gemeinsamer-Bauhof_{today:%Y-%m-%d}.{kind}"'
    )
    text, links = READERS[kind](response.content)
    assert "Ergebnis des Kooperationsassistenten" in text
    assert f"Stand der Auswertung: {today:%d.%m.%Y}" in text
    assert DISCLAIMER_START in text
    # the answers, as the page shows them
    for answer in (
        "Stadt Düren (05358008), Gemeinde Langerwehe (05358032)",
        "„gemeinsamer Bauhof“",
        "40.000 €",
    ):
        assert answer in text, answer
    # the conclusions, each with its citation linked to the section's page
    assert "Voraussichtlich vergaberechtsfrei nach § 108 Abs. 6 GWB" in text
    assert "Öffentlich-rechtliche Vereinbarung – mandatierend – Empfehlung" in text
    assert "Zuwendung nach den Regeln: 175.000 €" in text
    base = "http://testserver"
    for law, number, cited in (
        ("GWB", "108", "§ 108 Abs. 6 Nr. 3 GWB"),
        ("UStG", "2b", "§ 2b Abs. 3 Nr. 2 UStG"),
        ("GkG NRW", "23", "§ 23 Abs. 1 GkG NRW"),
        ("GkG NRW", "29", "§ 29 Abs. 1 GkG NRW"),
    ):
        assert cited in text, cited
        assert base + section_url(law, number) in links, cited
    # every section the HTML page links, the document links too
    page_links = {base + href for href in re.findall(r'class="law-ref" href="([^"]+)"', page)}
    assert page_links and page_links <= set(links)
    assert f"{base}/assistent/ergebnis/?{query}" in links


def test_pdf_is_a4_with_title_and_language(client, full_result):
    query, _page = full_result
    reader = PdfReader(io.BytesIO(client.get(f"/assistent/ergebnis.pdf?{query}").content))
    assert reader.metadata.title == "Ergebnis des Kooperationsassistenten"
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [595, 842]
    assert len(reader.pages) >= 3
    assert reader.outline  # headings as bookmarks


def test_result_page_links_the_downloads_with_the_same_query(client, full_result):
    query, page = full_result
    assert f'href="/assistent/ergebnis.pdf?{query.replace("&", "&amp;")}"' in page
    assert f'href="/assistent/ergebnis.docx?{query.replace("&", "&amp;")}"' in page
    assert f"http://testserver/assistent/ergebnis/?{query.replace('&', '&amp;')}" in page  # printed view


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_contradiction_is_in_the_document_instead_of_conclusions(
    client, register, rules, assistant_laws, kind
):
    query = urlencode({"partner": ["05358008", "05358032"], "markt": "nein", "marktanteil": "30"}, doseq=True)
    response = client.get(f"/assistent/ergebnis.{kind}?{query}")
    assert response.status_code == 200
    text, _links = READERS[kind](response.content)
    assert "Ihre Angaben widersprechen sich" in text
    assert "Vergaberecht (§ 108 GWB)" not in text
    assert DISCLAIMER_START in text


@pytest.mark.parametrize("kind", ["pdf", "docx"])
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Die Adresse enthält keine Antworten."),
        ("partner=Atlantis", "„Atlantis“: Keine Kommune in NRW mit diesem Namen gefunden."),
        ("partner=05358008&umsatz=viel", "Erwarteter Jahresumsatz"),
        ("partner=05358008&dauer=ewig", "Für wie lange ist die Zusammenarbeit geplant?"),
    ],
)
def test_bad_query_is_a_german_400(client, register, rules, kind, query, message):
    response = client.get(f"/assistent/ergebnis.{kind}?{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert "Das Ergebnis lässt sich so nicht herunterladen" in body
    assert message in body
    assert 'href="/assistent/?' in body


def test_filename_is_ascii_and_without_the_task_when_none_given():
    from ikz.assistant.checks import Answers
    from ikz.assistant.documents import result_filename

    day = datetime.date(2026, 11, 30)
    assert (
        result_filename({"answers": Answers(), "today": day}, "pdf")
        == "Kooperationsassistent_Ergebnis_2026-11-30.pdf"
    )
    named = Answers(aufgabe='Lohnabrechnung für „alle“ drei Gemeinden; Größe"\r\n/../x')
    assert result_filename({"answers": named, "today": day}, "docx") == (
        "Kooperationsassistent_Ergebnis_Lohnabrechnung-fuer-alle-drei-Gemeinden_2026-11-30.docx"
    )
