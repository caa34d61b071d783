"""Open-data exports: the header is the CSV's first line, the licence travels as a Link header and
in the JSON's meta, one English vocabulary for both, and an export holds exactly what the list shows."""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse

from ikz.projects.export import CSV_COLUMNS

pytestmark = pytest.mark.django_db

LICENCE_LINK = '<https://www.govdata.de/dl-de/zero-2-0>; rel="license"'


@pytest.fixture
def listed(municipality_factory, project_factory):
    hw = municipality_factory("05374016")
    ddf = municipality_factory("05111000")
    project_factory(title="Gemeinsamer Bauhof", municipalities=[hw, ddf], legal_form="oerv",
                    task_areas=["bauhof"], start_date=datetime.date(2020, 1, 1))  # fmt: skip
    project_factory(title="Zweckverband Wasser", municipalities=[hw], legal_form="zweckverband",
                    task_areas=["bauhof"], start_date=datetime.date(2021, 1, 1))  # fmt: skip
    project_factory(title="IT-Verbund", municipalities=[ddf], legal_form="oerv",
                    task_areas=["it-digitalisierung"], start_date=datetime.date(2022, 1, 1))  # fmt: skip
    project_factory(title="Archiv", municipalities=[ddf], legal_form="informell",
                    start_date=datetime.date(2019, 1, 1))  # fmt: skip


def _csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_csv_header_is_the_first_line_and_names_ags_columns(client, listed):
    response = client.get(reverse("projects:export_csv"))
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].split(";") == CSV_COLUMNS
    reader = csv.DictReader(io.StringIO(text), delimiter=";")
    assert [c for c in reader.fieldnames if "ags" in c] == ["participant_ags", "lead_ags"]
    rows = list(reader)
    assert len(rows) == 4
    bauhof = next(r for r in rows if r["title"] == "Gemeinsamer Bauhof")
    assert set(bauhof["participant_ags"].split("|")) == {"05374016", "05111000"}
    assert "Lizenz" not in text


@pytest.mark.parametrize("name", ["projects:export_csv", "projects:export_json"])
def test_exports_name_their_licence_in_a_link_header(client, listed, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert response["Link"].startswith(LICENCE_LINK)


def test_csv_and_json_speak_one_vocabulary(client, listed):
    data = json.loads(client.get(reverse("projects:export_json")).content)
    assert data["meta"]["licence"]["url"] == "https://www.govdata.de/dl-de/zero-2-0"
    keys = set(data["projects"][0])
    flattened = {"participant_ags", "participant_names", "lead_ags", "as_of"}  # from "participants" etc.
    assert set(CSV_COLUMNS) - flattened <= keys
    assert all(c == c.lower() and c.isascii() for c in CSV_COLUMNS)


@pytest.mark.parametrize(
    "query",
    [
        {"legal_form": "oerv"},
        {"municipality": "05374016"},
        {"task_area": "bauhof", "sort": "title"},
        {"q": "bauhof"},
        {},
    ],
)
def test_filtered_export_equals_the_filtered_list(client, listed, query):
    shown = [p.title for p in client.get(reverse("projects:list"), query).context["projects"]]
    assert shown  # every query here matches something
    csv_titles = [r["title"] for r in _csv_rows(client.get(reverse("projects:export_csv"), query))]
    data = json.loads(client.get(reverse("projects:export_json"), query).content)
    assert csv_titles == shown
    assert [p["title"] for p in data["projects"]] == shown
    assert data["meta"]["count"] == len(shown) and data["meta"]["filters"] == query


def test_export_links_on_the_list_carry_its_filters(client, listed):
    html = client.get(reverse("projects:list"), {"legal_form": "oerv", "q": "bauhof"}).content.decode()
    assert 'href="/projekte/export.csv?legal_form=oerv&amp;q=bauhof"' in html
    assert 'href="/projekte/export.json?legal_form=oerv&amp;q=bauhof"' in html
    assert 'rel="license"' in html
    plain = client.get(reverse("projects:list")).content.decode()
    assert 'href="/projekte/export.csv"' in plain
