"""From a Werkstatt's data to a draft: clauses, mandatory contents and the document (ikz.library.docgen).

The clause templates and the mandatory contents are data (data/klauseln.toml). `snapshot()` reads
everything the generator needs into one JSON-able dict; `generate()` is a pure function of it, so a
stored version renders the same later. `document()` turns the result into a docgen Document with
the participants' table, numbered sections and under each section the sections of law it rests on,
linked to the Wissensdatenbank.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin

from ikz.library.docgen import Document, Heading, Link, Paragraph, Section, Signatures, Table

DATA = Path(__file__).resolve().parent / "data" / "klauseln.toml"
REPO = Path(__file__).resolve().parents[2]
LONG_TERM_YEARS = 20  # § 23 Abs. 5 GkG NRW

PLACEHOLDERS = {
    "beteiligte": "[Beteiligte]",
    "uebernehmend": "[übernehmender Beteiligter]",
    "uebrige": "[übrige Beteiligte]",
    "aufgabe": "[Aufgabe]",
    "aufgabenbereich": "[Aufgabenbereich]",
    "name": "[Name]",
    "sitz": "[Sitz]",
    "kosten": "[Maßstab der Kostenverteilung]",
    "bekanntmachung": "[Form der öffentlichen Bekanntmachung]",
    "kuendigung": "[Voraussetzungen und Form der Kündigung]",
    "beginn": "[Beginn]",
    "sonstiges": "",
}


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    title: str
    subtitle: str
    basis: str
    requirements_basis: str
    legal_form: str
    role_lead: str
    role_other: str
    help: str


@dataclass(frozen=True)
class Requirement:
    key: str
    label: str
    test: str
    citation: str
    quote: str
    source: str
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class ClauseTemplate:
    key: str
    heading: str
    paragraphs: tuple[str, ...]
    citations: tuple[str, ...]
    kinds: tuple[str, ...]
    when: str = ""


@dataclass(frozen=True)
class Catalog:
    kinds: dict[str, Kind]
    requirements: tuple[Requirement, ...]
    clauses: tuple[ClauseTemplate, ...]
    notice: str
    stand: str

    def requirements_for(self, kind: str) -> list[Requirement]:
        return [r for r in self.requirements if kind in r.kinds]

    def clauses_for(self, kind: str) -> list[ClauseTemplate]:
        return [c for c in self.clauses if kind in c.kinds]

    def citations(self) -> set[str]:
        found = {r.citation for r in self.requirements}
        for clause in self.clauses:
            found.update(clause.citations)
        found.update(k.basis for k in self.kinds.values())
        return found


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    with DATA.open("rb") as handle:
        raw = tomllib.load(handle)
    kinds = {item["key"]: Kind(**item) for item in raw["kind"]}
    requirements = tuple(
        Requirement(**{**item, "kinds": tuple(item["kinds"])}) for item in raw["requirement"]
    )
    clauses = tuple(
        ClauseTemplate(
            **{
                **item,
                "kinds": tuple(item["kinds"]),
                "paragraphs": tuple(item["paragraphs"]),
                "citations": tuple(item["citations"]),
            }
        )
        for item in raw["clause"]
    )
    return Catalog(kinds, requirements, clauses, raw["meta"]["hinweis"], str(raw["meta"]["stand"]))


# --- Input --------------------------------------------------------------------------------------

DRAFT_FIELDS = (
    "kind",
    "name",
    "seat",
    "lead_ags",
    "cost_sharing",
    "public_notice",
    "term_years",
    "termination",
    "start",
    "extra",
)


def draft_values(draft) -> dict:
    """The draft's own fields as strings – the shape the form and the three-way merge compare."""
    values = {name: getattr(draft, name) for name in DRAFT_FIELDS}
    values["term_years"] = "" if draft.term_years is None else str(draft.term_years)
    return values


def snapshot(draft) -> dict:
    """Everything the generator reads: the draft's fields and the Werkstatt's task and partners."""
    workshop = draft.workshop
    partners = [
        {"ags": m.ags, "name": m.display_name, "type": m.get_type_display()}
        for m in workshop.partners.order_by("short_name")
    ]
    return {
        **draft_values(draft),
        "workshop_title": workshop.title,
        "task": workshop.task,
        "task_area": workshop.task_area.name if workshop.task_area_id else "",
        "partners": partners,
    }


# --- Generation --------------------------------------------------------------------------------


@dataclass
class RequirementState:
    requirement: Requirement
    met: bool
    note: str = ""

    @property
    def label(self) -> str:
        return self.requirement.label


@dataclass
class Generated:
    kind: Kind
    title: str
    subtitle: str
    clauses: list[dict]  # {"key", "heading", "paragraphs": [...], "citations": [...]}
    requirements: list[RequirementState]
    participants: list[dict]  # {"name", "type", "ags", "role"}
    signatories: list[str]
    notice: str
    warnings: list[str] = field(default_factory=list)

    @property
    def missing(self) -> list[str]:
        return [state.label for state in self.requirements if not state.met]

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def status(self) -> str:
        """The line on the page and at the top of the document; never "complete" while one is missing."""
        if self.missing:
            return "Entwurf – unvollständig: es fehlen " + "; ".join(self.missing)
        return f"Entwurf – die Pflichtinhalte nach {self.kind.requirements_basis} sind enthalten"


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


SENTENCE_ENDS = ("aufgabe", "kosten", "bekanntmachung", "kuendigung", "sonstiges")


def _sentence(text: str) -> str:
    """A full stop after text that ends a sentence, unless it has one (or is empty)."""
    return text if not text or text[-1] in ".!?;:…" else text + "."


def _list(names: list[str]) -> str:
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " und " + names[-1]


class _Values(dict):
    def __missing__(self, key):
        return PLACEHOLDERS.get(key, f"[{key}]")


def _values(snap: dict, kind: Kind) -> _Values:
    partners = snap.get("partners", [])
    lead = next((p for p in partners if p["ags"] == snap.get("lead_ags")), None)
    others = [p["name"] for p in partners if lead is None or p["ags"] != lead["ags"]]
    years = int(snap["term_years"]) if snap.get("term_years") else None
    termination = _one_line(snap.get("termination", ""))
    values = _Values()
    if partners:
        values["beteiligte"] = _list([p["name"] for p in partners])
    if lead:
        values["uebernehmend"] = lead["name"]
        values["uebrige"] = _list(others) if others else PLACEHOLDERS["uebrige"]
    elif others:
        values["uebrige"] = "[übrige Beteiligte]"
    for key, source in (
        ("aufgabe", "task"),
        ("aufgabenbereich", "task_area"),
        ("name", "name"),
        ("sitz", "seat"),
        ("kosten", "cost_sharing"),
        ("bekanntmachung", "public_notice"),
        ("beginn", "start"),
        ("sonstiges", "extra"),
    ):
        text = _one_line(snap.get(source, ""))
        if text:
            values[key] = text
    values["kuendigung"] = termination or PLACEHOLDERS["kuendigung"]
    for key in SENTENCE_ENDS:  # these stand at the end of a sentence in every template
        values[key] = _sentence(values[key])
    if years:
        values["laufzeit"] = f"Die Vereinbarung gilt für {years} Jahre ab ihrem Wirksamwerden."
        values["laufzeit_verband"] = f"Der Zweckverband wird für {years} Jahre gebildet."
        values["laufzeit_vertrag"] = f"Der Vertrag gilt für {years} Jahre ab seinem Inkrafttreten."
    else:
        values["laufzeit"] = "Die Vereinbarung gilt auf unbestimmte Zeit."
        values["laufzeit_verband"] = "Der Zweckverband wird auf unbestimmte Zeit gebildet."
        values["laufzeit_vertrag"] = "Der Vertrag gilt auf unbestimmte Zeit."
    start = _one_line(snap.get("start", ""))
    values["beginn_spaeter"] = f", frühestens jedoch am {start}" if start else ""
    return values


def _met(test: str, snap: dict) -> tuple[bool, str]:
    partners = snap.get("partners", [])
    if test == "partners":
        return len(partners) >= 2, "" if len(partners) >= 2 else "mindestens zwei Beteiligte"
    if test == "task":
        return bool(_one_line(snap.get("task", ""))), ""
    if test == "name":
        return bool(_one_line(snap.get("name", ""))), ""
    if test == "seat":
        return bool(_one_line(snap.get("seat", ""))), ""
    if test == "lead":
        return any(p["ags"] == snap.get("lead_ags") for p in partners), ""
    if test == "cost":
        return bool(_one_line(snap.get("cost_sharing", ""))), ""
    if test == "notice":
        return bool(_one_line(snap.get("public_notice", ""))), ""
    if test == "termination_if_long":
        years = int(snap["term_years"]) if snap.get("term_years") else None
        if years is not None and years <= LONG_TERM_YEARS:
            return True, f"befristet auf {years} Jahre – Kündigungsregel nicht vorgeschrieben"
        return bool(_one_line(snap.get("termination", ""))), ""
    if test == "written":
        return True, "durch die Unterschriften aller Beteiligten am Ende des Dokuments"
    raise ValueError(f"Unbekannte Prüfung „{test}“ in klauseln.toml.")


def _included(template: ClauseTemplate, snap: dict) -> bool:
    if template.when == "extra":
        return bool(_one_line(snap.get("extra", "")))
    if template.when == "notice":
        return bool(_one_line(snap.get("public_notice", "")))
    if template.when == "lead":
        return any(p["ags"] == snap.get("lead_ags") for p in snap.get("partners", []))
    return True


def generate(snap: dict) -> Generated:
    cat = catalog()
    kind = cat.kinds[snap["kind"]]
    values = _values(snap, kind)
    clauses = []
    for template in cat.clauses_for(kind.key):
        if not _included(template, snap):
            continue
        paragraphs = [p.format_map(values) for p in template.paragraphs]
        clauses.append(
            {
                "key": template.key,
                "heading": template.heading,
                "paragraphs": [p for p in paragraphs if p.strip()],
                "citations": list(template.citations),
            }
        )
    requirements = []
    for requirement in cat.requirements_for(kind.key):
        met, note = _met(requirement.test, snap)
        requirements.append(RequirementState(requirement, met, note))
    participants = []
    for partner in snap.get("partners", []):
        is_lead = partner["ags"] == snap.get("lead_ags")
        participants.append({**partner, "role": kind.role_lead if is_lead else kind.role_other})
    warnings = []
    if snap.get("lead_ags") and not any(p["ags"] == snap["lead_ags"] for p in snap.get("partners", [])):
        warnings.append(
            "Der gewählte übernehmende Beteiligte gehört nicht mehr zu den Partnern der Werkstatt."
        )
    subtitle = kind.subtitle.format_map(values)
    return Generated(
        kind=kind,
        title=kind.title,
        subtitle=subtitle,
        clauses=clauses,
        requirements=requirements,
        participants=participants,
        signatories=[p["name"] for p in snap.get("partners", [])] or ["[Beteiligte]"],
        notice=cat.notice,
        warnings=warnings,
    )


# --- Document ----------------------------------------------------------------------------------


def citation_url(linker, text: str) -> str | None:
    """The section's page in the Wissensdatenbank (or None when the portal lacks it)."""
    from ikz.assistant.citations import parse_citation

    try:
        law, number = parse_citation(text)
    except ValueError:
        return None
    return linker.url(law, number)


def _basis(citations: list[str], linker, base_url: str) -> tuple:
    parts: list = ["Grundlage: " if len(citations) == 1 else "Grundlagen: "]
    for index, text in enumerate(citations):
        if index:
            parts.append(", ")
        url = citation_url(linker, text)
        parts.append(Link(text, urljoin(base_url, url)) if url else text)
    return tuple(parts)


def document(generated: Generated, *, linker, base_url: str, version_label: str = "") -> Document:
    blocks: list = [
        Paragraph(generated.status + (f" ({version_label})" if version_label else "")),
        Paragraph(generated.notice, note=True),
        Heading("Beteiligte"),
        Table(
            header=["Beteiligte", "Art", "Amtlicher Gemeindeschlüssel", "Rolle"],
            rows=[[p["name"], p["type"], p["ags"], p["role"]] for p in generated.participants]
            or [["[Beteiligte]", "", "", ""]],
            caption="Tabelle 1: Beteiligte",
        ),
    ]
    for clause in generated.clauses:
        blocks.append(Section(clause["heading"], clause["paragraphs"]))
        blocks.append(Paragraph(_basis(clause["citations"], linker, base_url), note=True))
    blocks.append(Heading("Pflichtinhalte nach " + generated.kind.requirements_basis))
    blocks.append(
        Table(
            header=["Pflichtinhalt", "Grundlage", "Stand"],
            rows=[
                [
                    state.label,
                    state.requirement.citation,
                    ("enthalten" if state.met else "fehlt") + (f" ({state.note})" if state.note else ""),
                ]
                for state in generated.requirements
            ],
            caption="Tabelle 2: Pflichtinhalte",
        )
    )
    blocks.append(Signatures(generated.signatories))
    return Document(title=generated.title, subtitle=generated.subtitle, blocks=blocks)


def source_text(path: str) -> str:
    """A law file the catalog quotes from, whitespace-normalised (for the quote check)."""
    return _one_line((REPO / path).read_text(encoding="utf-8"))
