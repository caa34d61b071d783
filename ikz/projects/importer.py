"""Import of the ten real, sourced examples (data/ikz_projects_examples.json).

Only what the sources say: where a source gives a count but no list, the count is stored and
only the known participants are listed; areas a source names as "served" are a note, never
members. The phase stays empty unless the source shows the cooperation in operation.
"""

import datetime
import json
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from ikz.core.taxonomy import LegalForm, TaskArea
from ikz.municipalities.models import Municipality

from .models import DatePrecision, ModerationStatus, Phase, Project, ProjectParticipant, ProjectSource

DATA_FILE = Path(__file__).parent / "data" / "ikz_projects_examples.json"

# id → (legal form, task area slugs, phase); the editorial classification of each source text.
CLASSIFICATION = {
    "itk-rheinland": (LegalForm.ZWECKVERBAND, ["it-digitalisierung"], Phase.BETRIEB),
    "suedwestfalen-it": (LegalForm.ZWECKVERBAND, ["it-digitalisierung"], Phase.BETRIEB),
    "owl-it": (LegalForm.ZWECKVERBAND, ["it-digitalisierung"], Phase.BETRIEB),
    "kdn": (LegalForm.ZWECKVERBAND, ["it-digitalisierung", "vergabestelle"], Phase.BETRIEB),
    "kdvz-rhein-erft-rur": (LegalForm.ZWECKVERBAND, ["it-digitalisierung"], ""),
    "kaaw": (LegalForm.ZWECKVERBAND, ["it-digitalisierung"], Phase.BETRIEB),
    "bauhof-hueckeswagen-wipperfuerth": (LegalForm.OERV, ["bauhof"], ""),
    "gebaeudereinigung-kreis-dueren-stadt-dueren": (LegalForm.OERV, ["verwaltung"], ""),
    "ignis-plus-koeln-berlin": (LegalForm.OER_VERTRAG, ["feuerwehr", "it-digitalisierung"], ""),
    "kdg-kommunale-dienstleistungsgesellschaft": (LegalForm.PRIVATRECHTLICH, ["vergabestelle"], ""),
}
LEAD_ROLES = {"durchführende Stadt"}
# The approving authority is named in the source but is not a partner of the cooperation.
AUTHORITY_MARK = "Genehmigung"


def _start(value: str | None) -> tuple[datetime.date | None, str]:
    if not value:
        return None, DatePrecision.DAY
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return datetime.date(parts[0], 1, 1), DatePrecision.YEAR
    if len(parts) == 2:
        return datetime.date(parts[0], parts[1], 1), DatePrecision.MONTH
    return datetime.date(*parts), DatePrecision.DAY


def _notes(entry: dict) -> list[str]:
    notes = []
    if entry.get("participants_derived"):
        notes.append(entry["participants_derived"])
    if entry.get("participants_note"):
        notes.append(entry["participants_note"])
    served = entry.get("region_served_named_in_source") or []
    if served:
        names = ", ".join(area["name"] for area in served)
        notes.append(f"Von der Quelle als Versorgungsgebiet genannt (keine Mitgliederliste): {names}.")
    for p in entry["participants"]:
        if AUTHORITY_MARK in (p.get("role") or ""):
            notes.append(f"{p['name']}: {p['role']}.")
    return notes


def _participants(entry: dict, register: dict[str, Municipality]) -> list[ProjectParticipant]:
    result = []
    for position, p in enumerate(entry["participants"]):
        role_note = p.get("role") or ""
        if AUTHORITY_MARK in role_note:
            continue
        municipality = register.get(p["ags"] or "")
        result.append(
            ProjectParticipant(
                sort_order=position,
                municipality=municipality,
                name="" if municipality else p["name"],
                role="lead" if role_note in LEAD_ROLES else "partner",
                role_note=role_note,
            )
        )
    return result


@transaction.atomic
def projects_examples_import(path: Path = DATA_FILE) -> int:
    """Create or update the real examples (by their id); returns how many were written."""
    data = json.loads(path.read_text(encoding="utf-8"))
    register = {m.ags: m for m in Municipality.objects.only("id", "ags", "short_name", "type", "level")}
    areas = {t.slug: t for t in TaskArea.objects.all()}
    now = timezone.now()
    for entry in data["projects"]:
        legal_form, area_slugs, phase = CLASSIFICATION[entry["id"]]
        start, precision = _start(entry.get("start_date"))
        project = Project.objects.filter(external_id=entry["id"]).first() or Project(external_id=entry["id"])
        project.title = entry["name"]
        project.summary = entry["description"]
        project.goals = f"Aufgabenfeld laut Quelle: {entry['field']}."
        project.legal_form = legal_form
        project.legal_form_note = entry["legal_form"] or ""
        project.phase = phase
        project.start_date, project.start_precision = start, precision
        project.seat = entry.get("seat") or ""
        project.source_as_of = entry.get("as_of") or ""
        project.related_ruling = entry.get("related_ruling") or ""
        project.participants_count = entry.get("participants_count")
        project.participants_note = "\n\n".join(_notes(entry))
        project.moderation_status = ModerationStatus.APPROVED
        project.live, project.has_unpublished_changes = True, False
        project.first_published_at = project.first_published_at or now
        project.last_published_at = project.last_published_at or now
        project.task_areas = [areas[slug] for slug in area_slugs if slug in areas]
        project.participants = _participants(entry, register)
        project.sources = [
            ProjectSource(sort_order=i, url=s["url"], supports=s.get("supports") or "")
            for i, s in enumerate(entry["sources"])
        ]
        project.save()
        if project.latest_revision_id is None:
            project.save_revision(clean=False, changed=False)
    return len(data["projects"])
