"""Optimistic concurrency for objects several people edit at once.

Nobody's change may be lost silently. An editor's form carries the *version* of the object it
was loaded from and the *base* values it showed; on save the server compares three states per
field – base (what the editor saw), mine (what the editor sends), theirs (what is stored now):

- only one side changed a field → that change is kept (colleagues' work in other fields survives);
- both changed it to the same value → fine;
- both changed it differently → a :class:`Conflict`; the stored value stays until the editor
  chooses, and the caller shows both versions.

The write itself is a compare-and-swap on the version column (:func:`cas_bump`), so two saves
that read the same version cannot both succeed; the loser re-reads and merges again.

Usage in a service (see ``ikz.library.services.checklist_run_save``)::

    for _ in retries():
        with transaction.atomic():
            obj = Model.objects.select_for_update().get(pk=pk)
            result = merge(base=base, mine=mine, theirs=snapshot(obj))
            ...write result.merged...
            if cas_bump(obj):
                break
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _

#: Marks a key one of the three states does not have (e.g. a field the form did not show).
MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING", "__bool__": lambda self: False})()


class VersionedModel(models.Model):
    """Abstract base: a version number that every successful save through :func:`cas_bump` raises."""

    version = models.PositiveIntegerField(_("Version"), default=1, editable=False)

    class Meta:
        abstract = True


class StaleVersionError(Exception):
    """Another save got in between, also after the retries; the caller should ask to reload."""


@dataclass(frozen=True)
class Conflict:
    key: str
    base: Any
    mine: Any
    theirs: Any


@dataclass
class MergeResult:
    merged: dict[str, Any]
    conflicts: list[Conflict] = field(default_factory=list)
    #: keys where the editor's value was taken and differs from what was stored
    mine_applied: set[str] = field(default_factory=set)
    #: keys where someone else changed the value since the editor's base
    theirs_applied: set[str] = field(default_factory=set)

    @property
    def changed(self) -> bool:
        return bool(self.mine_applied)


def merge(*, base: Mapping[str, Any], mine: Mapping[str, Any], theirs: Mapping[str, Any]) -> MergeResult:
    """Three-way merge of flat field maps; a key missing from ``mine`` counts as unchanged."""
    result = MergeResult(merged=dict(theirs))
    for key in mine:
        b = base.get(key, MISSING)
        m = mine[key]
        t = theirs.get(key, MISSING)
        if m == t:
            continue  # nothing to write (also covers "both changed it the same way")
        if m == b:
            result.theirs_applied.add(key)  # only the colleague changed it: keep theirs
            continue
        if t == b:
            result.merged[key] = m  # only I changed it
            result.mine_applied.add(key)
            continue
        result.conflicts.append(Conflict(key=key, base=b, mine=m, theirs=t))
    for key in theirs:
        if key not in mine and base.get(key, MISSING) not in (MISSING, theirs[key]):
            result.theirs_applied.add(key)
    return result


def cas_bump(instance: VersionedModel, *, expected: int | None = None, **changes: Any) -> bool:
    """Raise the version by one if it still is ``expected`` (default: the instance's own version).

    Returns False when another save got there first; ``instance.version`` is updated on success.
    """
    expected = instance.version if expected is None else expected
    rows = (
        type(instance)
        ._default_manager.filter(pk=instance.pk, version=expected)
        .update(version=F("version") + 1, **changes)
    )
    if rows:
        instance.version = expected + 1
        for name, value in changes.items():
            setattr(instance, name, value)
    return bool(rows)


def retries(attempts: int = 3) -> Iterator[int]:
    """Attempt numbers for a read–merge–CAS loop; raises StaleVersionError when they run out."""
    yield from range(attempts)
    raise StaleVersionError
