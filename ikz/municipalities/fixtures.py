"""pytest fixtures for the register of Körperschaften (used by every app's tests).

- `register`: the full real register (427 Körperschaften, boundaries, neighbours) in the test
  database, returned as a `Register` ({ags: Municipality} plus `named()`, `gemeinden`, `kreise`).
- `duesseldorf` (05111000, kreisfreie Stadt), `kreis_dueren` (05358), `hueckeswagen` (05374016).

The files are parsed and the neighbours computed once per test process; each test then only
does bulk inserts. Django is imported lazily: pytest loads this plugin before Django is set up.
"""

from functools import cache

import pytest

_HEAVY = ("boundary", "map_path", "kreis__boundary", "kreis__map_path")


@cache
def register_data():
    """The packaged source files, parsed and checked once per process (a `RegisterData`)."""
    from ikz.municipalities.register_data import register_read

    return register_read()


class Register(dict):
    """The imported register as {ags: Municipality}, with a few helpers for tests."""

    def __init__(self, result):
        from ikz.municipalities.models import Municipality

        super().__init__((m.ags, m) for m in Municipality.objects.select_related("kreis").defer(*_HEAVY))
        self.result = result  # the services.ImportResult of loading it

    def named(self, short_name: str, *, level: str = "gemeinde"):
        """`register.named("Düsseldorf")`, `register.named("Düren", level="kreis")`."""
        matches = [m for m in self.values() if m.short_name == short_name and m.level == level]
        if len(matches) != 1:
            raise KeyError(f"{short_name!r} ({level}): {len(matches)} Treffer")
        return matches[0]

    @property
    def gemeinden(self) -> list:
        return [m for m in self.values() if m.level == "gemeinde"]

    @property
    def kreise(self) -> list:
        return [m for m in self.values() if m.level == "kreis"]


@pytest.fixture
def register(db) -> Register:
    """The full real register in the test database: 396 Gemeinden, 31 Kreise, neighbours."""
    from ikz.municipalities.services import register_apply

    return Register(register_apply(data=register_data()))


@pytest.fixture
def duesseldorf(register):
    """Landeshauptstadt Düsseldorf, kreisfreie Stadt (05111000)."""
    return register["05111000"]


@pytest.fixture
def kreis_dueren(register):
    """Kreis Düren (05358), with 15 kreisangehörige Städte and Gemeinden."""
    return register["05358"]


@pytest.fixture
def hueckeswagen(register):
    """Schloss-Stadt Hückeswagen (05374016), kreisangehörig im Oberbergischen Kreis."""
    return register["05374016"]
