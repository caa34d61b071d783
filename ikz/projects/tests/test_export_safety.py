"""Data that leaves the portal (CSV/JSON exports, the JSON API) is plain text without formulas,
and the read-only API refuses writes with a JSON 405.

The classes are closed by one helper each: `ikz.core.exports` (plain text, formula-safe CSV –
`test_no_csv_writer_outside_the_export_helper` keeps every CSV export on it) and
`ikz.api.http.read_only_api` (`test_every_api_route_refuses_writes` walks every /api/ route).
"""

import csv
import io
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

FORMULAS = ['=HYPERLINK("https://example.org/?x="&A1;"Klick")', "+1+2", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1"]


@pytest.fixture
def hostile_project(project_factory, municipality_factory):
    town = municipality_factory("05374016", short_name="<b>Hückeswagen</b>")
    project = project_factory(
        title='=HYPERLINK("https://example.org/?x="&A1;"Klick")',
        summary="<script>alert(1)</script>Gemeinsamer <em>Bauhof</em>",
        municipalities=[town],
    )
    participant = project.participants.first()
    participant.name = "<img src=x onerror=alert(1)>Stadt Nirgendwo"
    participant.save()
    return project


@pytest.mark.parametrize("text", FORMULAS)
def test_csv_cells_cannot_start_a_formula(text):
    from ikz.core.exports import csv_cell, csv_writer

    assert csv_cell(text) == "'" + text
    assert csv_cell("Bauhof = gemeinsam") == "Bauhof = gemeinsam"
    assert csv_cell(-3) == -3  # numbers stay numbers
    buffer = io.StringIO()
    csv_writer(buffer, delimiter=";").writerow([text, 5])
    (row,) = csv.reader(io.StringIO(buffer.getvalue()), delimiter=";")
    assert row == ["'" + text, "5"]


def test_export_csv_has_no_formula_and_no_markup(client, hostile_project):
    text = client.get(reverse("projects:export_csv")).content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    (row,) = rows
    assert row["title"] == "'" + hostile_project.title
    for cell in row.values():
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
        assert "<" not in cell, cell
    assert "Stadt Nirgendwo" in text or "Hückeswagen" in text


@pytest.mark.parametrize("path", ["/api/v1/projects/", "detail", "/projekte/export.json", "/api/v1/search"])
def test_json_has_no_markup(client, hostile_project, path, django_capture_on_commit_callbacks):
    from ikz.search.registry import search_index_update

    with django_capture_on_commit_callbacks(execute=True):
        search_index_update(hostile_project)
    if path == "detail":
        path = f"/api/v1/projects/{hostile_project.pk}/"
    response = client.get(path, {"q": "HYPERLINK Bauhof"} if "search" in path else {})
    assert response.status_code == 200
    data = response.json()
    texts = []

    def walk(value, key=""):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and key != "snippet":  # the snippet is documented escaped HTML
            texts.append(value)

    walk(data)
    assert texts
    offenders = [t for t in texts if re.search(r"<\s*/?\s*[a-zA-Z]", t)]
    assert offenders == []


def _api_routes():
    """Every URL pattern below /api/, with sample values for its converters."""

    def walk(patterns, prefix=""):
        for p in patterns:
            route = prefix + str(p.pattern)
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, route)
            elif isinstance(p, URLPattern):
                yield route

    for route in walk(get_resolver().url_patterns):
        if route.startswith("api/"):
            yield "/" + re.sub(r"<(?:int:)?\w+>", "{pk}", route)


def test_every_api_route_is_walked():
    routes = set(_api_routes())
    assert {"/api/v1/search", "/api/v1/projects/", "/api/v1/projects/{pk}/", "/api/v1/openapi.json"} <= routes
    assert set(EXAMPLE_QUERIES) <= routes


# A valid reading request per route with required parameters (the others take a search term).
EXAMPLE_QUERIES = {
    "/api/v1/assistent/foerderung": {"ags": ["05374016", "05374012"], "ausgaben": "100000"},
}


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_every_api_route_refuses_writes(hostile_project, municipality_factory, method):
    municipality_factory("05374012")  # the second partner of the funding example
    client = Client(enforce_csrf_checks=True)  # as a real client: no CSRF token
    for route in _api_routes():
        path = route.replace("{pk}", str(hostile_project.pk))
        assert client.get(path, EXAMPLE_QUERIES.get(route, {"q": "Bauhof"})).status_code == 200, path
        response = getattr(client, method)(path, data="{}", content_type="application/json")
        assert response.status_code == 405, (path, method, response.status_code)
        assert response["Content-Type"].startswith("application/json"), path
        assert "GET" in response["Allow"]
        assert "nicht erlaubt" in response.json()["detail"]


def test_no_csv_writer_outside_the_export_helper():
    """A CSV export written with csv.writer directly is the next formula injection."""
    root = Path(__file__).resolve().parents[2]
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        and path.name != "exports.py"
        and re.search(r"csv\.(writer|DictWriter)\(", path.read_text())
    ]
    assert offenders == [], "use ikz.core.exports.csv_writer"
