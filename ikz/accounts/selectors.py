"""Reads of the accounts app."""

from django.db.models import QuerySet

from ikz.core import versioned_cache
from ikz.core.collation import collated, sort_key
from ikz.municipalities.models import Level, Municipality, MunicipalityType

from .models import Membership


def municipality_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The register as grouped <select> choices: kreisfreie Städte, then each Kreis with its Gemeinden.

    Values are the AGS, so the list is stable and needs no JavaScript. Built once per content
    version (ikz.core.versioned_cache): the list is new on each call, the groups are shared.
    """
    return list(versioned_cache.get_or_build("accounts:municipality-choices", _municipality_choices_build))


def _municipality_choices_build() -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    rows = list(
        Municipality.objects.only("ags", "short_name", "type", "level", "kreis_id").order_by(
            collated("short_name")
        )
    )
    kreise = sorted((m for m in rows if m.level == Level.KREIS), key=lambda m: sort_key(m.display_name))
    by_kreis: dict[int, list[Municipality]] = {}
    kreisfrei = []
    for m in rows:
        if m.level == Level.KREIS:
            continue
        if m.type == MunicipalityType.KREISFREIE_STADT or m.kreis_id is None:
            kreisfrei.append(m)
        else:
            by_kreis.setdefault(m.kreis_id, []).append(m)
    groups = []
    if kreisfrei:
        groups.append(("Kreisfreie Städte", tuple((m.ags, m.display_name) for m in kreisfrei)))
    for kreis in kreise:
        members = [(kreis.ags, f"{kreis.display_name} (Kreisverwaltung)")]
        members += [(m.ags, m.display_name) for m in by_kreis.get(kreis.pk, [])]
        groups.append((kreis.display_name, tuple(members)))
    return tuple(groups)


def memberships_of(*, user) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("municipality").order_by("-created_at")


def memberships_pending_count() -> int:
    return Membership.objects.pending().count()
