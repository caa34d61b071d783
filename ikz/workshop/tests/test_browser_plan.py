"""Plan and checklist of a Werkstatt in Chromium: plan from the legal form, edit a milestone, add
and move one, a conflict between two browsers, tick a library checklist, choose the e-mail; axe on
every page."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, client, user):
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def test_plan_and_checklist_together(
    live_server, home_page, page, browser, axe, client, lead, member_factory, municipality_factory,
    library_checklist, add_member, workshop,
):  # fmt: skip
    from ikz.assistant.loader import rules_sync
    from ikz.workshop.models import Role
    from ikz.workshop.models_plan import Milestone

    rules_sync()
    colleague = member_factory(municipality=municipality_factory("05374020"), email="kollegin@lindlar.nrw.example",
                               first_name="Karla", last_name="Kollegin")  # fmt: skip
    add_member(workshop, colleague, Role.CONTRIBUTOR)
    other = browser.new_context(locale="de-DE", timezone_id="Europe/Berlin").new_page()
    other.context.set_default_timeout(15_000)
    _login(other, live_server, client.__class__(), colleague)
    _login(page, live_server, client, lead)
    detail = f"{live_server.url}/werkstatt/{workshop.key}/"

    # the plan, derived from the legal form
    page.goto(detail)
    page.get_by_role("link", name="Plan aus der Rechtsform anlegen").click()
    axe(page)
    page.get_by_label("Rechtsform der Zusammenarbeit").select_option("oerv_delegierend")
    page.get_by_role("button", name="Plan anlegen").click()
    expect(page.get_by_text("Der Plan ist angelegt.")).to_be_visible()
    table = page.locator("table.workshop-plan")
    expect(table).to_contain_text("§ 24 Abs. 2 GkG NRW")
    expect(table).to_contain_text("Start der Zusammenarbeit")
    axe(page)

    # add an own milestone with owner and date, move it up
    page.get_by_label("Meilenstein", exact=True).fill("Bürgerinformation")
    page.get_by_label("Termin").fill("2027-02-15")
    page.get_by_label("Verantwortlich").select_option(label="Karla Kollegin")
    page.get_by_role("button", name="Meilenstein hinzufügen").click()
    expect(page.get_by_text("Der Meilenstein „Bürgerinformation“ ist hinzugefügt.")).to_be_visible()
    own = page.locator("tr", has_text="Bürgerinformation")
    expect(own).to_contain_text("15.02.2027")
    expect(own).to_contain_text("Karla Kollegin")
    own.get_by_role("button", name="nach oben").click()
    expect(page.get_by_text("„Bürgerinformation“ ist verschoben.")).to_be_visible()
    titles = [m.title for m in Milestone.objects.order_by("position")]
    assert titles[-2] == "Bürgerinformation"
    axe(page)

    # both open the same milestone; the second save shows both versions
    approval = Milestone.objects.get(rule_key="oerv-genehmigung")
    edit_url = f"{detail}plan/{approval.pk}/"
    page.goto(edit_url)
    other.goto(edit_url)
    axe(page)
    page.get_by_label("Erläuterung").fill("Antrag an die Bezirksregierung.")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("ist gespeichert")).to_be_visible()
    other.get_by_label("Erläuterung").fill("Antrag an den Kreis.")
    other.get_by_role("button", name="Speichern").click()
    expect(other.get_by_role("heading", name="Der Meilenstein wurde inzwischen geändert")).to_be_visible()
    expect(other.locator(".proj-conflict")).to_contain_text("Antrag an die Bezirksregierung.")
    axe(other)
    other.get_by_role("button", name="Meine Fassung speichern").click()
    expect(other.get_by_text("ist gespeichert")).to_be_visible()
    approval.refresh_from_db()
    assert approval.description == "Antrag an den Kreis."

    # a checklist of the library, ticked by the colleague, seen by the lead
    other.goto(detail)
    other.get_by_role("link", name="Checkliste aus der Wissensdatenbank beginnen").click()
    axe(other)
    other.get_by_label("Checkliste aus der Wissensdatenbank").select_option(label=library_checklist.title)
    other.get_by_role("button", name="Checkliste beginnen").click()
    expect(other.get_by_text("Alle Mitglieder sehen sie")).to_be_visible()
    first = library_checklist.steps.first()
    other.locator(f"#done-{first.pk}").check()
    other.get_by_label("Notiz zu Schritt 1").fill("Im Rat am 3. Mai")
    other.get_by_role("button", name="Speichern").click()
    expect(other.get_by_text("Gespeichert.")).to_be_visible()
    axe(other)
    page.goto(detail)
    page.get_by_role("link", name=library_checklist.title).click()
    expect(page.locator(f"#done-{first.pk}")).to_be_checked()
    expect(page.get_by_label("Notiz zu Schritt 1")).to_have_value("Im Rat am 3. Mai")
    axe(page)

    # the activity list names who did what; the e-mail choice
    page.goto(detail)
    activity = page.locator(".workshop-activity")
    expect(activity).to_contain_text("Karla Kollegin hat die Checkliste")
    expect(activity).to_contain_text("Lea Leitung hat den Plan")
    page.get_by_role("link", name="Ändern").click()
    axe(page)
    page.get_by_label("einmal täglich als Zusammenfassung").check()
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Gespeichert: einmal täglich als Zusammenfassung.")).to_be_visible()
    page.wait_for_url(re.compile(r"/werkstatt/[0-9a-f-]{36}/$"))
    other.context.close()
