"""The FAQ example content the Redaktion reviews as one Markdown file (data/faq.md), read into entries.

The file's format is explained in its own header. Only a small subset of Markdown is understood –
paragraphs, "- " lists, **bold** and [text](/path/) links – because that is all an answer needs and
all the rich-text editor offers; everything else is escaped, never passed through as HTML.
"""

import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "faq.md"

_COMMENT = re.compile(r"^<!--\s*([^:]+?)\s*:\s*(.*?)\s*-->$")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
# "§ 23", "Abs. 2", "Nr. 3", "Art. 26": the number stays on the line of its sign.
_GLUE = re.compile(r"(§§?|Abs\.|Nr\.|Art\.|Buchst\.) (?=\d)")


@dataclass
class FAQEntry:
    question: str
    category: str
    category_slug: str
    legal_form: str = ""
    task_areas: list[str] = field(default_factory=list)
    sources: str = ""
    blocks: list[str] = field(default_factory=list)  # HTML of each paragraph or list

    @property
    def html(self) -> str:
        return "".join(self.blocks)

    @property
    def paragraphs(self) -> int:
        return sum(1 for block in self.blocks if block.startswith("<p>"))


def inline_html(text: str) -> str:
    """Escape `text`, then turn [label](url) into links and **x** into bold."""
    text = _GLUE.sub("\\1\u00a0", text)
    out, last = [], 0
    for match in _LINK.finditer(text):
        out.append(_BOLD.sub(r"<b>\1</b>", escape(text[last : match.start()], quote=False)))
        label = _BOLD.sub(r"<b>\1</b>", escape(match.group(1), quote=False))
        out.append(f'<a href="{escape(match.group(2))}">{label}</a>')
        last = match.end()
    out.append(_BOLD.sub(r"<b>\1</b>", escape(text[last:], quote=False)))
    return "".join(out)


def _block_html(lines: list[str]) -> str:
    if all(line.startswith("- ") for line in lines):
        items = "".join(f"<li>{inline_html(line[2:].strip())}</li>" for line in lines)
        return f"<ul>{items}</ul>"
    return f"<p>{inline_html(' '.join(line.strip() for line in lines))}</p>"


def faq_entries(path: Path = DATA_FILE) -> list[FAQEntry]:
    """Every question of the file, in file order, with its category and answer HTML."""
    text = path.read_text(encoding="utf-8")
    _header, sep, body = text.partition("\n---\n")
    if not sep:
        raise ValueError(f"{path.name}: Trennlinie „---“ nach dem Kopf fehlt")
    entries: list[FAQEntry] = []
    category = category_slug = ""
    current: FAQEntry | None = None
    lines: list[str] = []

    def flush() -> None:
        if current is not None and lines:
            current.blocks.append(_block_html(lines))
        lines.clear()

    for raw in body.splitlines():
        line = raw.rstrip()
        if line.startswith("### "):
            flush()
            if not category_slug:
                raise ValueError(f"{path.name}: Frage „{line[4:]}“ steht vor der ersten Kategorie")
            current = FAQEntry(question=line[4:].strip(), category=category, category_slug=category_slug)
            entries.append(current)
        elif line.startswith("## "):
            flush()
            current = None
            category, category_slug = line[3:].strip(), ""
        elif comment := _COMMENT.match(line.strip()):
            key, value = comment.group(1).lower(), comment.group(2)
            if current is None and key == "kurzname":
                category_slug = value
            elif current is not None and key == "rechtsform":
                current.legal_form = value
            elif current is not None and key == "aufgabenbereiche":
                current.task_areas = [v.strip() for v in value.split(",") if v.strip()]
            elif current is not None and key == "quellen":
                current.sources = value
        elif not line.strip():
            flush()
        elif current is not None:
            lines.append(line)
    flush()
    return entries
