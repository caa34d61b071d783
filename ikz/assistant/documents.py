"""The result page as a PDF or DOCX document (ikz/library/docgen), built from the same context as
the HTML page (`views.result_context`): the date, the answers, every conclusion with the sections it
rests on (linked to their pages in the Wissensdatenbank) and the disclaimer."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urljoin

from ikz.library.docgen import (
    BulletList,
    Document,
    Heading,
    Link,
    Paragraph,
    Table,
    docx_bytes,
    pdf_bytes,
)

from .checks import STATUS_LABELS, euro
from .citations import parse_citation

TITLE = "Ergebnis des Kooperationsassistenten"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
WRITERS = {"pdf": pdf_bytes, "docx": docx_bytes}


class _Builder:
    """Collects the blocks and every cited section (for the list of Fundstellen at the end)."""

    def __init__(self, context: dict, base_url: str):
        self.context = context
        self.base_url = base_url
        self.linker = context["linker"]
        self.blocks: list = []
        self.cited: dict[str, str | None] = {}

    def url(self, path: str) -> str:
        return urljoin(self.base_url, path)

    def cite(self, rule) -> tuple:
        """("Rechtsgrundlage: ", Link("§ 108 Abs. 6 GWB", url), …) – as the `cite` tag renders it."""
        lines = rule.citation_lines
        if not lines:
            return ()
        parts: list = [" Rechtsgrundlage: " if len(lines) == 1 else " Rechtsgrundlagen: "]
        for index, line in enumerate(lines):
            citation = self.linker.cite(line)
            url = self.url(citation.url) if citation.url else None
            self.cited.setdefault(citation.text, url)
            if index:
                parts.append(", ")
            parts.append(Link(citation.text, url) if url else citation.text)
        parts.append(".")
        return tuple(parts)

    def add(self, *blocks) -> None:
        self.blocks.extend(blocks)

    # --- the sections of the result, in the order of the page ---------------------------------

    def check(self, result) -> None:
        self.add(Paragraph(f"Ergebnis: {result.outcome.text}"))
        if (
            result.status == "erfuellt"
        ):  # the outcome ends "Voraussetzungen:" – the list follows, as on the page
            self.add(BulletList([condition.rule.title for condition in result.decisive]))
        citation = self.cite(result.outcome)
        if citation:
            self.add(Paragraph((citation[0].lstrip(), *citation[1:])))
        for route in result.routes:
            self.add(Heading(f"{route.title} – {STATUS_LABELS[route.status]}", level=2))
            self.add(BulletList([self.condition(condition) for condition in route.conditions], numbered=True))
        if result.notes:
            self.add(Heading("Hinweise", level=2))
            self.add(BulletList([(f"{note.title}: {note.text}", *self.cite(note)) for note in result.notes]))

    def condition(self, condition) -> tuple:
        text = f"{condition.rule.title}: {condition.status_label}. {condition.rule.text}"
        if condition.explanation:
            text += f" {condition.explanation}"
        return (f"{text} ({condition.decided_by}).", *self.cite(condition.rule))

    def legal_forms(self) -> None:
        for note in self.context.get("form_notes", []):
            self.add(Paragraph((note.text, *self.cite(note))))
        self.add(
            Paragraph(
                "Die Reihenfolge ergibt sich aus den Gründen für und gegen jede Form, die aus Ihren Antworten "
                "folgen. Ausgeschlossene Formen stehen am Ende."
            )
        )
        answers = self.context["answers"]
        for number, item in enumerate(self.context["forms"], start=1):
            suffix = " – nach Ihren Angaben ausgeschlossen" if item.excluded else ""
            if number == 1 and not item.excluded:
                suffix = " – Empfehlung"
            self.add(Heading(f"{number}. {item.label}{suffix}", level=2))
            for label, rules in (("Dafür spricht:", item.pros), ("Dagegen spricht:", item.cons)):
                if rules:
                    self.add(Paragraph(label), BulletList([(rule.text, *self.cite(rule)) for rule in rules]))
            if not item.pros and not item.cons:
                self.add(
                    Paragraph("Aus Ihren Antworten folgt nichts, was für oder gegen diese Form spricht.")
                )
            if item.requirements:
                self.add(
                    Paragraph("Was sie verlangt:"),
                    BulletList(
                        [(f"{rule.title}: {rule.text}", *self.cite(rule)) for rule in item.requirements],
                        numbered=True,
                    ),
                )
            if item.supervision:
                supervision = item.supervision
                self.add(
                    Paragraph(
                        (
                            f"Aufsichtsbehörde: {supervision.authority}. {supervision.rule.text}",
                            *self.cite(supervision.rule),
                        )
                    ),
                    Paragraph(
                        "So abgeleitet: "
                        + " ".join([*supervision.derivation, *(note.text for note in supervision.notes)])
                    ),
                )
            elif item.supervision_note:
                self.add(
                    Paragraph(
                        (f"Aufsichtsbehörde: {item.supervision_note.text}", *self.cite(item.supervision_note))
                    )
                )
            area = f" im Bereich „{answers.bereich.name}“" if answers.bereich else ""
            if item.projects:
                self.add(
                    Paragraph(f"Projekte in der Datenbank mit dieser Form{area}:"),
                    BulletList(
                        [
                            (Link(project.title, self.url(project.get_absolute_url())),)
                            for project in item.projects
                        ]
                    ),
                )
            else:
                self.add(
                    Paragraph(
                        f"Keine veröffentlichten Projekte mit dieser Form{area} in der Projektdatenbank."
                    )
                )

    def funding(self, funding) -> None:
        programme = funding.programme
        if not funding.eligible:
            outcome = f"Nach Ihren Angaben keine Förderung nach der {programme.name}."
        elif funding.amount is not None:
            outcome = f"Zuwendung nach den Regeln: {euro(funding.amount)}"
        else:
            cap = f"{programme.cap_percent.normalize():f}".replace(".", ",")
            outcome = f"Regelzuwendung: {euro(funding.regel)} (höchstens {cap} % der Ausgaben)"
        self.add(Paragraph(f"Ergebnis: {outcome}"))
        if funding.authority:
            self.add(Paragraph(f"Bewilligungsbehörde: {funding.authority}"))
        self.add(Heading("So berechnet", level=2), BulletList(list(funding.reasons)))
        self.add(
            Heading("Bedingungen", level=2),
            BulletList([self.condition(condition) for condition in funding.conditions], numbered=True),
        )
        self.add(Heading("Antragsfenster", level=2), Paragraph(funding.window))
        self.add(
            Paragraph(f"Rechtsgrundlage: {programme.legal_basis}"),
            Paragraph(
                (
                    f"Stand der Förderdaten: {programme.stand:%d.%m.%Y}. Quelle: ",
                    Link(programme.source_url, programme.source_url),
                    " (öffentliche Angaben, nicht der Text der Richtlinie).",
                )
            ),
        )

    def build(self) -> Document:
        context = self.context
        answers = context["answers"]
        today = context["today"]
        subtitle = f"Stand der Auswertung: {today:%d.%m.%Y}"
        task = " – ".join(
            part for part in (answers.bereich.name if answers.bereich else "", answers.aufgabe) if part
        )
        if task:
            subtitle = f"Aufgabe: {task} · {subtitle}"
        self.add(Paragraph(context["disclaimer"], note=True))
        self.add(Heading("Ihre Antworten"))
        self.add(Table(header=("Frage", "Antwort"), rows=[tuple(row) for row in context["answer_rows"]]))
        self.add(Paragraph("Nicht beantwortete Fragen gelten als „noch offen“.", note=True))
        if context["contradictions"]:
            self.add(
                Heading("Ihre Angaben widersprechen sich"),
                Paragraph(
                    "Solange das so ist, wertet der Assistent nichts aus – er würde sonst stillschweigend eine der "
                    "Angaben wählen."
                ),
                BulletList(list(context["contradictions"])),
            )
        else:
            self.add(Heading("1. Vergaberecht (§ 108 GWB)"))
            self.check(context["vergabe"])
            self.add(Heading("2. Umsatzsteuer (§ 2b UStG)"))
            self.check(context["umsatzsteuer"])
            self.add(Heading("3. Rechtsform"))
            self.legal_forms()
            if context.get("foerderung"):
                self.add(Heading("4. Förderung (Förderrichtlinie IKZ NRW)"))
                self.funding(context["foerderung"])
        if self.cited:
            self.add(
                Heading("Fundstellen in der Wissensdatenbank"),
                Table(
                    header=("Vorschrift", "Adresse"),
                    rows=[
                        (text, self.cited[text] or "nicht in der Wissensdatenbank")
                        for text in sorted(self.cited, key=_citation_order)
                    ],
                ),
            )
        online = self.url(context["links"]["ergebnis"])
        self.add(
            Heading("Hinweis"),
            Paragraph(context["disclaimer"]),
            Paragraph(
                ("Diese Auswertung online (die Adresse enthält Ihre Antworten): ", Link(online, online))
            ),
        )
        return Document(
            title=TITLE,
            subtitle=subtitle,
            blocks=self.blocks,
            footer=f"IKZ-Portal NRW – {TITLE}, {today:%d.%m.%Y}",
        )


def _citation_order(text: str) -> tuple:
    """By law, then by section number as a number ("§ 2b" before "§ 10"), then by the full citation."""
    law, number = parse_citation(text)
    digits = re.search(r"\d+", number)
    return (law, int(digits.group()) if digits else 0, number, [int(n) for n in re.findall(r"\d+", text)])


def result_document_model(context: dict, base_url: str) -> Document:
    """The document for a result context (`views.result_context(…, "ergebnis")` without errors)."""
    return _Builder(context, base_url).build()


def result_document(context: dict, base_url: str, kind: str) -> bytes:
    return WRITERS[kind](result_document_model(context, base_url))


UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def result_filename(context: dict, kind: str) -> str:
    """ "Kooperationsassistent_Ergebnis_gemeinsamer-Bauhof_2026-11-30.pdf": ASCII, safe in a header."""
    task = unicodedata.normalize("NFKD", context["answers"].aufgabe.translate(UMLAUTS))
    task = re.sub(r"[^A-Za-z0-9]+", "-", task.encode("ascii", "ignore").decode()).strip("-")[:40].strip("-")
    parts = ["Kooperationsassistent", "Ergebnis", *([task] if task else []), f"{context['today']:%Y-%m-%d}"]
    return "_".join(parts) + f".{kind}"
