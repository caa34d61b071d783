"""/ansprechpartner/ in the browser: filter by region, open a contact, axe on list and detail; the
person details appear for a member only."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, client, user):
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def test_contacts_in_the_browser(live_server, page, axe, client, municipality_factory, member, home_page):
    from django.utils import timezone

    from ikz.contacts.models import Contact
    from ikz.contacts.services import authorities_sync

    municipality_factory("05374016")  # Hückeswagen in the Oberbergischer Kreis
    authorities_sync()
    koeln = Contact.objects.get(key="bezirksregierung-koeln")
    koeln.person_name = "Erika Beispiel"
    koeln.person_email = "erika.beispiel@bezreg.example"
    koeln.consent_at = timezone.localdate()
    koeln.consent_text = "Beispiel: Einwilligung"
    koeln.save()

    page.goto(live_server.url + "/ansprechpartner/")
    axe(page)
    expect(page.get_by_role("heading", name="Bezirksregierung", exact=True)).to_be_visible()
    page.get_by_label("Regierungsbezirk").select_option("Köln")
    page.get_by_role("button", name="Anzeigen").click()
    expect(page.get_by_role("link", name="Bezirksregierung Köln")).to_be_visible()
    expect(page.get_by_role("link", name="Bezirksregierung Detmold")).to_have_count(0)
    expect(page.get_by_text("Die Ansprechperson sehen angemeldete Mitglieder.")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Bezirksregierung Köln").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bezirksregierung Köln")
    expect(page.locator("dd", has_text="Zeughausstraße 2-10")).to_be_visible()
    expect(page.get_by_text("Erika Beispiel")).to_have_count(0)
    axe(page)

    _login(page, live_server, client, member)
    page.reload()
    expect(page.get_by_text("Erika Beispiel")).to_be_visible()
    axe(page)
