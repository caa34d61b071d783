"""Documents for download: one model (model.py), written as DOCX (python-docx), ODT (odfpy) and
PDF (fpdf2). Used for the example templates of the library, by the tests, and meant for the
agreements and statutes the portal will generate later.

    document = Document(title="…", blocks=[Section("Gegenstand", ["…", "…"]), Table(…)])
    WRITERS["docx"](document)  # bytes

Paragraphs and list items may carry links: `Paragraph(("Rechtsgrundlage: ", Link("§ 20 GkG NRW", url)))`.
The writers also take the older list of (style, text) pairs ("title", "h", "p").
"""

from collections.abc import Callable, Sequence

from .model import (
    Block,
    BulletList,
    Document,
    Heading,
    Link,
    Paragraph,
    Section,
    Signatures,
    Table,
    as_document,
    placeholders,
    plain,
    runs,
    spans,
)
from .write_docx import docx_document
from .write_odt import odt_document
from .write_pdf import pdf_document

# The older form: a list of (style, text), style "title", "h" (heading) or "p" (paragraph).
Blocks = list[tuple[str, str]]
Source = Document | Sequence[tuple[str, str]]


def docx_bytes(document: Source) -> bytes:
    return docx_document(as_document(document))


def odt_bytes(document: Source) -> bytes:
    return odt_document(as_document(document))


def pdf_bytes(document: Source) -> bytes:
    return pdf_document(as_document(document))


WRITERS: dict[str, Callable[[Source], bytes]] = {"docx": docx_bytes, "odt": odt_bytes, "pdf": pdf_bytes}

__all__ = [
    "WRITERS",
    "Block",
    "Blocks",
    "BulletList",
    "Document",
    "Heading",
    "Link",
    "Paragraph",
    "Section",
    "Signatures",
    "Table",
    "docx_bytes",
    "odt_bytes",
    "pdf_bytes",
    "placeholders",
    "plain",
    "runs",
    "spans",
]
