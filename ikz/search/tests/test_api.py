import pytest

pytestmark = pytest.mark.django_db

URL = "/api/v1/search"


def test_response_shape_and_ranking(client, search_index):
    response = client.get(URL, {"q": "Inobhutnahmen Jugendamt"})
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"query", "count", "total", "total_is_lower_bound", "results"}
    assert data["query"] == "Inobhutnahmen Jugendamt"
    assert data["count"] == len(data["results"]) > 0
    first = data["results"][0]
    assert set(first) == {"external_id", "kind", "title", "url", "snippet"}
    assert first["external_id"] == "bund:sgb_8:§42"
    assert first["kind"] == "law"
    assert "<mark>" in first["snippet"]


def test_portal_made_entries_have_null_external_id(client, search_index):
    data = client.get(URL, {"q": "Bauhof", "kind": "project"}).json()
    assert data["results"][0]["external_id"] is None
    assert data["results"][0]["url"] == "/projekte/bauhof/"


def test_kind_filter(client, search_index):
    data = client.get(URL, {"q": "Abwasserbeseitigung", "kind": "project"}).json()
    assert data["count"] >= 1
    assert {r["kind"] for r in data["results"]} == {"project"}


@pytest.mark.parametrize("limit,expected", [("1", 1), ("3", 3), ("100", None)])
def test_limit_bounds(client, search_index, limit, expected):
    data = client.get(URL, {"q": "Gemeinde", "limit": limit}).json()
    if expected:
        assert data["count"] == expected
    else:
        assert data["count"] <= 100


@pytest.mark.parametrize(
    "params,word",
    [
        ({}, "„q“"),
        ({"q": "   "}, "„q“"),
        ({"q": "Vergabe", "limit": "0"}, "limit"),
        ({"q": "Vergabe", "limit": "101"}, "limit"),
        ({"q": "Vergabe", "limit": "zehn"}, "limit"),
        ({"q": "Vergabe", "kind": "unbekannt"}, "Art"),
    ],
)
def test_bad_parameters_give_400_with_german_message(client, search_index, params, word):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert word in response.json()["error"]


@pytest.mark.parametrize("q", ["ä" * 10_000, "!!!", '" * NEAR( ; DROP', "%' OR '1'='1"])
def test_hostile_queries_are_answered_normally(client, search_index, q):
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)


def test_openapi_description(client):
    data = client.get("/api/v1/search/openapi.json").json()
    operation = data["paths"]["/api/v1/search"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {"q", "kind", "limit"}
    assert "400" in operation["responses"]
    assert "external_id" in data["components"]["schemas"]["SearchResult"]["properties"]
