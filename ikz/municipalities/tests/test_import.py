"""The import: counts from the real sources, idempotency, validation and rollback."""

import shutil
from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from ikz.municipalities import services
from ikz.municipalities.models import Level, Municipality, MunicipalityType, Neighbourship
from ikz.municipalities.register_data import (
    DEFAULT_CSV,
    DEFAULT_GEMEINDEN_GEOJSON,
    DEFAULT_KREISE_GEOJSON,
    RegisterDataError,
    register_read,
)
from ikz.municipalities.services import register_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def source(tmp_path):
    """Writable copies of the three packaged source files."""
    paths = {
        "csv_path": tmp_path / "register.csv",
        "gemeinden_geojson_path": tmp_path / "gemeinden.geojson",
        "kreise_geojson_path": tmp_path / "kreise.geojson",
    }
    for src, dst in zip(
        (DEFAULT_CSV, DEFAULT_GEMEINDEN_GEOJSON, DEFAULT_KREISE_GEOJSON), paths.values(), strict=True
    ):
        shutil.copyfile(src, dst)
        dst.chmod(0o644)
    return paths


def replace_line(path, number: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in lines[number - 1], lines[number - 1]
    lines[number - 1] = lines[number - 1].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")


def snapshot() -> dict:
    return {
        "municipalities": list(
            Municipality.objects.order_by("ags").values_list("ags", "population", "kreis__ags")
        ),
        "neighbours": Neighbourship.objects.count(),
    }


def test_import_counts_match_the_official_register():
    result = register_import()

    assert (result.created, result.updated) == (427, 0)
    assert Municipality.objects.gemeinden().count() == 396
    assert Municipality.objects.kreise().count() == 31
    assert Municipality.objects.kreisfrei().count() == 22
    assert Municipality.objects.filter(type=MunicipalityType.STADT).count() == 250
    assert Municipality.objects.filter(type=MunicipalityType.GEMEINDE).count() == 124
    assert Municipality.objects.kreis_level().count() == 53
    by_rb = Counter(Municipality.objects.gemeinden().values_list("regierungsbezirk", flat=True))
    assert by_rb == {"Düsseldorf": 66, "Köln": 99, "Münster": 78, "Detmold": 70, "Arnsberg": 83}
    assert sum(Municipality.objects.gemeinden().values_list("population", flat=True)) == 18_139_116


def test_import_links_kreise_and_boundaries():
    register_import()

    staedteregion = Municipality.objects.get(ags="05334")
    assert staedteregion.display_name == "Städteregion Aachen"
    assert staedteregion.type == MunicipalityType.KREIS
    aachen = Municipality.objects.get(ags="05334002")
    assert aachen.kreis == staedteregion
    assert not Municipality.objects.kreisfrei().filter(kreis__isnull=False).exists()
    assert not Municipality.objects.filter(type__in=["Stadt", "Gemeinde"], kreis__isnull=True).exists()
    assert Municipality.objects.get(ags="05358").gemeinden.count() == 15
    duesseldorf = Municipality.objects.get(ags="05111000")
    assert duesseldorf.population == 629047
    assert duesseldorf.area_km2 == Decimal("217.41")
    assert duesseldorf.slug == "duesseldorf"
    assert Municipality.objects.get(ags="05358").slug == "kreis-dueren"
    assert not Municipality.objects.filter(boundary__isnull=True).exists()
    assert not Municipality.objects.filter(map_path="").exists()
    # Kreise get the Kreis polygon (not one of their Gemeinden's), kreisfreie Städte their own.
    kreis = Municipality.objects.get(ags="05358")
    assert kreis.boundary != Municipality.objects.get(ags="05358008").boundary
    assert kreis.map_bbox[2] - kreis.map_bbox[0] > 30


def test_second_run_changes_nothing():
    register_import()
    before = snapshot()

    result = register_import()

    assert not result.changed
    assert (result.created, result.updated, result.unchanged) == (0, 0, 427)
    assert "0 neu, 0 geändert" in result.summary()
    assert snapshot() == before


def test_changed_source_updates_only_that_row(source):
    register_import(**source)
    replace_line(source["csv_path"], 2, ",629047,", ",629048,")

    result = register_import(**source)

    assert (result.created, result.updated, result.unchanged) == (0, 1, 426)
    assert Municipality.objects.get(ags="05111000").population == 629048


def test_command_reports_and_is_idempotent():
    from io import StringIO

    first, second = StringIO(), StringIO()
    call_command("import_municipalities", stdout=first)
    call_command("import_municipalities", stdout=second)

    assert "427 neu" in first.getvalue()
    assert "Körperschaften: 0 neu, 0 geändert" in second.getvalue()
    assert "Nachbarschaften: 0 neu, 0 geändert, 0 entfernt" in second.getvalue()


def test_broken_ags_names_the_line_and_changes_nothing(source):
    register_import(**source)
    before = snapshot()
    replace_line(source["csv_path"], 2, ",629047,", ",1,")  # would change Düsseldorf …
    replace_line(source["csv_path"], 17, "05154020,", "05x11000,")  # … but line 17 is broken

    with pytest.raises(RegisterDataError) as info:
        register_import(**source)

    assert str(info.value) == (
        "Zeile 17: AGS '05x11000' ist kein gültiger Schlüssel (8 Ziffern für Gemeinden, 5 für Kreise)"
    )
    assert snapshot() == before


def test_command_turns_errors_into_german_command_error(source):
    replace_line(source["csv_path"], 17, "05154020,", "05x11000,")

    with pytest.raises(CommandError, match="Zeile 17: AGS '05x11000'"):
        call_command(
            "import_municipalities",
            csv=source["csv_path"],
            gemeinden_geojson=source["gemeinden_geojson_path"],
            kreise_geojson=source["kreise_geojson_path"],
        )
    assert Municipality.objects.count() == 0


@pytest.mark.parametrize(
    ("line", "old", "new", "message"),
    [
        (17, "05154020,", "06154020,", "Zeile 17: AGS '06154020' liegt nicht in Nordrhein-Westfalen"),
        (17, ",Gemeinde,64,", ",Dorf,64,", "Zeile 17: Art 'Dorf' ist unbekannt"),
        (17, ",Düsseldorf,12364,", ",Aachen,12364,", "Zeile 17: Regierungsbezirk 'Aachen' ist unbekannt"),
        (17, ",Düsseldorf,12364,", ",Köln,12364,", "Zeile 17: Regierungsbezirk 'Köln' passt nicht zum AGS"),
        (17, ",12364,", ",zwölftausend,", "Zeile 17: Einwohnerzahl 'zwölftausend' ist keine Zahl"),
        (17, ",54.74,", ",-54.74,", "Zeile 17: Fläche '-54.74' ist negativ"),
        (17, ",47661,", ",4766,", "Zeile 17: Postleitzahl '4766' hat nicht 5 Ziffern"),
        (17, ",51.52238,", ",15.52238,", "Zeile 17: Breite 15.52238 liegt nicht in NRW"),
        (17, ",05154,Kleve,", ",05158,Kleve,", "Zeile 17: Kreis '05158' passt nicht zum AGS '05154020'"),
    ],
)
def test_validation_messages_name_the_line(source, line, old, new, message):
    replace_line(source["csv_path"], line, old, new)

    with pytest.raises(RegisterDataError) as info:
        register_read(**source)

    assert str(info.value).startswith(message)


def test_duplicate_ags_names_both_lines(source):
    lines = source["csv_path"].read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[1]  # line 3 repeats Düsseldorf from line 2
    source["csv_path"].write_text("".join(lines), encoding="utf-8")

    with pytest.raises(RegisterDataError, match=r"^Zeile 3: AGS '05111000' steht schon in Zeile 2\.$"):
        register_read(**source)


def test_missing_boundary_is_reported(source):
    path = source["gemeinden_geojson_path"]
    path.write_text(path.read_text(encoding="utf-8").replace('"ags":"05111000"', '"ags":"05111999"'), "utf-8")

    with pytest.raises(RegisterDataError, match="Umriss für AGS '05111999', aber keine solche Gemeinde"):
        register_read(**source)


def test_broken_json_is_reported(source):
    source["kreise_geojson_path"].write_text("{ kaputt", encoding="utf-8")

    with pytest.raises(RegisterDataError, match="kreise.geojson ist kein gültiges JSON"):
        register_read(**source)


def test_failure_while_writing_rolls_everything_back(monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("Datenbank weg")

    monkeypatch.setattr(services, "_apply_borders", explode)

    with pytest.raises(RuntimeError):
        register_import()

    assert Municipality.objects.count() == 0


def test_register_fixture_gives_the_real_register(register):
    assert len(register) == 427
    assert register.named("Düsseldorf").ags == "05111000"
    assert register.named("Düren", level=Level.KREIS).display_name == "Kreis Düren"
    assert len(register.kreise) == 31
