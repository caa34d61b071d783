"""pytest fixtures for the register of Körperschaften (used by every app's tests).

`register` loads the real register (427 Körperschaften, boundaries, neighbours) into the test
database. The files are parsed and the neighbours computed once per test session; each test
then only does bulk inserts (≈ 0.1–0.3 s).
"""

from functools import cache

import pytest

from ikz.municipalities.models import Level, Municipality
from ikz.municipalities.register_data import RegisterData, register_read
from ikz.municipalities.services import ImportResult, register_apply

_HEAVY = ("boundary", "map_path", "kreis__boundary", "kreis__map_path")


@cache
def register_data() -> RegisterData:
    """The packaged source files, parsed and checked once per process."""
    return register_read()


class Register(dict):
    """The imported register as {ags: Municipality}, with a few helpers for tests."""

    def __init__(self, result: ImportResult):
        super().__init__((m.ags, m) for m in Municipality.objects.select_related("kreis").defer(*_HEAVY))
        self.result = result

    def named(self, short_name: str, *, level: str = Level.GEMEINDE) -> Municipality:
        """`register.named("Düsseldorf")`, `register.named("Düren", level="kreis")`."""
        matches = [m for m in self.values() if m.short_name == short_name and m.level == level]
        if len(matches) != 1:
            raise KeyError(f"{short_name!r} ({level}): {len(matches)} Treffer")
        return matches[0]

    @property
    def gemeinden(self) -> list[Municipality]:
        return [m for m in self.values() if m.level == Level.GEMEINDE]

    @property
    def kreise(self) -> list[Municipality]:
        return [m for m in self.values() if m.level == Level.KREIS]


@pytest.fixture
def register(db) -> Register:
    """The full real register in the test database: 396 Gemeinden, 31 Kreise, neighbours."""
    return Register(register_apply(data=register_data()))


@pytest.fixture
def duesseldorf(register) -> Municipality:
    """Landeshauptstadt Düsseldorf, kreisfreie Stadt (05111000)."""
    return register["05111000"]


@pytest.fixture
def kreis_dueren(register) -> Municipality:
    """Kreis Düren (05358), with 15 kreisangehörige Städte and Gemeinden."""
    return register["05358"]


@pytest.fixture
def hueckeswagen(register) -> Municipality:
    """Schloss-Stadt Hückeswagen (05374016), kreisangehörig im Oberbergischen Kreis."""
    return register["05374016"]
