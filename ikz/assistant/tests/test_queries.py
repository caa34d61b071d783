"""A result page's queries do not grow with its partners or the projects it lists (issue 12)."""

from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .test_views import FULL

pytestmark = pytest.mark.django_db

DUEREN_GEMEINDEN = ["05358008", "05358012", "05358016", "05358020", "05358024", "05358028", "05358032"]


def _url(partners: list[str], section: str = "ergebnis") -> str:
    query = [(name, value) for name, value in FULL if name != "partner"]
    return f"/assistent/{section}/?" + urlencode([*(("partner", p) for p in partners), *query])


def _queries(client, url: str) -> tuple[int, str]:
    client.get(url)  # site root paths cached, as on a running server
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.parametrize("section", ["ergebnis", "rechtsform", "foerderung"])
def test_queries_do_not_grow_with_partners_or_projects(
    client, register, rules, assistant_laws, project_factory, section
):
    partners = [register[ags] for ags in DUEREN_GEMEINDEN]
    project_factory("Bauhof Erster", partners[:2], task_areas=("bauhof",), legal_form="oerv")
    few, body = _queries(client, _url(DUEREN_GEMEINDEN[:2], section))
    assert "Stadt Düren" in body

    for number, legal_form in enumerate(
        ["zweckverband", "oerv", "gku", "privatrechtlich", "zweckverband"] * 3
    ):
        project_factory(f"Bauhof {number:02d}", partners[:2], task_areas=("bauhof",), legal_form=legal_form)
    many, body = _queries(client, _url(DUEREN_GEMEINDEN, section))
    assert many <= few, f"{few} queries with 2 partners and 1 project, {many} with 7 partners and 16 projects"
    assert all(register[ags].display_name in body for ags in DUEREN_GEMEINDEN)
    if section != "foerderung":
        assert "Bauhof 00" in body and "Bauhof 01" in body
        assert "Bauhof 14" not in body  # five per legal form, by title


def test_rules_and_projects_are_kept_per_version_and_fresh_after_a_change(
    client, register, rules, assistant_laws, project_factory, django_capture_on_commit_callbacks
):
    """Rules, cited sections and projects are read once per content version; a project approved or
    a rule edited later shows on the next page."""
    from ikz.assistant.models import Rule

    url = _url(DUEREN_GEMEINDEN[:2], "rechtsform")
    with django_capture_on_commit_callbacks(execute=True):
        project_factory("Bauhof Alt", [register["05358008"], register["05358012"]], legal_form="zweckverband")
    cold, body = _queries(client, url)  # _queries warms up first: this is the warm count
    assert "Bauhof Alt" in body
    with django_capture_on_commit_callbacks(execute=True):
        project_factory("Bauhof Neu", [register["05358008"], register["05358012"]], legal_form="zweckverband")
        Rule.objects.filter(key="aufsicht-sitz").update(text="Von der Redaktion geändert.")
    with CaptureQueriesContext(connection) as rebuilt:
        body = client.get(url).content.decode()
    assert "Bauhof Neu" in body and "Bauhof Alt" in body
    assert "Von der Redaktion geändert." in body
    assert len(rebuilt) > cold  # rules, sections and projects read again after the change
    assert _queries(client, url)[0] == cold
