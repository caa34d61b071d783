"""Public pages: URLs, filters, search, the SVG map and the attribution."""

import re

import pytest
from django.urls import reverse

from ikz.municipalities.models import Municipality

ATTRIBUTION = (
    "© Statistisches Bundesamt (Destatis), 2023, dl-de/by-2-0 (Daten verändert)",
    'href="http://www.bkg.bund.de"',
    'href="https://www.govdata.de/dl-de/by-2-0"',
)


@pytest.fixture
def site(home_page, register):
    return register


def count_of(html: str) -> int:
    match = re.search(r'id="result-count"[^>]*>(\d+) Treffer', html)
    assert match, "Trefferzahl fehlt"
    return int(match.group(1))


def table_names(html: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>', html)


def map_links(html: str) -> list[tuple[str, str, str]]:
    """(href, aria-label, class) of every area of the SVG map."""
    svg = html[html.index('<svg class="muni-map__svg"') : html.index("</svg>", html.index("muni-map__svg"))]
    return re.findall(r'<a href="([^"]+)" aria-label="([^"]+)" class="([^"]+)"', svg)


# --- URLs ------------------------------------------------------------------------------


def test_bare_ags_redirects_permanently_to_slug(client, site):
    response = client.get("/kommunen/05111000/")
    assert response.status_code == 301
    assert response["Location"] == "/kommunen/05111000/duesseldorf/"


def test_kreis_uses_five_digit_key(client, site):
    response = client.get("/kommunen/05358/")
    assert response.status_code == 301
    assert response["Location"] == "/kommunen/05358/kreis-dueren/"
    assert client.get(response["Location"]).status_code == 200


def test_wrong_slug_redirects_to_the_right_one(client, site):
    response = client.get("/kommunen/05111000/koeln/")
    assert response.status_code == 301
    assert response["Location"] == "/kommunen/05111000/duesseldorf/"


@pytest.mark.parametrize("path", ["/kommunen/05999999/", "/kommunen/05999/", "/kommunen/05999999/irgendwo/"])
def test_unknown_ags_is_a_german_404(client, site, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


@pytest.mark.parametrize("ags", ["abc", "0511100", "051110000", "06411000", "05111000x", "%20"])
def test_malformed_ags_is_404(client, site, ags):
    assert client.get(f"/kommunen/{ags}/").status_code == 404
    assert client.get(f"/kommunen/{ags}/duesseldorf/").status_code == 404


# --- Detail page ---------------------------------------------------------------------------


def test_detail_page_of_a_kreisfreie_stadt(client, site):
    html = client.get("/kommunen/05111000/duesseldorf/").content.decode()

    assert "<h1>Stadt Düsseldorf</h1>" in html
    assert "<dd>Düsseldorf, Stadt</dd>" in html
    assert "<dd>629.047</dd>" in html
    assert "<dd>217,41 km²</dd>" in html
    assert "<dd>kreisfrei</dd>" in html
    assert "<dd>40213</dd>" in html
    for name in ("Stadt Ratingen", "Stadt Dormagen", "Kreis Mettmann", "Rhein-Kreis Neuss"):
        assert re.search(rf'<li><a href="/kommunen/\d+/[\w-]+/">{name}</a>', html), name
    assert all(part in html for part in ATTRIBUTION)


def test_detail_page_of_a_kreis_lists_its_gemeinden(client, site):
    html = client.get("/kommunen/05358/kreis-dueren/").content.decode()

    assert "<h1>Kreis Düren</h1>" in html
    assert "15 Städte und Gemeinden im Kreisgebiet" in html
    assert '<a href="/kommunen/05358008/dueren/">Stadt Düren</a>' in html
    assert "<dt>Verwaltungssitz</dt><dd>Düren</dd>" in html
    assert "<dd>941,58 km²</dd>" in html


def test_aachen_keeps_the_rights_of_a_kreisfreie_stadt(client, site):
    html = client.get("/kommunen/05334002/aachen/").content.decode()
    assert '<a href="/kommunen/05334/staedteregion-aachen/">Städteregion Aachen</a>' in html
    assert "behält aber die Rechte einer kreisfreien Stadt" in html


def test_kreisangehoerige_gemeinde_links_its_kreis(client, site):
    html = client.get("/kommunen/05374016/hueckeswagen/").content.decode()
    assert '<dd><a href="/kommunen/05374/oberbergischer-kreis/">Oberbergischer Kreis</a></dd>' in html
    assert "Hückeswagen, Schloss-Stadt" in html


# --- SVG map -------------------------------------------------------------------------------


def test_gemeinde_map_highlights_it_and_its_neighbours(client, site):
    html = client.get("/kommunen/05111000/duesseldorf/").content.decode()
    links = map_links(html)

    assert len(links) > 20
    assert all(label.strip() for _href, label, _cls in links)
    current = [(href, label) for href, label, cls in links if "muni-map__area--current" in cls]
    assert current == [("/kommunen/05111000/duesseldorf/", "Stadt Düsseldorf")]
    neighbours = {label for _href, label, cls in links if "muni-map__area--neighbour" in cls}
    assert len(neighbours) == 10 and "Stadt Ratingen" in neighbours
    assert 'role="group" aria-labelledby="karte-title"' in html
    assert '<title id="karte-title">' in html
    assert 'aria-current="page"' in html
    assert "Schraffiert, dick umrandet: Stadt Düsseldorf" in html  # legend in words
    assert 'class="muni-map__outlines"' in html  # Kreis borders over the Gemeinden
    assert "style=" not in html and "<script>" not in html


def test_kreis_map_shows_the_kreis_and_its_neighbours(client, site):
    # Cropped to the Kreis and its neighbours (issue 11, item 10), not all of NRW.
    html = client.get("/kommunen/05358/kreis-dueren/").content.decode()
    links = map_links(html)

    kreis_level = {m.get_absolute_url() for m in Municipality.objects.kreis_level()}
    assert 6 <= len(links) < 53
    assert {href for href, _label, _cls in links} <= kreis_level
    assert [label for _h, label, cls in links if "current" in cls] == ["Kreis Düren"]
    assert len([1 for _h, _l, cls in links if "neighbour" in cls]) == 5


def test_map_numbers_are_not_localised(client, site):
    html = client.get("/kommunen/05358/kreis-dueren/").content.decode()
    view_box = re.search(r'viewBox="([^"]+)"', html).group(1)
    assert re.fullmatch(r"-?\d+ -?\d+ \d+ \d+", view_box)
    assert re.search(r'<pattern id="karte-hatch" width="\d+(\.\d+)?"', html)


# --- List ----------------------------------------------------------------------------------


def test_list_shows_all_427_with_overview_map(client, site):
    response = client.get(reverse("municipalities:list"))
    html = response.content.decode()

    assert response.status_code == 200
    assert count_of(html) == 427
    assert len(table_names(html)) == 427
    assert len(map_links(html)) == 53
    assert "Filter zurücksetzen" not in html
    assert all(part in html for part in ATTRIBUTION)
    for field in ("id_q", "id_regierungsbezirk", "id_kreis", "id_type"):
        assert f'<label for="{field}">' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("regierungsbezirk=Köln", 99 + 5 + 0),  # Gemeinden + Kreise (Rhein-Erft, Euskirchen, …)
        ("type=kreisfreie+Stadt", 22),
        ("type=Stadt", 250),
        ("type=Gemeinde", 124),
        ("type=Kreis", 31),
        ("kreis=05358", 15),
        ("regierungsbezirk=Detmold&type=Kreis", 6),
        ("regierungsbezirk=Münster&type=kreisfreie+Stadt", 3),
    ],
)
def test_list_filters_with_counts(client, site, query, expected):
    if query.startswith("regierungsbezirk=Köln"):
        expected = Municipality.objects.filter(regierungsbezirk="Köln").count()
        assert expected == 99 + 8  # 99 Gemeinden, 7 Kreise and the Städteregion
    html = client.get(f"/kommunen/?{query}").content.decode()

    assert count_of(html) == expected
    assert len(table_names(html)) == expected
    assert "Filter zurücksetzen" in html


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Koeln", {"Stadt Köln"}),
        ("köln", {"Stadt Köln"}),
        ("KOLN", {"Stadt Köln"}),
        ("duesseldorf", {"Stadt Düsseldorf"}),
        ("Düren", {"Stadt Düren", "Kreis Düren"}),
        ("05111000", {"Stadt Düsseldorf"}),
        ("hueckeswagen", {"Stadt Hückeswagen"}),
        ("preussisch", {"Stadt Preußisch Oldendorf"}),
        ("SCHLOSS holte", {"Stadt Schloß Holte-Stukenbrock"}),
        ("  monheim   am  rhein ", {"Stadt Monheim am Rhein"}),
    ],
)
def test_search_is_case_and_umlaut_tolerant(client, site, q, expected):
    html = client.get("/kommunen/", {"q": q}).content.decode()
    found = set(table_names(html))
    assert found == expected
    assert count_of(html) == len(found)


def test_search_by_kreisschluessel_finds_the_kreis_and_its_gemeinden(client, site):
    html = client.get("/kommunen/", {"q": "05358"}).content.decode()
    found = table_names(html)
    assert "Kreis Düren" in found and "Stadt Jülich" in found
    assert count_of(html) == len(found) == 16


def test_search_combines_with_filters(client, site):
    html = client.get("/kommunen/", {"q": "bad", "regierungsbezirk": "Detmold"}).content.decode()
    names = table_names(html)
    assert names == [
        "Stadt Bad Driburg", "Stadt Bad Lippspringe", "Stadt Bad Oeynhausen", "Stadt Bad Salzuflen",
        "Stadt Bad Wünnenberg", "Stadt Horn-Bad Meinberg", "Stadt Willebadessen",
    ]  # fmt: skip
    assert count_of(html) == 7


@pytest.mark.parametrize(
    "query",
    ["regierungsbezirk=Aachen", "type=Dorf", "kreis=99999", "kreis=<script>", "q=" + "x" * 500, "page=abc"],
)
def test_bad_filter_values_do_not_fail(client, site, query):
    response = client.get(f"/kommunen/?{query}")
    html = response.content.decode()
    assert response.status_code == 200
    if not query.startswith("page"):
        assert "Einige Angaben konnten nicht verwendet werden" in html
        assert 'class="errorlist"' in html
    assert count_of(html) == 427  # the bad value is ignored
    assert "<script>" not in html.split("</head>")[1]


def test_bad_value_keeps_the_other_filters(client, site):
    html = client.get("/kommunen/?regierungsbezirk=Nirgendwo&type=Kreis").content.decode()
    assert count_of(html) == 31


def test_no_hits_message(client, site):
    html = client.get("/kommunen/", {"q": "Atlantis"}).content.decode()
    assert count_of(html) == 0
    assert "Keine Körperschaft passt zu diesen Angaben." in html


def test_kreis_filter_highlights_the_kreis_on_the_map(client, site):
    html = client.get("/kommunen/?kreis=05358").content.decode()
    assert [label for _h, label, cls in map_links(html) if "current" in cls] == ["Kreis Düren"]


# --- Admin -----------------------------------------------------------------------------------


def test_admin_lists_and_searches_read_only(client, site, django_user_model):
    admin = django_user_model.objects.create_superuser(
        username="admin", email="admin@example.org", password="x" * 12
    )
    client.force_login(admin)
    index = client.get("/admin/koerperschaften/", {"q": "05111000"})
    assert index.status_code == 200
    assert "Stadt Düsseldorf" in index.content.decode()
    duesseldorf = Municipality.objects.get(ags="05111000")
    assert client.get(f"/admin/koerperschaften/inspect/{duesseldorf.pk}/").status_code == 200
    assert client.get(f"/admin/koerperschaften/edit/{duesseldorf.pk}/").status_code in (302, 403)
    assert client.get("/admin/koerperschaften/new/").status_code in (302, 403)
    assert client.post(f"/admin/koerperschaften/delete/{duesseldorf.pk}/").status_code in (302, 403)
    assert Municipality.objects.filter(pk=duesseldorf.pk).exists()


def test_filtered_count_names_the_registers_real_size(client, site):
    """ "3 Treffer von N Körperschaften": N is the register's size, not a number in the template."""
    total = Municipality.objects.count()
    html = client.get(reverse("municipalities:list"), {"q": "düren"}).content.decode()
    assert f"von {total} Körperschaften" in html
    Municipality.objects.filter(ags="05358008").delete()  # a Gemeinde of Kreis Düren
    html = client.get(reverse("municipalities:list"), {"q": "düren"}).content.decode()
    assert f"von {total - 1} Körperschaften" in html


@pytest.mark.django_db
def test_pages_work_before_the_boundaries_are_imported(client, home_page, municipality_factory):
    """A fresh installation has Körperschaften without boundaries: the list and a Kreis page answer
    without a map instead of failing."""
    kreis = municipality_factory("05358000", short_name="Düren", type="Kreis", level="kreis")
    html = client.get(reverse("municipalities:list")).content.decode()
    assert 'class="muni-map__svg"' not in html
    response = client.get(kreis.get_absolute_url())
    assert response.status_code == 200
    assert 'id="map-heading"' not in response.content.decode()
