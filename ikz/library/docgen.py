"""Write simple DOCX, ODT and PDF documents (headings and paragraphs) without extra libraries.

Used for the example templates of the demo and by the tests; the XML is the minimum each
format requires (checked by opening the files in LibreOffice and Word).
"""

import io
import zipfile
from xml.sax.saxutils import escape

from .pdf import heading as pdf_heading
from .pdf import new_pdf
from .pdf import paragraph as pdf_paragraph

# A document is a list of (style, text): style "title", "h" (heading) or "p" (paragraph).
Blocks = list[tuple[str, str]]


def docx_bytes(blocks: Blocks) -> bytes:
    body = []
    for style, text in blocks:
        props = {
            "title": '<w:pPr><w:pStyle w:val="Title"/></w:pPr>',
            "h": '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>',
        }
        bold = "<w:rPr><w:b/></w:rPr>" if style in ("title", "h") else ""
        body.append(
            f'<w:p>{props.get(style, "")}<w:r>{bold}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
        )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{''.join(body)}</w:body></w:document>"
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def odt_bytes(blocks: Blocks) -> bytes:
    body = []
    for style, text in blocks:
        if style in ("title", "h"):
            level = 1 if style == "title" else 2
            body.append(f'<text:h text:outline-level="{level}">{escape(text)}</text:h>')
        else:
            body.append(f"<text:p>{escape(text)}</text:p>")
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
        f"<office:body><office:text>{''.join(body)}</office:text></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        # ODF requires "mimetype" first and uncompressed.
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def pdf_bytes(blocks: Blocks) -> bytes:
    title = next((text for style, text in blocks if style == "title"), "Dokument")
    pdf = new_pdf(title)
    for style, text in blocks:
        if style == "title":
            pdf_heading(pdf, text, 16)
        elif style == "h":
            pdf_heading(pdf, text, 12)
        else:
            pdf_paragraph(pdf, text)
    return bytes(pdf.output())
