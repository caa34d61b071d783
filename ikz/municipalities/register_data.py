"""Reading and checking the register's source files (CSV + two GeoJSON layers).

Pure functions without database access: `register_read()` returns a `RegisterData` that the
import service writes. Every problem is reported in German and names the line or feature, so
an editor can fix the file; nothing is written unless all files are sound.
"""

import csv
import json
import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.utils.translation import gettext as _

from .models import Level, MunicipalityType, Regierungsbezirk
from .names import make_slug, search_text
from .neighbours import Border, GeometryError, shared_borders
from .svgmap import svg_path

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_CSV = DATA_DIR / "nrw_municipalities.csv"
DEFAULT_GEMEINDEN_GEOJSON = DATA_DIR / "nrw_municipalities.geojson"
DEFAULT_KREISE_GEOJSON = DATA_DIR / "nrw_kreise.geojson"

COLUMNS = (
    "ags", "name", "short_name", "level", "type", "gv100_type_code", "kreis_ags", "kreis_name",
    "regierungsbezirk", "population", "area_km2", "plz", "lat", "lon", "verwaltungssitz",
)  # fmt: skip
AGS_RE = re.compile(r"\d{8}|\d{5}")
# The third digit of an NRW key is the Regierungsbezirk.
REGIERUNGSBEZIRK_DIGIT = {
    "1": Regierungsbezirk.DUESSELDORF,
    "3": Regierungsbezirk.KOELN,
    "5": Regierungsbezirk.MUENSTER,
    "7": Regierungsbezirk.DETMOLD,
    "9": Regierungsbezirk.ARNSBERG,
}
# Generous box around NRW; a centroid outside it is a swapped or mistyped coordinate.
LAT_RANGE = (50.0, 52.8)
LON_RANGE = (5.5, 9.8)


class RegisterDataError(ValueError):
    """A source file is not usable; the message is German and names the place."""


@dataclass(frozen=True)
class RegisterRow:
    ags: str
    name: str
    short_name: str
    slug: str
    level: str
    type: str
    gv100_type_code: str
    kreis_ags: str | None  # None for Kreise and kreisfreie Städte
    regierungsbezirk: str
    population: int | None
    area_km2: Decimal | None
    plz: str
    lat: float | None
    lon: float | None
    verwaltungssitz: str
    search_text: str
    boundary: dict | None
    map_path: str = ""
    map_bbox: list[int] | None = None

    def model_fields(self) -> dict:
        """Field values of `Municipality`, except the `kreis` link (set by the service)."""
        return {
            "name": self.name, "short_name": self.short_name, "slug": self.slug, "level": self.level,
            "type": self.type, "gv100_type_code": self.gv100_type_code,
            "regierungsbezirk": self.regierungsbezirk, "population": self.population,
            "area_km2": self.area_km2, "plz": self.plz, "lat": self.lat, "lon": self.lon,
            "verwaltungssitz": self.verwaltungssitz, "search_text": self.search_text,
            "boundary": self.boundary, "map_path": self.map_path, "map_bbox": self.map_bbox,
        }  # fmt: skip


@dataclass(frozen=True)
class RegisterData:
    rows: tuple[RegisterRow, ...]
    borders: tuple[Border, ...]


def register_read(
    *,
    csv_path: Path = DEFAULT_CSV,
    gemeinden_geojson_path: Path = DEFAULT_GEMEINDEN_GEOJSON,
    kreise_geojson_path: Path = DEFAULT_KREISE_GEOJSON,
) -> RegisterData:
    """Parse and check the three files; compute the neighbours from the boundaries."""
    rows = _read_csv(Path(csv_path))
    gemeinde_shapes = _read_geojson(Path(gemeinden_geojson_path), key_length=8)
    kreis_shapes = _read_geojson(Path(kreise_geojson_path), key_length=5)

    by_ags = {row["ags"]: row for row in rows}
    for ags in gemeinde_shapes:
        if ags not in by_ags or by_ags[ags]["level"] != Level.GEMEINDE:
            raise RegisterDataError(
                _("%(file)s: Umriss für AGS '%(ags)s', aber keine solche Gemeinde im Verzeichnis.")
                % {"file": Path(gemeinden_geojson_path).name, "ags": ags}
            )
    kreis_level_keys = {r["ags"] for r in rows if r["level"] == Level.KREIS} | {
        r["ags"][:5] for r in rows if r["type"] == MunicipalityType.KREISFREIE_STADT
    }
    for key in kreis_shapes:
        if key not in kreis_level_keys:
            raise RegisterDataError(
                _(
                    "%(file)s: Umriss für Schlüssel '%(ags)s', aber kein solcher Kreis und keine solche kreisfreie Stadt."
                )
                % {"file": Path(kreise_geojson_path).name, "ags": key}
            )

    boundaries: dict[str, dict] = {}
    gemeinde_level: dict[str, dict] = {}
    kreis_level: dict[str, dict] = {}
    for row in rows:
        ags = row["ags"]
        if row["level"] == Level.GEMEINDE:
            boundary = gemeinde_shapes.get(ags)
            source = Path(gemeinden_geojson_path).name
            gemeinde_level[ags] = boundary
            if row["type"] == MunicipalityType.KREISFREIE_STADT:
                kreis_level[ags] = boundary
        else:
            boundary = kreis_shapes.get(ags)
            source = Path(kreise_geojson_path).name
            kreis_level[ags] = boundary
        if boundary is None:
            raise RegisterDataError(
                _("%(file)s: Für AGS '%(ags)s' (%(name)s) fehlt der Umriss.")
                % {"file": source, "ags": ags, "name": row["short_name"]}
            )
        boundaries[ags] = boundary

    # Computing the borders also checks every geometry; only then are the map paths drawn.
    try:
        borders = shared_borders(gemeinde_level, level=Level.GEMEINDE) + shared_borders(
            kreis_level, level=Level.KREIS
        )
    except GeometryError as exc:
        raise RegisterDataError(
            _("Umriss von AGS '%(ags)s' ist fehlerhaft: %(detail)s") % {"ags": exc.ags, "detail": exc.detail}
        ) from exc
    result = []
    for row in rows:
        boundary = boundaries[row["ags"]]
        path, bbox = svg_path(boundary)
        result.append(RegisterRow(boundary=boundary, map_path=path, map_bbox=bbox, **row))
    return RegisterData(rows=tuple(result), borders=tuple(borders))


def _read_csv(path: Path) -> list[dict]:
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise RegisterDataError(_("Die Datei %(file)s lässt sich nicht öffnen: %(error)s") % {
            "file": path, "error": exc.strerror}) from exc  # fmt: skip
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise RegisterDataError(
                _("%(file)s: Es fehlen die Spalten %(columns)s.")
                % {"file": path.name, "columns": ", ".join(missing)}
            )
        rows: list[dict] = []
        seen: dict[str, int] = {}
        try:
            for record in reader:
                line = reader.line_num
                row = _check_row(record, line)
                if row["ags"] in seen:
                    raise RegisterDataError(
                        _("Zeile %(line)d: AGS '%(ags)s' steht schon in Zeile %(first)d.")
                        % {"line": line, "ags": row["ags"], "first": seen[row["ags"]]}
                    )
                seen[row["ags"]] = line
                rows.append((line, row))
        except UnicodeDecodeError as exc:
            raise RegisterDataError(_("%(file)s ist nicht UTF-8-kodiert.") % {"file": path.name}) from exc
    kreise = {row["ags"] for _line, row in rows if row["level"] == Level.KREIS}
    for line, row in rows:
        if row["kreis_ags"] and row["kreis_ags"] not in kreise:
            raise RegisterDataError(
                _("Zeile %(line)d: Kreis '%(kreis)s' von AGS '%(ags)s' steht nicht im Verzeichnis.")
                % {"line": line, "kreis": row["kreis_ags"], "ags": row["ags"]}
            )
    if not rows:
        raise RegisterDataError(_("%(file)s enthält keine Zeilen.") % {"file": path.name})
    return [row for _line, row in rows]


def _check_row(record: dict, line: int) -> dict:
    def fail(message: str, **params) -> RegisterDataError:
        return RegisterDataError(_("Zeile %(line)d: ") % {"line": line} + message % params)

    value = {key: (record.get(key) or "").strip() for key in COLUMNS}
    ags = value["ags"]
    if not AGS_RE.fullmatch(ags):
        raise fail(
            _("AGS '%(ags)s' ist kein gültiger Schlüssel (8 Ziffern für Gemeinden, 5 für Kreise)"), ags=ags
        )
    if not ags.startswith("05"):
        raise fail(_("AGS '%(ags)s' liegt nicht in Nordrhein-Westfalen (Schlüssel beginnen mit 05)"), ags=ags)
    level = value["level"]
    expected_level = Level.GEMEINDE if len(ags) == 8 else Level.KREIS
    if level != expected_level:
        raise fail(
            _("Ebene '%(level)s' passt nicht zum %(n)d-stelligen AGS '%(ags)s'"),
            level=level,
            n=len(ags),
            ags=ags,
        )
    kind = value["type"]
    if kind not in MunicipalityType.values:
        raise fail(_("Art '%(type)s' ist unbekannt (erlaubt: %(allowed)s)"), type=kind,
                   allowed=", ".join(MunicipalityType.values))  # fmt: skip
    if (kind == MunicipalityType.KREIS) != (level == Level.KREIS):
        raise fail(_("Art '%(type)s' passt nicht zur Ebene '%(level)s'"), type=kind, level=level)
    rb = value["regierungsbezirk"]
    if rb not in Regierungsbezirk.values:
        raise fail(_("Regierungsbezirk '%(rb)s' ist unbekannt"), rb=rb)
    if REGIERUNGSBEZIRK_DIGIT.get(ags[2]) != rb:
        raise fail(_("Regierungsbezirk '%(rb)s' passt nicht zum AGS '%(ags)s'"), rb=rb, ags=ags)
    if not value["name"] or not value["short_name"]:
        raise fail(_("Name fehlt"))
    kreis_ags = value["kreis_ags"]
    if kind in (MunicipalityType.STADT, MunicipalityType.GEMEINDE):
        if kreis_ags != ags[:5]:
            raise fail(_("Kreis '%(kreis)s' passt nicht zum AGS '%(ags)s'"), kreis=kreis_ags, ags=ags)
    else:
        if kreis_ags not in ("", ags[:5]):
            raise fail(_("Kreis '%(kreis)s' bei einer kreisfreien Einheit"), kreis=kreis_ags)
        kreis_ags = None
    plz = value["plz"]
    if plz and not re.fullmatch(r"\d{5}", plz):
        raise fail(_("Postleitzahl '%(plz)s' hat nicht 5 Ziffern"), plz=plz)

    population = _number(value["population"], int, fail, _("Einwohnerzahl"))
    area = _number(value["area_km2"], Decimal, fail, _("Fläche"))
    if area is not None and area.as_tuple().exponent < -2:
        raise fail(_("Fläche '%(value)s' hat mehr als zwei Nachkommastellen"), value=value["area_km2"])
    lat = _number(value["lat"], float, fail, _("Breite"))
    lon = _number(value["lon"], float, fail, _("Länge"))
    if lat is not None and not LAT_RANGE[0] <= lat <= LAT_RANGE[1]:
        raise fail(_("Breite %(value)s liegt nicht in NRW"), value=value["lat"])
    if lon is not None and not LON_RANGE[0] <= lon <= LON_RANGE[1]:
        raise fail(_("Länge %(value)s liegt nicht in NRW"), value=value["lon"])

    display = value["short_name"]
    slug_source = display if level == Level.GEMEINDE else _kreis_display(display)
    return {
        "ags": ags, "name": value["name"], "short_name": display, "slug": make_slug(slug_source),
        "level": level, "type": kind, "gv100_type_code": value["gv100_type_code"], "kreis_ags": kreis_ags,
        "regierungsbezirk": rb, "population": population, "area_km2": area, "plz": plz, "lat": lat,
        "lon": lon, "verwaltungssitz": value["verwaltungssitz"],
        "search_text": search_text(display, value["name"], ags),
    }  # fmt: skip


def _kreis_display(short_name: str) -> str:
    lowered = short_name.lower()
    return short_name if "kreis" in lowered or "städteregion" in lowered else f"Kreis {short_name}"


def _number(raw: str, kind, fail, label: str):
    if raw == "":
        return None
    try:
        number = kind(raw)
    except (ValueError, InvalidOperation):
        raise fail(_("%(label)s '%(value)s' ist keine Zahl"), label=label, value=raw) from None
    if (kind is float and not math.isfinite(number)) or (kind is Decimal and not number.is_finite()):
        raise fail(_("%(label)s '%(value)s' ist keine Zahl"), label=label, value=raw)
    if number < 0:
        raise fail(_("%(label)s '%(value)s' ist negativ"), label=label, value=raw)
    return number


def _read_geojson(path: Path, *, key_length: int) -> dict[str, dict]:
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RegisterDataError(_("Die Datei %(file)s lässt sich nicht öffnen: %(error)s") % {
            "file": path, "error": exc.strerror}) from exc  # fmt: skip
    except (ValueError, UnicodeDecodeError) as exc:
        raise RegisterDataError(
            _("%(file)s ist kein gültiges JSON: %(error)s") % {"file": path.name, "error": exc}
        ) from exc
    features = collection.get("features") if isinstance(collection, dict) else None
    if not isinstance(features, list):
        raise RegisterDataError(_("%(file)s ist keine GeoJSON-FeatureCollection.") % {"file": path.name})
    shapes: dict[str, dict] = {}
    for number, feature in enumerate(features, start=1):
        where = _("%(file)s, Objekt %(n)d") % {"file": path.name, "n": number}
        properties = (feature or {}).get("properties") or {}
        ags = str(properties.get("ags", ""))
        if not (len(ags) == key_length and ags.isdigit() and ags.startswith("05")):
            raise RegisterDataError(
                _("%(where)s: Schlüssel '%(ags)s' ist ungültig (%(n)d Ziffern, beginnend mit 05 erwartet).")
                % {"where": where, "ags": ags, "n": key_length}
            )
        geometry = feature.get("geometry") or {}
        if geometry.get("type") not in ("Polygon", "MultiPolygon") or not geometry.get("coordinates"):
            raise RegisterDataError(
                _("%(where)s (AGS %(ags)s): Geometrie muss ein Polygon oder MultiPolygon sein.")
                % {"where": where, "ags": ags}
            )
        if ags in shapes:
            raise RegisterDataError(
                _("%(where)s: AGS '%(ags)s' kommt doppelt vor.") % {"where": where, "ags": ags}
            )
        shapes[ags] = {"type": geometry["type"], "coordinates": geometry["coordinates"]}
    return shapes
