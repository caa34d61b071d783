"""Writes of the Ansprechpartner: the institutional rows from real data, kept in step."""

import tomllib
from pathlib import Path

from django.db import transaction

from ikz.municipalities.models import Municipality

from .models import Contact, ContactKind

DATA = Path(__file__).parent / "data" / "bezirksregierungen.toml"
REGISTER_SOURCE = (
    "Name und Verwaltungssitz: Gemeindeverzeichnis GV100AD des Statistischen Bundesamts, Gebietsstand "
    "30.11.2023 (© Statistisches Bundesamt (Destatis), 2023, dl-de/by-2-0) – siehe Register der Körperschaften"
)
BEZREG_HELPS = (
    "Bewilligungsbehörde der Förderrichtlinie IKZ NRW; Kommunalaufsicht über Kreise und kreisfreie Städte; "
    "Aufsichtsbehörde für Zweckverbände und gemeinsame Kommunalunternehmen, an denen ein Kreis, eine "
    "kreisfreie Stadt oder ein Partner außerhalb NRW beteiligt ist (§ 29 Abs. 1 GkG NRW)."
)
KREIS_HELPS = (
    "Die Landrätin oder der Landrat als untere staatliche Verwaltungsbehörde: Kommunalaufsicht über die "
    "kreisangehörigen Städte und Gemeinden; Aufsichtsbehörde für Zweckverbände und gemeinsame "
    "Kommunalunternehmen nur kreisangehöriger Gemeinden mit Sitz im Kreis (§ 29 Abs. 1 GkG NRW)."
)
REDAKTION_HELPS = (
    "Fragen zum Portal, zu Beispielen aus der Praxis und zur Wissensdatenbank; vermittelt Fachleute. "
    "Schriftliche Anfragen über die Hotline."
)


def _fill(contact: Contact, values: dict) -> bool:
    """Fill only empty fields: what the Redaktion entered or corrected is never overwritten."""
    changed = False
    for name, value in values.items():
        if value and not getattr(contact, name):
            setattr(contact, name, value)
            changed = True
    return changed


def _upsert(key: str, kind: str, values: dict) -> tuple[Contact, bool]:
    contact = Contact.objects.filter(key=key).first()
    if contact is None:
        contact = Contact(key=key, kind=kind)
        _fill(contact, values)
        contact.save()
        return contact, True
    if _fill(contact, values):
        contact.save()
    return contact, False


@transaction.atomic
def authorities_sync() -> int:
    """Create the five Bezirksregierungen (from data/bezirksregierungen.toml), the Kommunalaufsicht of
    each of the 31 Kreise (from the register) and the Redaktion; idempotent. Returns how many rows
    were created. Without the register only the Bezirksregierungen and the Redaktion are made."""
    created = 0
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    for order, row in enumerate(data["behoerde"]):
        values = {k: v for k, v in row.items() if k != "key"}
        _, new = _upsert(
            row["key"],
            ContactKind.BEZIRKSREGIERUNG,
            {**values, "helps_with": BEZREG_HELPS, "sort_order": order + 1},
        )
        created += new
    for kreis in Municipality.objects.kreise().order_by("ags"):
        _, new = _upsert(
            f"kommunalaufsicht-{kreis.ags}",
            ContactKind.KOMMUNALAUFSICHT,
            {
                "name": f"{kreis.display_name} – Kommunalaufsicht",
                "regierungsbezirk": kreis.regierungsbezirk,
                "kreis": kreis,
                "city": kreis.verwaltungssitz,
                "helps_with": KREIS_HELPS,
                "source": REGISTER_SOURCE,
            },
        )
        created += new
    _, new = _upsert(
        "redaktion",
        ContactKind.REDAKTION,
        {"name": "Redaktion des IKZ-Portals", "helps_with": REDAKTION_HELPS, "sort_order": 0},
    )
    return created + new
