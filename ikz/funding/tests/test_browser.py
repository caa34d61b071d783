"""/foerderung/ in Chromium: filter without JavaScript tricks, subscribe as a member; axe on every page."""

import datetime

import pytest

from ikz.funding.models import berlin_today

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, client, user):
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def test_filter_and_subscribe(live_server, page, axe, client, member, programme_factory, ikz_nrw):
    from playwright.sync_api import expect

    from ikz.funding.models import FundingSubscription

    today = berlin_today()
    day = datetime.timedelta(days=1)
    programme_factory(
        "Beispiel Abfall offen", start=today - day, end=today + 40 * day, task_areas=("abfall",)
    )
    programme_factory(
        "Beispiel Schulen bald", start=today + 9 * day, end=today + 90 * day, task_areas=("schulen",)
    )

    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Förderung").click()
    expect(page.get_by_role("heading", name="3 Förderprogramme")).to_be_visible()
    axe(page)

    page.get_by_label("Aufgabenbereich").select_option(label="– Abfall")
    page.get_by_role("button", name="Filtern").click()
    expect(page.get_by_role("heading", name="1 Förderprogramm", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Beispiel Abfall offen")).to_be_visible()
    assert "task_area=abfall" in page.url  # the filter lives in the address
    axe(page)

    page.get_by_role("link", name="Alle Filter zurücksetzen").click()
    page.get_by_label("Nur jetzt offene Programme").check()
    page.get_by_role("button", name="Filtern").click()
    expect(page.get_by_role("heading", name="1 Förderprogramm", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Beispiel Abfall offen")).to_be_visible()
    expect(page.get_by_role("link", name="Beispiel Schulen bald")).to_have_count(0)

    # anonymous: the programme page explains how to subscribe
    page.get_by_role("link", name="Beispiel Abfall offen").click()
    expect(page.get_by_text("Mitglieder können dieses Programm abonnieren")).to_be_visible()
    axe(page)

    # a member subscribes and unsubscribes
    _login(page, live_server, client, member)
    page.reload()
    page.get_by_role("button", name="Programm abonnieren").click()
    expect(page.get_by_text("Sie haben „Beispiel Abfall offen“ abonniert.")).to_be_visible()
    axe(page)
    assert FundingSubscription.objects.filter(user=member).count() == 1
    page.goto(live_server.url + "/konto/")
    expect(page.get_by_role("heading", name="Abonnierte Förderprogramme")).to_be_visible()
    page.get_by_role("link", name="Beispiel Abfall offen").click()
    page.get_by_role("button", name="Abonnement beenden").click()
    expect(page.get_by_text("Ihr Abonnement von „Beispiel Abfall offen“ ist beendet.")).to_be_visible()
    assert not FundingSubscription.objects.exists()

    # the real programme's window has ended: no button, a clear word
    page.goto(live_server.url + ikz_nrw.url)
    expect(page.get_by_text("Das Antragsfenster ist abgelaufen.")).to_be_visible()
    expect(page.get_by_role("button", name="Programm abonnieren")).to_have_count(0)
    axe(page)
