"""PDF output with fpdf2 and an embedded DejaVu Sans (ikz/library/fonts): umlauts, ß, §,
typographic quotes and dashes print as they are, on every machine, with no system font needed."""

import logging
from pathlib import Path

from fpdf import FPDF

# fpdf2 subsets the font with fontTools, which logs every table it touches at INFO
logging.getLogger("fontTools.subset").setLevel(logging.WARNING)

FONT = "DejaVu"
FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FILES = {
    "": "DejaVuSans.ttf",
    "B": "DejaVuSans-Bold.ttf",
    "I": "DejaVuSans-Oblique.ttf",
    "BI": "DejaVuSans-BoldOblique.ttf",
}


class PortalPDF(FPDF):
    footer_text = "IKZ-Portal NRW"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for style, filename in FONT_FILES.items():
            self.add_font(FONT, style, FONT_DIR / filename)

    def footer(self):
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.set_text_color(0)
        self.cell(0, 8, f"{self.footer_text} – Seite {self.page_no()} von {{nb}}", align="C")


def new_pdf(title: str, *, footer: str = "IKZ-Portal NRW", author: str = "IKZ-Portal NRW") -> PortalPDF:
    pdf = PortalPDF(format="A4")
    pdf.footer_text = footer
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_creator("IKZ-Portal NRW")
    pdf.set_lang("de-DE")
    pdf.set_margins(20, 18, 18)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    return pdf


def heading(pdf: FPDF, text: str, size: int = 16) -> None:
    pdf.set_font(FONT, "B", size)
    pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def paragraph(pdf: FPDF, text: str, size: int = 10, style: str = "") -> None:
    pdf.set_font(FONT, style, size)
    pdf.multi_cell(0, size * 0.5, text or "", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


def checklist_pdf(*, page, steps, run=None) -> bytes:
    from django.utils.html import strip_tags
    from django.utils.timezone import localtime

    pdf = new_pdf(page.title)
    if page.is_example:
        paragraph(pdf, "Beispiel der Redaktion – keine Rechtsberatung.", 9, "I")
    heading(pdf, page.title)
    if page.intro:
        paragraph(pdf, strip_tags(page.intro))
    if run is not None:
        paragraph(pdf, f"Bearbeitung: {run} – Stand {localtime(run.updated_at):%d.%m.%Y %H:%M} Uhr", 9, "I")
    for number, step in enumerate(steps, start=1):
        box = "[x]" if getattr(step, "done", False) else "[ ]"
        heading(pdf, f"{box} {number}. {step.title}", 12)
        if step.explanation:
            paragraph(pdf, step.explanation)
        if step.references:
            paragraph(pdf, f"Rechtsgrundlagen: {step.references}", 9, "I")
        note = getattr(step, "note", "")
        paragraph(
            pdf, f"Notiz: {note}" if note else "Notiz: ______________________________________________", 9
        )
    if page.last_reviewed:
        paragraph(pdf, f"Stand: {page.last_reviewed:%d.%m.%Y}", 8)
    return bytes(pdf.output())
