"""Recognise uploaded files by their content and extract their text.

Only the bytes count, never the name: a PDF starts with "%PDF-"; DOCX/XLSX/PPTX are ZIP
containers with [Content_Types].xml and their main part; ODF files are ZIP containers whose
first member "mimetype" names the type. Pure Python (zipfile, ElementTree, pypdf).
"""

import io
import re
import zipfile

from defusedxml import ElementTree

ODF_MIMETYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
OOXML_MAIN_PARTS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx", "ppt/presentation.xml": "pptx"}
MAX_XML_BYTES = 50 * 1024 * 1024  # a zip bomb stops here


class UnsupportedFile(Exception):
    pass


def sniff(data: bytes) -> str | None:
    """The real type of `data` as an extension ("pdf", "docx", "odt" …), or None if unknown."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                if "mimetype" in names:
                    mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                    return ODF_MIMETYPES.get(mimetype)
                if "[Content_Types].xml" in names:
                    for part, kind in OOXML_MAIN_PARTS.items():
                        if part in names:
                            return kind
        except (zipfile.BadZipFile, KeyError, OSError):
            return None
        return None
    if _looks_like_text(data):
        return "txt"
    return None


def _looks_like_text(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(sample) - 4:  # a multi-byte character cut at the sample's end is fine
            try:
                sample.decode("cp1252")
            except UnicodeDecodeError:
                return False
    return True


def compatible(extension: str, detected: str | None) -> bool:
    if detected is None:
        return False
    if extension == detected:
        return True
    return extension == "csv" and detected == "txt"


def _xml_text(archive: zipfile.ZipFile, name: str, paragraph_tags: set[str]) -> str:
    info = archive.getinfo(name)
    if info.file_size > MAX_XML_BYTES:
        raise UnsupportedFile("Die Datei ist entpackt zu groß für die Textextraktion.")
    root = ElementTree.fromstring(archive.read(name))
    paragraphs: list[str] = []
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] in paragraph_tags:
            text = "".join(element.itertext()).strip()
            if text:
                paragraphs.append(text)
    return "\n".join(paragraphs)


def extract_text(data: bytes) -> str:
    """The file's text; raises UnsupportedFile with a German reason when there is none to read."""
    try:
        return _extract(data)
    except UnsupportedFile:
        raise
    except Exception as exc:  # pypdf, zipfile and XML errors: the file is broken, not the portal
        raise UnsupportedFile(f"Die Datei ist beschädigt oder nicht lesbar ({type(exc).__name__}).") from exc


def _extract(data: bytes) -> str:
    kind = sniff(data)
    if kind == "pdf":
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise UnsupportedFile("Die PDF-Datei ist verschlüsselt.")
        text = "\n".join((page.extract_text() or "") for page in reader.pages)
    elif kind in ("docx", "pptx", "xlsx"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if kind == "docx":
                text = _xml_text(archive, "word/document.xml", {"p"})
            elif kind == "pptx":
                slides = sorted(n for n in archive.namelist() if re.match(r"ppt/slides/slide\d+\.xml$", n))
                text = "\n".join(_xml_text(archive, n, {"p"}) for n in slides)
            else:
                names = [n for n in archive.namelist() if n == "xl/sharedStrings.xml"]
                text = "\n".join(_xml_text(archive, n, {"si"}) for n in names)
    elif kind in ODF_MIMETYPES.values():
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
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
