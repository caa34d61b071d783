"""What a register page costs (issue 12): no query per row, and what is rendered once per content
version (fragments.py) is served from memory until the register changes – and never after."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ikz.core.pagecache import invalidation
from ikz.municipalities.models import Level, Municipality, MunicipalityType, Neighbourship


@pytest.fixture
def site(home_page, register):
    return register


def queries_of(client, path: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured), response.content.decode()


def commit_pending_writes() -> None:
    """What the commit of the test's data would do: renew the content version. (Inside the
    test's transaction the writes stay pending, and versioned_cache rightly caches nothing.)"""
    invalidation.fire_pending_writes(connection.alias)


def add_gemeinden(kreis: Municipality, like: Municipality, n: int) -> list[Municipality]:
    """n more Gemeinden in `kreis`, drawn where `like` is, each a neighbour of `like`."""
    added = []
    for i in range(n):
        m = Municipality.objects.create(
            ags=f"{kreis.ags}9{i:02d}", name=f"Testdorf {i}", short_name=f"Testdorf {i}",
            level=Level.GEMEINDE, type=MunicipalityType.GEMEINDE, kreis=kreis,
            regierungsbezirk=kreis.regierungsbezirk, population=1000 + i,
            map_path=Municipality.objects.get(pk=like.pk).map_path,
            map_bbox=Municipality.objects.get(pk=like.pk).map_bbox,
            search_text=f"testdorf {i}",
        )  # fmt: skip
        for a, b in ((like, m), (m, like)):
            Neighbourship.objects.create(municipality=a, neighbour=b, level=Level.GEMEINDE, border_km=1)
        added.append(m)
    return added


# --- No query per row ----------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/kommunen/", "/kommunen/?kreis=05358", "/kommunen/?q=test"])
def test_register_list_queries_do_not_grow_with_the_register(client, site, path):
    client.get(path)  # per-process lookups (the Wagtail site) happen once
    before, html = queries_of(client, path)
    rows_before = html.count('<th scope="row">')
    add_gemeinden(site["05358"], site["05358024"], 5)
    after, html = queries_of(client, path)
    assert html.count('<th scope="row">') == rows_before + 5
    assert after == before


@pytest.mark.parametrize(
    ("ags", "path"),
    [
        ("05358", "/kommunen/05358/kreis-dueren/"),  # a Kreis: members, inner borders
        ("05358024", "/kommunen/05358024/juelich/"),  # a Gemeinde: neighbours, Kreis outlines
    ],
)
def test_koerperschaft_page_queries_do_not_grow_with_members_and_neighbours(client, site, ags, path):
    client.get(path)
    before, html = queries_of(client, path)
    assert "Testdorf" not in html
    add_gemeinden(site["05358"], site["05358024"], 4)
    after, html = queries_of(client, path)
    assert html.count("Testdorf") >= 4  # listed (members or neighbours) and drawn
    assert after == before


# --- Rendered once per content version, never stale ----------------------------------------


def test_register_list_is_cached_until_the_register_changes(client, site):
    commit_pending_writes()
    first, html = queries_of(client, "/kommunen/")
    again, cached = queries_of(client, "/kommunen/")
    assert again < first  # rows, order, map and filter choices came from memory
    assert cached == html
    assert "Testdorf" not in html and "<td>Stadt Jülich</td>" not in html

    # A register change (an import writes like this) is committed: the next request shows it.
    Municipality.objects.filter(ags="05358024").update(short_name="Testdorf an der Rur")
    commit_pending_writes()
    _n, html = queries_of(client, "/kommunen/")
    assert ">Stadt Testdorf an der Rur</a></th>" in html
    # The map beside the list changes with the data too: the Kreis's area is named anew.
    Municipality.objects.filter(ags="05358").update(short_name="Rur-Eifel")
    commit_pending_writes()
    _n, html = queries_of(client, "/kommunen/?kreis=05358")
    assert 'aria-label="Kreis Rur-Eifel"' in html
    assert (
        re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', html).count("Stadt Testdorf an der Rur")
        == 1
    )


def test_filtered_list_is_cached_per_filter_and_follows_changes(client, site):
    commit_pending_writes()
    _n, dueren = queries_of(client, "/kommunen/?kreis=05358")
    _n, detmold = queries_of(client, "/kommunen/?regierungsbezirk=Detmold")
    assert dueren.count('<th scope="row">') == 15
    assert queries_of(client, "/kommunen/?kreis=05358")[1] == dueren
    assert queries_of(client, "/kommunen/?regierungsbezirk=Detmold")[1] == detmold

    add_gemeinden(Municipality.objects.get(ags="05358"), Municipality.objects.get(ags="05358024"), 2)
    commit_pending_writes()
    _n, html = queries_of(client, "/kommunen/?kreis=05358")
    assert html.count('<th scope="row">') == 17
    assert "Testdorf 1" in html


def test_koerperschaft_page_and_map_are_cached_until_the_register_changes(client, site):
    commit_pending_writes()
    first, html = queries_of(client, "/kommunen/05358024/juelich/")
    again, cached = queries_of(client, "/kommunen/05358024/juelich/")
    assert again < first and cached == html
    assert 'aria-label="Gemeinde Titz"' in html  # a neighbour on the map

    # A neighbour is renamed: the list of neighbours and the map beside it say so at once.
    Municipality.objects.filter(ags="05358056").update(short_name="Testdorf")
    commit_pending_writes()
    _n, html = queries_of(client, "/kommunen/05358024/juelich/")
    assert 'aria-label="Gemeinde Testdorf"' in html and "Titz" not in html
    assert ">Gemeinde Testdorf</a>" in html

    # And a new neighbour is drawn and listed.
    add_gemeinden(Municipality.objects.get(ags="05358"), Municipality.objects.get(ags="05358024"), 1)
    commit_pending_writes()
    _n, html = queries_of(client, "/kommunen/05358024/juelich/")
    assert 'aria-label="Gemeinde Testdorf 0"' in html


def test_a_member_and_an_anonymous_visitor_see_the_same_cached_content(client, site, django_user_model):
    member = django_user_model.objects.create_user(username="m", email="m@example.org", password="x-Y-12345!")
    client.force_login(member)
    commit_pending_writes()
    _n, member_html = queries_of(client, "/kommunen/05111000/duesseldorf/")
    client.logout()
    _n, anonymous_html = queries_of(client, "/kommunen/05111000/duesseldorf/")
    start = anonymous_html.index('<nav class="muni-breadcrumb"')
    end = anonymous_html.index("</main>") if "</main>" in anonymous_html else -1
    assert anonymous_html[start:end] in member_html


def test_unknown_and_renamed_keys_with_the_cache_on(client, site):
    commit_pending_writes()
    assert client.get("/kommunen/05999999/irgendwo/").status_code == 404
    assert client.get("/kommunen/05111000/").headers["Location"] == "/kommunen/05111000/duesseldorf/"
    Municipality.objects.filter(ags="05111000").update(slug="landeshauptstadt-duesseldorf")
    commit_pending_writes()
    response = client.get("/kommunen/05111000/duesseldorf/")
    assert response.status_code == 301
    assert response.headers["Location"] == "/kommunen/05111000/landeshauptstadt-duesseldorf/"
