"""Names for downloadable files and the one Volltext a page shows."""

import re

from django import template
from django.template.defaultfilters import filesizeformat

register = template.Library()

FORMAT_NAMES = {
    "docx": "Word",
    "doc": "Word",
    "odt": "OpenDocument-Text",
    "pdf": "PDF",
    "xlsx": "Excel",
    "ods": "OpenDocument-Tabelle",
    "pptx": "PowerPoint",
    "odp": "OpenDocument-Präsentation",
    "csv": "CSV",
    "txt": "Text",
}
# The Volltext comes from the file whose extracted text keeps paragraphs best: a PDF gives
# visual lines and the page footer, so it comes last.
FULLTEXT_PREFERENCE = ("odt", "docx")


def _extension(item) -> str:
    return (item.document.file_extension or "").lower()


@register.simple_tag
def download_label(item) -> str:
    """ "Word (DOCX, 12 KB)", "PDF (35 KB)"; an editor's label that says more than the format
    comes first: "Anlage 1: Kostenberechnung – Word (DOCX, 12 KB)"."""
    extension = _extension(item)
    kind = FORMAT_NAMES.get(extension, extension.upper() or "Datei")
    details = [extension.upper()] if extension and kind != extension.upper() else []
    size = item.document.file_size  # set on upload; never read the file while rendering
    if size:
        details.append(filesizeformat(size))
    text = f"{kind} ({', '.join(details)})" if details else kind
    label = (item.label or "").strip()
    if label and label.upper() not in {extension.upper(), kind.upper()}:
        return f"{label} – {text}"
    return text


@register.simple_tag
def fulltext_item(items):
    """The one attached file whose text the page shows: the first with extracted text, ODT and
    DOCX before other formats; without any, the first file (its state is shown instead)."""
    items = list(items)

    def rank(item):
        extension = _extension(item)
        return (
            FULLTEXT_PREFERENCE.index(extension)
            if extension in FULLTEXT_PREFERENCE
            else len(FULLTEXT_PREFERENCE) + (extension == "pdf")
        )

    ordered = sorted(items, key=rank)
    for item in ordered:
        record = item.text_record
        if record is not None and record.status == "done" and record.text:
            return item
    return ordered[0] if ordered else None


# "§ 3 Entschädigung" on a line of its own: a section heading of an agreement or statute
SECTION_HEADING = re.compile(r"^§\s*\d+[a-z]?\s+\S.{0,100}$")


@register.filter
def fulltext_blocks(text: str) -> list[tuple[str, str]]:
    """The extracted text as ("h", line) for section headings and ("p", line) for the rest, so the
    page can show "§ 1 …" as headings; the files carry the rest of the formatting."""
    lines = (line.strip() for line in (text or "").splitlines())
    return [("h" if SECTION_HEADING.match(line) else "p", line) for line in lines if line]
