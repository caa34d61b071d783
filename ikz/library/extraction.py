"""Recognise uploaded files by their content and extract their text.

Only the bytes count, never the name: a PDF starts with "%PDF-"; DOCX/XLSX/PPTX are ZIP
containers with [Content_Types].xml and their main part; ODF files are ZIP containers whose
first member "mimetype" names the type. Pure Python (zipfile, ElementTree, pypdf).

Every archive is opened through ikz.core.files (declared sizes and compression ratio checked
before inflating, reads bounded), and the XML is parsed as a stream, so a small upload cannot
make a worker hold hundreds of megabytes.
"""

import io
import re
import zipfile

from defusedxml import ElementTree

from ikz.core.files import ODF_MIMETYPES, ArchiveTooLarge, content_kind, zip_member_open, zip_open_checked

MAX_XML_BYTES = 50 * 1024 * 1024  # one XML part, uncompressed; a zip bomb stops here
MAX_PDF_PAGES = 3000
MAX_TEXT_CHARS = 5_000_000  # a long law commentary has ~2 million characters


class UnsupportedFile(Exception):
    pass


sniff = content_kind  # the library's name for it; PNG/JPEG are refused by WAGTAILDOCS_EXTENSIONS


def compatible(extension: str, detected: str | None) -> bool:
    if detected is None:
        return False
    if extension == detected:
        return True
    return extension == "csv" and detected == "txt"


def _xml_text(archive: zipfile.ZipFile, name: str, paragraph_tags: set[str]) -> str:
    """The paragraphs of one XML part, parsed as a stream: memory stays near the text's size."""
    paragraphs: list[str] = []
    size = 0
    with zip_member_open(archive, name, limit=MAX_XML_BYTES) as stream:
        for _event, element in ElementTree.iterparse(stream, events=("end",)):
            if element.tag.rsplit("}", 1)[-1] in paragraph_tags:
                text = "".join(element.itertext()).strip()
                element.clear()  # a paragraph inside another (text box) is not read twice
                if text:
                    paragraphs.append(text)
                    size += len(text)
                    if size > MAX_TEXT_CHARS:
                        raise UnsupportedFile("Die Datei enthält mehr Text, als der Volltext aufnimmt.")
    return "\n".join(paragraphs)


def extract_text(data: bytes) -> str:
    """The file's text; raises UnsupportedFile with a German reason when there is none to read."""
    try:
        return _extract(data)
    except UnsupportedFile:
        raise
    except ArchiveTooLarge as exc:
        raise UnsupportedFile(str(exc)) from exc
    except Exception as exc:  # pypdf, zipfile and XML errors: the file is broken, not the portal
        raise UnsupportedFile(f"Die Datei ist beschädigt oder nicht lesbar ({type(exc).__name__}).") from exc


def _extract(data: bytes) -> str:
    kind = sniff(data)
    if kind == "pdf":
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise UnsupportedFile("Die PDF-Datei ist verschlüsselt.")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise UnsupportedFile(f"Die PDF-Datei hat mehr als {MAX_PDF_PAGES} Seiten.")
        # pypdf bounds each decompressed stream itself (pypdf.Configuration, 75 MB); the text is bounded here
        texts, size = [], 0
        for page in reader.pages:
            page_text = page.extract_text() or ""
            size += len(page_text)
            if size > MAX_TEXT_CHARS:
                raise UnsupportedFile("Die Datei enthält mehr Text, als der Volltext aufnimmt.")
            texts.append(page_text)
        text = "\n".join(texts)
    elif kind in ("docx", "pptx", "xlsx"):
        with zip_open_checked(data) as archive:
            if kind == "docx":
                text = _xml_text(archive, "word/document.xml", {"p"})
            elif kind == "pptx":
                slides = sorted(n for n in archive.namelist() if re.match(r"ppt/slides/slide\d+\.xml$", n))
                text = "\n".join(_xml_text(archive, n, {"p"}) for n in slides)
            else:
                names = [n for n in archive.namelist() if n == "xl/sharedStrings.xml"]
                text = "\n".join(_xml_text(archive, n, {"si"}) for n in names)
    elif kind in ODF_MIMETYPES.values():
        with zip_open_checked(data) as archive:
            text = _xml_text(archive, "content.xml", {"p", "h"})
    elif kind == "txt":
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", "replace")
    else:
        raise UnsupportedFile("Dateityp nicht erkannt.")
    text = re.sub(r"[ \t]+", " ", text).strip()
    if not text:
        raise UnsupportedFile("Die Datei enthält keinen auslesbaren Text (z. B. ein gescanntes Bild).")
    return text
