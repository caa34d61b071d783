"""Writing the register: the import is the only way Körperschaften change."""

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from .models import Level, Municipality, Neighbourship
from .register_data import (
    DEFAULT_CSV,
    DEFAULT_GEMEINDEN_GEOJSON,
    DEFAULT_KREISE_GEOJSON,
    RegisterData,
    register_read,
)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    neighbours_created: int = 0
    neighbours_updated: int = 0
    neighbours_removed: int = 0
    # AGS in the database but no longer in the source (kept: other data may refer to them).
    missing_in_source: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.neighbours_created or self.neighbours_updated
                    or self.neighbours_removed)  # fmt: skip

    def summary(self) -> str:
        text = _(
            "Körperschaften: %(created)d neu, %(updated)d geändert, %(unchanged)d unverändert. "
            "Nachbarschaften: %(n_created)d neu, %(n_updated)d geändert, %(n_removed)d entfernt."
        ) % {
            "created": self.created, "updated": self.updated, "unchanged": self.unchanged,
            "n_created": self.neighbours_created, "n_updated": self.neighbours_updated,
            "n_removed": self.neighbours_removed,
        }  # fmt: skip
        if self.missing_in_source:
            text += " " + _("Nicht mehr in der Quelle (bleiben erhalten): %(keys)s.") % {
                "keys": ", ".join(self.missing_in_source)
            }
        return text


def register_import(
    *,
    csv_path: Path = DEFAULT_CSV,
    gemeinden_geojson_path: Path = DEFAULT_GEMEINDEN_GEOJSON,
    kreise_geojson_path: Path = DEFAULT_KREISE_GEOJSON,
) -> ImportResult:
    """Read, check and load the register. Raises `RegisterDataError` (German) and writes nothing
    if a file is broken; a second run with the same files changes nothing."""
    data = register_read(
        csv_path=csv_path,
        gemeinden_geojson_path=gemeinden_geojson_path,
        kreise_geojson_path=kreise_geojson_path,
    )
    return register_apply(data=data)


@transaction.atomic
def register_apply(*, data: RegisterData) -> ImportResult:
    """Bring the database in line with already checked `data` (idempotent, all or nothing)."""
    result = ImportResult()
    existing = {m.ags: m for m in Municipality.objects.select_for_update().order_by()}
    source_keys = {row.ags for row in data.rows}
    result.missing_in_source = sorted(set(existing) - source_keys)

    # Kreise first, so the Gemeinden can point at them.
    ordered = sorted(data.rows, key=lambda row: (row.level != Level.KREIS, row.ags))
    pk_by_ags = {ags: m.pk for ags, m in existing.items()}
    for level in (Level.KREIS, Level.GEMEINDE):
        to_create, to_update, changed_fields = [], [], set()
        for row in (r for r in ordered if r.level == level):
            values = row.model_fields()
            values["kreis_id"] = pk_by_ags[row.kreis_ags] if row.kreis_ags else None
            current = existing.get(row.ags)
            if current is None:
                to_create.append(Municipality(ags=row.ags, **values))
                continue
            diff = {name for name, value in values.items() if getattr(current, name) != value}
            if diff:
                for name in diff:
                    setattr(current, name, values[name])
                to_update.append(current)
                changed_fields |= diff
            else:
                result.unchanged += 1
        for created in Municipality.objects.bulk_create(to_create, batch_size=200):
            pk_by_ags[created.ags] = created.pk
        if to_update:
            fields = sorted(name.removesuffix("_id") for name in changed_fields)
            Municipality.objects.bulk_update(to_update, fields, batch_size=200)
        result.created += len(to_create)
        result.updated += len(to_update)

    if any(pk is None for pk in pk_by_ags.values()):  # pragma: no cover - old SQLite without RETURNING
        pk_by_ags = dict(Municipality.objects.values_list("ags", "pk"))
    _apply_borders(data, pk_by_ags, result)
    return result


def _apply_borders(data: RegisterData, pk_by_ags: dict[str, int], result: ImportResult) -> None:
    wanted = {}
    for border in data.borders:
        a, b = pk_by_ags[border.a], pk_by_ags[border.b]
        wanted[(a, b, str(border.level))] = border.km
        wanted[(b, a, str(border.level))] = border.km
    current = {
        (link.municipality_id, link.neighbour_id, link.level): link
        for link in Neighbourship.objects.filter(municipality__ags__in=pk_by_ags.keys())
    }
    stale = [link.pk for key, link in current.items() if key not in wanted]
    changed = []
    for key, km in wanted.items():
        link = current.get(key)
        if link is not None and link.border_km != km:
            link.border_km = km
            changed.append(link)
    new = [
        Neighbourship(municipality_id=a, neighbour_id=b, level=level, border_km=km)
        for (a, b, level), km in wanted.items()
        if (a, b, level) not in current
    ]
    Neighbourship.objects.filter(pk__in=stale).delete()
    Neighbourship.objects.bulk_update(changed, ["border_km"], batch_size=500)
    Neighbourship.objects.bulk_create(new, batch_size=500)
    # Counted per pair, as a reader thinks of a border, not per stored direction.
    result.neighbours_removed = len(stale) // 2
    result.neighbours_updated = len(changed) // 2
    result.neighbours_created = len(new) // 2
