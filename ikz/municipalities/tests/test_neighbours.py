"""Neighbours computed from the boundaries must match reality."""

from collections import defaultdict

from shapely.geometry import shape

from ikz.municipalities.models import Level, Municipality, Neighbourship
from ikz.municipalities.neighbours import shared_borders
from ikz.municipalities.selectors import municipality_neighbours

DUESSELDORF_NEIGHBOURS = {
    "Duisburg", "Ratingen", "Meerbusch", "Neuss", "Hilden", "Erkrath", "Mettmann",
    "Langenfeld (Rhld.)", "Monheim am Rhein", "Dormagen",
}  # fmt: skip


def names(queryset) -> set[str]:
    return {m.short_name for m in queryset}


def test_duesseldorf_borders_exactly_its_real_neighbours(duesseldorf):
    assert names(municipality_neighbours(municipality=duesseldorf)) == DUESSELDORF_NEIGHBOURS
    # Essen, Krefeld, Mülheim, Heiligenhaus and Grevenbroich are close but share no border.
    assert not names(duesseldorf.neighbours) & {"Essen", "Krefeld", "Mülheim an der Ruhr", "Heiligenhaus"}


def test_duesseldorf_at_kreis_level(duesseldorf):
    kreis_level = municipality_neighbours(municipality=duesseldorf, level=Level.KREIS)
    assert {m.display_name for m in kreis_level} == {"Stadt Duisburg", "Kreis Mettmann", "Rhein-Kreis Neuss"}


def test_hueckeswagen_and_wipperfuerth_are_neighbours(hueckeswagen, register):
    wipperfuerth = register.named("Wipperfürth")
    assert wipperfuerth in hueckeswagen.neighbours
    assert hueckeswagen in wipperfuerth.neighbours
    assert names(hueckeswagen.neighbours) == {"Wipperfürth", "Radevormwald", "Remscheid", "Wermelskirchen"}


def test_kreis_dueren_neighbours(kreis_dueren):
    assert {m.display_name for m in kreis_dueren.neighbours} == {
        "Städteregion Aachen", "Kreis Heinsberg", "Rhein-Kreis Neuss", "Rhein-Erft-Kreis", "Kreis Euskirchen",
    }  # fmt: skip


def test_corner_points_do_not_count(register):
    # Hamm and Unna meet in a single point (VG5000); so do Kreis Gütersloh's Steinhagen and Werther.
    assert register.named("Unna") not in register.named("Hamm").neighbours
    assert register.named("Werther (Westf.)") not in register.named("Steinhagen").neighbours


def test_neighbourship_is_symmetric_and_stays_on_its_level(register):
    links = list(Neighbourship.objects.select_related("municipality", "neighbour"))
    pairs = {(link.municipality_id, link.neighbour_id, link.level) for link in links}
    assert len(links) > 1000
    assert all((b, a, level) in pairs for a, b, level in pairs)
    for link in links:
        assert link.municipality_id != link.neighbour_id
        assert link.border_km > 0
        if link.level == Level.KREIS:
            assert link.municipality.is_kreis_level and link.neighbour.is_kreis_level
        else:
            assert link.municipality.level == Level.GEMEINDE and link.neighbour.level == Level.GEMEINDE


def test_every_unit_has_neighbours_and_kreise_only_kreis_level_ones(register):
    counts = defaultdict(int)
    for ags, level in Neighbourship.objects.values_list("municipality__ags", "level"):
        counts[(ags, level)] += 1
    for m in Municipality.objects.all():
        assert counts[(m.ags, m.level)] > 0, m
    for kreis in Municipality.objects.kreise():
        assert counts[(kreis.ags, Level.GEMEINDE)] == 0
        assert all(n.is_kreis_level for n in kreis.neighbours)


def test_shared_borders_needs_a_line_not_a_point():
    square = {
        "type": "Polygon",
        "coordinates": [[[7.0, 51.0], [7.1, 51.0], [7.1, 51.1], [7.0, 51.1], [7.0, 51.0]]],
    }
    beside = {
        "type": "Polygon",
        "coordinates": [[[7.1, 51.0], [7.2, 51.0], [7.2, 51.1], [7.1, 51.1], [7.1, 51.0]]],
    }
    corner = {
        "type": "Polygon",
        "coordinates": [[[7.1, 51.1], [7.2, 51.1], [7.2, 51.2], [7.1, 51.2], [7.1, 51.1]]],
    }
    apart = {
        "type": "Polygon",
        "coordinates": [[[7.3, 51.0], [7.4, 51.0], [7.4, 51.1], [7.3, 51.1], [7.3, 51.0]]],
    }
    assert shape(square).touches(shape(corner))  # a plain touches() test would count the corner

    borders = shared_borders({"a": square, "b": beside, "c": corner, "d": apart}, level=Level.GEMEINDE)

    # b and c share an edge; a and c only a corner; d is apart.
    assert {(b.a, b.b) for b in borders} == {("a", "b"), ("b", "c")}
    ab = next(b for b in borders if (b.a, b.b) == ("a", "b"))
    assert 10 < ab.km < 12  # 0.1° of latitude ≈ 11 km
