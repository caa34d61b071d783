"""The contribution path in Chromium, from draft to published, and axe on every new page."""

import re

import pytest

from ikz.accounts.fixtures import TEST_PASSWORD  # noqa: F401 - people log in via force_login cookies

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, client, user):
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def test_contribution_path_and_axe(
    live_server, home_page, demo_projects, member_factory, editor, page, axe, client
):
    from ikz.municipalities.models import Municipality
    from ikz.projects import services
    from ikz.projects.models import Project

    hueckeswagen = Municipality.objects.get(ags="05374016")
    member = member_factory(municipality=hueckeswagen, email="beitrag@kommune.nrw.example")

    page.goto(live_server.url + "/projekte/?task_area=bauen-planen")
    axe(page)
    page.get_by_role("link", name=re.compile("Gemeinsamer Bauhof der Städte")).first.click()
    axe(page)

    _login(page, live_server, client, member)
    page.goto(live_server.url + "/projekte/neu/")
    axe(page)
    page.get_by_label("Titel des Projekts").fill("Gemeinsame Friedhofsverwaltung")
    page.get_by_label("Kurzbeschreibung").fill("Zwei Städte verwalten ihre Friedhöfe gemeinsam.")
    page.get_by_label("Bauen und Planen › Bauhof").check()
    page.get_by_label("Phase").select_option("vorbereitung")
    page.locator("#id_participants-1-municipality").fill("05374052")
    page.get_by_role("button", name="Entwurf speichern").click()
    page.wait_for_load_state()
    errors = page.locator(".errorlist, .form-errors").all_inner_texts()
    assert not errors, errors
    page.wait_for_url(re.compile("/projekte/meine/"))
    assert "Entwurf ist gespeichert" in page.content()

    page.get_by_role("link", name=re.compile("^Bearbeiten")).first.click()
    page.get_by_label("Ziele und Inhalte").fill("Eine gemeinsame Satzung.")
    page.get_by_role("button", name="Speichern und zur Prüfung einreichen").click()
    # the draft had no Rechtsform: submitting asks for it, everything typed stays
    assert "zum Einreichen die Rechtsform" in page.locator(".field--error").inner_text()
    assert page.get_by_label("Ziele und Inhalte").input_value() == "Eine gemeinsame Satzung."
    page.get_by_label("Rechtsform").select_option("oerv")
    page.get_by_role("button", name="Speichern und zur Prüfung einreichen").click()
    page.wait_for_url(re.compile("/projekte/meine/"))
    assert "zur Prüfung" in page.content()

    project = Project.objects.get(title="Gemeinsame Friedhofsverwaltung")
    assert project.moderation_status == "submitted" and not project.live
    assert {p.municipality.ags for p in project.participants.all()} == {"05374016", "05374052"}
    services.project_approve(project=project, user=editor)

    page.context.clear_cookies()
    page.goto(live_server.url + "/projekte/?q=Friedhofsverwaltung")
    page.get_by_role("link", name="Gemeinsame Friedhofsverwaltung").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Gemeinsame Friedhofsverwaltung"
    assert "Eine gemeinsame Satzung." in page.content()

    _login(page, live_server, client, member)
    page.goto(live_server.url + "/partner/?municipality=05374016&task_area=bauhof")
    assert "Wipperfürth" in page.content()
    axe(page)


def test_partner_request_pages_profile_and_confirm_page_pass_axe(
    live_server, home_page, demo_projects, member_factory, page, axe, client
):
    from ikz.municipalities.models import Municipality
    from ikz.projects import services
    from ikz.projects.models import Project

    hueckeswagen = Municipality.objects.get(ags="05374016")
    member = member_factory(municipality=hueckeswagen, email="gesuch@kommune.nrw.example")
    _login(page, live_server, client, member)

    page.goto(live_server.url + "/partner/suche/neu/")
    axe(page)
    page.get_by_label("Aufgabenbereich").select_option("archiv")
    page.get_by_label("Wir suchen Partner für …").fill("ein gemeinsames Archiv")
    page.get_by_label("Beschreibung").fill("Wir suchen eine Nachbarkommune für ein gemeinsames Magazin.")
    page.get_by_role("button", name="Partnersuche veröffentlichen").click()
    page.wait_for_url(re.compile("/partner/suche/\\d+/"))
    assert "gemeinsames Archiv" in page.content()
    axe(page)

    page.goto(live_server.url + hueckeswagen.get_absolute_url())
    assert page.get_by_role("heading", name=re.compile("Kooperation", re.I)).count() >= 1
    axe(page)

    project = Project.objects.get(external_id="bauhof-hueckeswagen-wipperfuerth")
    page.context.clear_cookies()
    page.goto(live_server.url + f"/projekte/bestaetigen/{services.confirm_token_make(project)}/")
    assert page.get_by_role("button").count() >= 1
    axe(page)
