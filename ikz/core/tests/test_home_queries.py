"""Issue 12: the start page's queries do not grow with the portal's content, its overview is kept
per content version (ikz.core.versioned_cache) and is fresh after every committed change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from ikz.core.models import PortalSettings
from ikz.projects.models import Project

pytestmark = pytest.mark.django_db


def _home(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/")
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_home_queries_do_not_grow_with_projects_and_entries(client, member, library_laws, project_factory):
    for i in range(2):
        project_factory(title=f"Frühes Projekt {i}")
    client.force_login(member)
    client.get("/")  # once per process: content types, site root paths
    few, html = _home(client)
    for i in range(12):
        project_factory(title=f"Späteres Projekt {i}")
    many, html = _home(client)
    assert many == few
    assert "Späteres Projekt 11" in html and "14 Kooperationen" in html


def test_overview_and_footer_are_kept_per_version_and_fresh_after_a_change(
    client, member, home_page, project_factory, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        project_factory(title="Erstes Projekt")
        client.force_login(member)
        settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
        settings.hotline_phone = "0211 123456"
        settings.save()
    cold, html = _home(client)
    warm, again = _home(client)
    assert warm < cold  # the overview and the footer came from the per-version cache
    assert "Erstes Projekt" in again and "1 Kooperation," in again and "0211 123456" in again
    assert 'href="/impressum/"' in again

    with django_capture_on_commit_callbacks(execute=True):
        project_factory(title="Zweites Projekt")
        PortalSettings.objects.update(hotline_phone="0211 654321")
    after, html = _home(client)
    assert after > warm  # rebuilt after the change
    assert "Zweites Projekt" in html and "2 Kooperationen" in html
    assert "0211 654321" in html and "0211 123456" not in html
    assert Project.objects.filter(live=True).count() == 2
