"""German sort order (DIN 5007-1) in Python and in the database – run on SQLite and PostgreSQL."""

import datetime

import pytest
from django.db import connection

from ikz.core.collation import collated, sort_key
from ikz.core.taxonomy import TaskArea

GERMAN = ["Baugesetzbuch", "BMF", "Öffentliche Aufgaben", "Straße", "Strasse 2", "Zweckverbände"]
BYTE_ORDER = sorted(GERMAN)  # BMF, Baugesetzbuch, …, Zweckverbände, Öffentliche …


def test_sort_key_follows_din_5007_1():
    assert BYTE_ORDER != GERMAN
    assert sorted(BYTE_ORDER, key=sort_key) == GERMAN
    assert sorted(["Zweckverband", "Ärztekammer", "Amt"], key=sort_key) == [
        "Amt",
        "Ärztekammer",
        "Zweckverband",
    ]
    assert sort_key("Straße")[0] == sort_key("STRASSE")[0] == "strasse"


@pytest.mark.django_db
def test_database_orders_in_german():
    for i, name in enumerate(reversed(GERMAN)):
        TaskArea.objects.create(name=name, slug=f"sortierung-{i}")
    names = list(
        TaskArea.objects.filter(slug__startswith="sortierung-")
        .order_by(collated("name"))
        .values_list("name", flat=True)
    )
    # ICU and DIN 5007-1 agree on these; byte order would give BMF, Baugesetzbuch, …, Öffentliche.
    assert names == GERMAN, connection.vendor
    backwards = TaskArea.objects.filter(slug__startswith="sortierung-").order_by(
        collated("name", descending=True)
    )
    assert list(backwards.values_list("name", flat=True)) == GERMAN[::-1]


@pytest.mark.django_db
def test_lists_by_name_or_title_are_german(client, municipality_factory, project_factory):
    from ikz.municipalities.selectors import municipality_list

    for ags, name in [("05999001", "Zülpich"), ("05999002", "Öhringen"), ("05999003", "BMF-Stadt"),
                      ("05999004", "Baesweiler")]:  # fmt: skip
        municipality_factory(ags, short_name=name)
    names = [m.short_name for m in municipality_list() if m.ags.startswith("05999")]
    assert names == ["Baesweiler", "BMF-Stadt", "Öhringen", "Zülpich"]

    same_day = datetime.date(2020, 1, 1)
    town = municipality_factory("05374016")
    for title in [
        "Zweckverbände im Test",
        "Öffentliche Vereinbarung",
        "BMF-Prüfung",
        "Baugesetzbuch-Beratung",
    ]:
        project_factory(title=title, municipalities=[town], start_date=same_day)
    shown = [p.title for p in client.get("/projekte/", {"sort": "title"}).context["projects"]]
    assert shown == [
        "Baugesetzbuch-Beratung",
        "BMF-Prüfung",
        "Öffentliche Vereinbarung",
        "Zweckverbände im Test",
    ]


@pytest.mark.django_db
def test_default_order_of_register_and_projects_is_german(municipality_factory, project_factory):
    """Every list that relies on the models' default order (admin listings, choices, exports)."""
    from ikz.municipalities.models import Municipality
    from ikz.projects.models import Project

    for ags, name in [("05999001", "Zülpich"), ("05999002", "Öhringen"), ("05999003", "BMF-Stadt"),
                      ("05999004", "Baesweiler")]:  # fmt: skip
        municipality_factory(ags, short_name=name)
    names = list(Municipality.objects.filter(ags__startswith="05999").values_list("short_name", flat=True))
    assert names == ["Baesweiler", "BMF-Stadt", "Öhringen", "Zülpich"], connection.vendor
    town = Municipality.objects.get(ags="05999001")
    for title in ["Zweckverbände im Test", "Öffentliche Vereinbarung", "BMF-Prüfung"]:
        project_factory(title=title, municipalities=[town], start_date=datetime.date(2020, 1, 1))
    titles = list(Project.objects.filter(start_date=datetime.date(2020, 1, 1)).values_list("title", flat=True))
    assert titles == ["BMF-Prüfung", "Öffentliche Vereinbarung", "Zweckverbände im Test"], connection.vendor
