"""PDF output with fpdf2's built-in Helvetica (Latin-1: covers umlauts, ß and §, needs no font file)."""

from fpdf import FPDF

_TYPOGRAPHY = str.maketrans(
    {
        "–": "-",
        "—": "-",
        "„": '"',
        "“": '"',
        "”": '"',
        "‚": "'",
        "‘": "'",
        "’": "'",
        "…": "...",
        "•": "-",
        "\u00a0": " ",
        "›": ">",
        "‹": "<",
        "→": "->",
        "☐": "[ ]",
    }
)


def latin1(text: str) -> str:
    """fpdf2's core fonts are Latin-1; map typographic characters, replace the rest."""
    return (text or "").translate(_TYPOGRAPHY).encode("latin-1", "replace").decode("latin-1")


class PortalPDF(FPDF):
    footer_text = "IKZ-Portal NRW"

    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(0, 8, latin1(f"{self.footer_text} - Seite {self.page_no()}/{{nb}}"), align="C")


def new_pdf(title: str) -> PortalPDF:
    pdf = PortalPDF(format="A4")
    pdf.set_title(latin1(title))
    pdf.set_author("IKZ-Portal NRW")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    return pdf


def heading(pdf: FPDF, text: str, size: int = 16) -> None:
    pdf.set_font("Helvetica", "B", size)
    pdf.multi_cell(0, size * 0.5, latin1(text), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def paragraph(pdf: FPDF, text: str, size: int = 10, style: str = "") -> None:
    pdf.set_font("Helvetica", style, size)
    pdf.multi_cell(0, size * 0.5, latin1(text), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


def checklist_pdf(*, page, steps, run=None) -> bytes:
    from django.utils.html import strip_tags
    from django.utils.timezone import localtime

    pdf = new_pdf(page.title)
    if page.is_example:
        paragraph(pdf, "Beispiel der Redaktion - keine Rechtsberatung.", 9, "I")
    heading(pdf, page.title)
    if page.intro:
        paragraph(pdf, strip_tags(page.intro))
    if run is not None:
        paragraph(pdf, f"Bearbeitung: {run} - Stand {localtime(run.updated_at):%d.%m.%Y %H:%M} Uhr", 9, "I")
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
