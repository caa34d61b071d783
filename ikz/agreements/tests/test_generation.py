"""Each draft type, opened as DOCX (python-docx), ODT (zip + XML) and PDF (pypdf): the mandatory
contents, the participants' table, the citations with their links, and the incomplete state."""

import io
import xml.etree.ElementTree as ET
import zipfile

import pytest
from django.urls import reverse
from docx import Document as WordDocument
from pypdf import PdfReader

from ikz.agreements.drafting import generate, snapshot

pytestmark = pytest.mark.django_db

ODT_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
ODT_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
XLINK = "http://www.w3.org/1999/xlink"

# kind → (mandatory contents that must appear in the text, citations that must appear)
EXPECTED = {
    "satzung": (
        ["Verbandsmitglieder sind: Stadt Hückeswagen und Gemeinde Lindlar",
         "Der Zweckverband hat folgende Aufgaben: Betrieb eines gemeinsamen Bauhofs",
         "Der Zweckverband führt den Namen „Zweckverband Bauhof Bergisches Land (Beispiel)“",
         "Er hat seinen Sitz in Hückeswagen",
         "erfolgen in folgender Form: im Amtsblatt des Oberbergischen Kreises",
         "nach folgendem Maßstab bei: nach dem Verhältnis der Einwohnerzahlen"],
        ["§ 9 Abs. 2 GkG NRW", "§ 19 Abs. 1 GkG NRW", "§ 5 Abs. 1 GkG NRW"],
    ),
    "oerv_delegierend": (
        ["übernimmt die folgende Aufgabe der übrigen Beteiligten",
         "gehen das Recht und die Pflicht zur Erfüllung der Aufgabe auf",
         "eine angemessene Entschädigung. Maßstab: nach dem Verhältnis der Einwohnerzahlen",
         "mit einer Frist von zwölf Monaten",
         "Die Vereinbarung gilt auf unbestimmte Zeit."],
        ["§ 23 Abs. 1 GkG NRW", "§ 23 Abs. 4 GkG NRW", "§ 23 Abs. 5 GkG NRW", "§ 24 Abs. 1 GkG NRW"],
    ),
    "oerv_mandatierend": (
        ["verpflichtet sich, die folgende Aufgabe für die übrigen Beteiligten",
         "als Träger der Aufgabe bleiben unberührt",
         "eine angemessene Entschädigung. Maßstab:"],
        ["§ 23 Abs. 2 GkG NRW", "§ 24 Abs. 3 GkG NRW"],
    ),
    "vertrag": (
        ["Die Vertragsparteien (Stadt Hückeswagen und Gemeinde Lindlar) arbeiten bei folgender Aufgabe zusammen",
         "Dieser Vertrag wird schriftlich geschlossen",
         "Die Kündigung bedarf der Schriftform."],
        ["§ 54 VwVfG NRW", "§ 57 VwVfG NRW", "§ 60 Abs. 1 VwVfG NRW"],
    ),
}  # fmt: skip


def _flat(text: str) -> str:
    return " ".join(text.split())


def _docx(body: bytes):
    word = WordDocument(io.BytesIO(body))
    text = "\n".join(p.text for p in word.paragraphs)
    styles = {p.style.name for p in word.paragraphs}
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in word.tables]
    links = [r.target_ref for r in word.part.rels.values() if r.reltype.endswith("/hyperlink")]
    return _flat(text), styles, tables, links


def _odt(body: bytes):
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        root = ET.fromstring(archive.read("content.xml"))  # noqa: S314 - the portal's own file
        styles_xml = archive.read("styles.xml").decode()
    blocks = [e for e in root.iter() if e.tag in (f"{{{ODT_TEXT}}}p", f"{{{ODT_TEXT}}}h")]
    text = _flat(" ".join("".join(e.itertext()) for e in blocks))
    headings = [
        (h.get(f"{{{ODT_TEXT}}}style-name"), "".join(h.itertext())) for h in root.iter(f"{{{ODT_TEXT}}}h")
    ]
    tables = list(root.iter(f"{{{ODT_TABLE}}}table"))
    links = [a.get(f"{{{XLINK}}}href") for a in root.iter(f"{{{ODT_TEXT}}}a")]
    return text, headings, tables, links, styles_xml


def _pdf(body: bytes) -> str:
    reader = PdfReader(io.BytesIO(body))
    return _flat(" ".join(page.extract_text() for page in reader.pages))


def _download(client, draft, fmt, **params):
    url = reverse("workshop:agreements:download", args=[draft.workshop.key, draft.pk, fmt])
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:300]
    return response


@pytest.mark.parametrize("kind", list(EXPECTED))
def test_each_kind_as_docx_odt_and_pdf_with_mandatory_contents_and_citations(
    client, laws, lead, draft_factory, kind
):
    draft = draft_factory(kind)
    generated = generate(snapshot(draft))
    assert generated.complete, generated.missing
    contents, citations = EXPECTED[kind]
    client.force_login(lead)

    docx = _download(client, draft, "docx")
    assert docx["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert docx["Content-Disposition"].startswith("attachment;") and '.docx"' in docx["Content-Disposition"]
    text, styles, tables, links = _docx(docx.content)
    # real document styles: title, headings, numbered paragraphs, a table of participants
    assert {"Title", "Heading 1", "Absatz nummeriert"} <= styles
    assert tables[0][0] == ["Beteiligte", "Art", "Amtlicher Gemeindeschlüssel", "Rolle"]
    assert [row[2] for row in tables[0][1:]] == ["05374016", "05374020"]
    assert "§ 1 " in text and "(1) " in text
    assert "Pflichtinhalte nach" in text and "sind enthalten" in text and "unvollständig" not in text
    for phrase in contents:
        assert _flat(phrase) in text, (kind, "docx", phrase)
    for citation in citations:
        assert citation in text, (kind, "docx", citation)
    # citations link to the sections in the Wissensdatenbank
    assert all(link.startswith("http://testserver/wissen/gesetze/") for link in links)
    assert {c.split()[1] for c in citations} <= {link.rstrip("/").rsplit("/", 1)[1] for link in links}

    odt = _download(client, draft, "odt")
    assert odt["Content-Type"] == "application/vnd.oasis.opendocument.text"
    text, headings, tables, links, styles_xml = _odt(odt.content)
    assert any(style == "Heading_20_1" and name.startswith("§ 1 ") for style, name in headings)
    assert 'style:name="Absatz_20_nummeriert"' in styles_xml
    assert len(tables) >= 2  # participants and mandatory contents
    for phrase in contents:
        assert _flat(phrase) in text, (kind, "odt", phrase)
    for citation in citations:
        assert citation in text, (kind, "odt", citation)
    assert links and all("/wissen/" in link for link in links)

    pdf = _download(client, draft, "pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    text = _pdf(pdf.content)
    for phrase in contents[:2]:
        assert _flat(phrase) in text, (kind, "pdf", phrase)
    for citation in citations:
        assert citation in text, (kind, "pdf", citation)
    assert "Hückeswagen" in text and "05374020" in text


def test_the_citation_links_point_at_the_right_sections(client, laws, lead, draft_factory):
    draft = draft_factory("oerv_delegierend")
    client.force_login(lead)
    _text, _styles, _tables, links = _docx(_download(client, draft, "docx").content)
    paths = {link.replace("http://testserver", "") for link in links}
    for number in ("23", "24"):
        assert any(path.endswith(f"/{number}/") for path in paths), paths
    for path in paths:
        assert client.get(path).status_code == 200, path
    page = client.get(reverse("workshop:agreements:detail", args=[draft.workshop.key, draft.pk]))
    assert any(f'href="{path}"' in page.content.decode() for path in paths)


@pytest.mark.parametrize(
    ("kind", "fields", "missing"),
    [
        ("satzung", {"name": "", "cost_sharing": ""}, ["Name des Verbandes", "Maßstab für die Deckung der Aufwendungen"]),
        ("satzung", {"public_notice": "", "seat": ""}, ["Sitz des Verbandes", "Form der öffentlichen Bekanntmachungen"]),
        ("oerv_delegierend", {"lead_ags": "", "termination": ""},
         ["Der Beteiligte, der die Aufgabe übernimmt oder durchführt",
          "Voraussetzungen und Form der Kündigung (bei unbefristeter oder mehr als 20 Jahre geltender Vereinbarung)"]),
        ("oerv_mandatierend", {"cost_sharing": "", "term_years": 25, "termination": ""},
         ["Angemessene Entschädigung (Soll-Vorschrift)",
          "Voraussetzungen und Form der Kündigung (bei unbefristeter oder mehr als 20 Jahre geltender Vereinbarung)"]),
    ],
)  # fmt: skip
def test_a_missing_mandatory_content_is_named_and_the_draft_refuses_to_be_complete(
    client, laws, lead, draft_factory, kind, fields, missing
):
    draft = draft_factory(kind, **fields)
    generated = generate(snapshot(draft))
    assert generated.missing == missing
    assert not generated.complete
    expected = "Entwurf – unvollständig: es fehlen " + "; ".join(missing)
    client.force_login(lead)
    page = client.get(
        reverse("workshop:agreements:detail", args=[draft.workshop.key, draft.pk])
    ).content.decode()
    assert expected in page and "sind enthalten" not in page
    docx_text, _styles, tables, _links = _docx(_download(client, draft, "docx").content)
    assert expected in docx_text and "sind enthalten" not in docx_text
    assert [row[0] for row in tables[1] if row[2] == "fehlt"] == missing
    odt_text, *_ = _odt(_download(client, draft, "odt").content)
    assert expected in odt_text
    assert "Entwurf – unvollständig: es fehlen" in _pdf(_download(client, draft, "pdf").content)


def test_a_short_fixed_term_needs_no_termination_clause_but_a_long_one_does(draft_factory):
    short = generate(snapshot(draft_factory("oerv_delegierend", term_years=10, termination="")))
    assert short.complete
    assert "Die Vereinbarung gilt für 10 Jahre ab ihrem Wirksamwerden." in short.clauses[3]["paragraphs"]
    long = generate(snapshot(draft_factory("oerv_delegierend", term_years=21, termination="")))
    assert not long.complete


def test_a_workshop_with_one_partner_and_no_task_is_incomplete_with_placeholders(
    lead, workshop_factory, municipality_factory
):
    from ikz.agreements import services

    workshop = workshop_factory(title="Allein", partners=[municipality_factory("05374016")])
    draft = services.draft_create(workshop=workshop, user=lead, kind="vertrag")
    generated = generate(snapshot(draft))
    assert generated.missing == [
        "Vertragsparteien",
        "Gegenstand: das Rechtsverhältnis, das der Vertrag begründet",
    ]
    assert "[Aufgabe]" in generated.clauses[0]["paragraphs"][0]
    assert "[Maßstab der Kostenverteilung]" in " ".join(
        c for cl in generated.clauses for c in cl["paragraphs"]
    )


def test_user_text_cannot_inject_template_fields_or_markup(client, lead, draft_factory):
    draft = draft_factory("satzung", name="{beteiligte} <b>fett</b>", extra="{aufgabe}")
    generated = generate(snapshot(draft))
    assert "„{beteiligte} <b>fett</b>“" in generated.clauses[0]["paragraphs"][0]
    client.force_login(lead)
    page = client.get(
        reverse("workshop:agreements:detail", args=[draft.workshop.key, draft.pk])
    ).content.decode()
    assert "<b>fett</b>" not in page and "&lt;b&gt;fett&lt;/b&gt;" in page


def test_an_old_version_downloads_as_it_was(client, lead, draft_factory):
    from ikz.agreements import services
    from ikz.agreements.drafting import draft_values

    draft = draft_factory("satzung")
    base = draft_values(draft)
    services.draft_save(draft=draft, user=lead, base=base, mine={**base, "seat": "Lindlar"})
    client.force_login(lead)
    old, *_ = _docx(_download(client, draft, "docx", version=1).content)
    new, *_ = _docx(_download(client, draft, "docx").content)
    assert "Er hat seinen Sitz in Hückeswagen." in old and "Version 1" in old
    assert "Er hat seinen Sitz in Lindlar." in new
    url = reverse("workshop:agreements:download", args=[draft.workshop.key, draft.pk, "docx"])
    assert client.get(url, {"version": "9"}).status_code == 404
    assert client.get(url, {"version": "x"}).status_code == 404
    assert client.get(url.replace("/docx/", "/exe/")).status_code == 404
