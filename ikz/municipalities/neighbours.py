"""Which units share a border, computed once at import from the VG5000 boundaries.

Two areas are neighbours when they share a border of positive length. The VG5000 layers share
their vertices, but a pure `touches()` test would also count areas that meet in a single point
(there are two dozen such corners in NRW, e.g. Hamm/Unna). So we measure: the part of A's boundary
that lies within BUFFER_KM of B, in a local equidistant projection in km. A corner point yields
at most ~2 × BUFFER_KM / sin(angle) (≤ 0.08 km in NRW); real shared borders are ≥ 0.45 km.
MIN_BORDER_KM sits well inside that gap.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

import shapely
from shapely.geometry import shape
from shapely.strtree import STRtree

BUFFER_KM = 0.02
MIN_BORDER_KM = 0.2
# One degree of latitude ≈ 110.57 km; longitude shrinks with cos(latitude), taken at NRW's middle.
KM_PER_DEG_LAT = 110.57
KM_PER_DEG_LON = 111.32 * math.cos(math.radians(51.5))


class GeometryError(ValueError):
    def __init__(self, ags: str, detail: str):
        super().__init__(f"{ags}: {detail}")
        self.ags = ags
        self.detail = detail


@dataclass(frozen=True)
class Border:
    """A shared border between `a` and `b` (a < b) at `level` ("gemeinde" or "kreis")."""

    a: str
    b: str
    level: str
    km: Decimal


def to_km(geometry: dict):
    """GeoJSON (lon/lat) → shapely geometry in km, good enough for lengths within NRW."""
    geom = shape(geometry)
    return shapely.transform(geom, lambda xy: xy * [KM_PER_DEG_LON, KM_PER_DEG_LAT])


def shared_borders(boundaries: dict[str, dict], *, level: str) -> list[Border]:
    keys = sorted(boundaries)
    geoms = []
    for key in keys:
        try:
            geom = to_km(boundaries[key])
        except Exception as exc:  # shapely raises several types for malformed coordinates
            raise GeometryError(key, str(exc)) from exc
        if geom.is_empty or not geom.is_valid:
            raise GeometryError(key, shapely.is_valid_reason(geom))
        geoms.append(geom)

    tree = STRtree(geoms)
    borders: list[Border] = []
    for i, geom in enumerate(geoms):
        zone = geom.buffer(BUFFER_KM)
        for j in tree.query(zone, predicate="intersects"):
            if j <= i:
                continue
            length = geoms[j].boundary.intersection(zone).length
            if length >= MIN_BORDER_KM:
                km = Decimal(f"{length:.2f}")
                borders.append(Border(a=keys[i], b=keys[int(j)], level=level, km=km))
    return borders
