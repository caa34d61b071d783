"""Links in the document model: clickable in PDF, DOCX and ODT, plain in the Volltext."""

import io
import zipfile

import docx
from pypdf import PdfReader

from ikz.library.docgen import (
    BulletList,
    Document,
    Link,
    Paragraph,
    docx_bytes,
    odt_bytes,
    pdf_bytes,
    plain,
    spans,
)

URL = "https://ikz.example/wissen/gesetze/gkg-nrw/20/"
DOCUMENT = Document(
    title="Verweise",
    blocks=[
        Paragraph(("Rechtsgrundlage: ", Link("§ 20 Abs. 1 GkG NRW", URL), " – für [Name der Gemeinde].")),
        BulletList([("Siehe ", Link("§ 60 VwVfG NRW", URL + "60")), "ohne Verweis"], numbered=True),
        BulletList([(Link("§ 24 Abs. 5 GkG NRW", URL + "24"),)]),
    ],
)


def test_spans_and_plain_text():
    text = ("Siehe ", Link("§ 20 GkG NRW", URL), " und [Name].")
    assert list(spans(text)) == [
        ("text", "Siehe ", ""),
        ("link", "§ 20 GkG NRW", URL),
        ("text", " und ", ""),
        ("placeholder", "[Name]", ""),
        ("text", ".", ""),
    ]
    assert plain(text) == "Siehe § 20 GkG NRW und [Name]."
    assert "Rechtsgrundlage: § 20 Abs. 1 GkG NRW – für [Name der Gemeinde]." in DOCUMENT.plain_text()
    assert "Siehe § 60 VwVfG NRW" in DOCUMENT.plain_text()


def test_pdf_links_are_clickable():
    page = PdfReader(io.BytesIO(pdf_bytes(DOCUMENT))).pages[0]
    assert "Rechtsgrundlage: § 20 Abs. 1 GkG NRW – für [Name der Gemeinde]." in page.extract_text()
    targets = [annotation.get_object()["/A"]["/URI"] for annotation in page["/Annots"]]
    assert targets == [URL, URL + "60", URL + "24"]


def test_docx_links_are_hyperlinks():
    word = docx.Document(io.BytesIO(docx_bytes(DOCUMENT)))
    links = [(link.text, link.url) for paragraph in word.paragraphs for link in paragraph.hyperlinks]
    assert links == [
        ("§ 20 Abs. 1 GkG NRW", URL),
        ("§ 60 VwVfG NRW", URL + "60"),
        ("§ 24 Abs. 5 GkG NRW", URL + "24"),
    ]
    assert "Rechtsgrundlage: § 20 Abs. 1 GkG NRW – für [Name der Gemeinde]." in [
        p.text for p in word.paragraphs
    ]


def test_odt_links():
    content = zipfile.ZipFile(io.BytesIO(odt_bytes(DOCUMENT))).read("content.xml").decode()
    assert f'xlink:href="{URL}"' in content
    assert ">§ 20 Abs. 1 GkG NRW</text:a>" in content
