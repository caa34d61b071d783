"""/foerderung/: filters (GET, no JavaScript), the programme page, subscribing by role, bad input."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from ikz.funding.models import FundingSubscription, berlin_today

pytestmark = pytest.mark.django_db

TODAY = berlin_today()


def _titles(response) -> list[str]:
    assert response.status_code == 200
    doc = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in doc.select(".funding-list h3 a")]


@pytest.fixture
def programmes(programme_factory, ikz_nrw):
    day = datetime.timedelta(days=1)
    return {
        "open": programme_factory(
            "Beispiel Abfall offen", start=TODAY - 10 * day, end=TODAY + 60 * day, task_areas=("abfall",),
            applicants=("kreise",),
        ),
        "soon": programme_factory(
            "Beispiel Schulen bald", start=TODAY + 30 * day, end=TODAY + 90 * day, task_areas=("schulen",),
            applicants=("gemeinden",),
        ),
        "ikz": ikz_nrw,
    }  # fmt: skip


def test_the_index_lists_every_programme_with_its_window(client, programmes):
    response = client.get("/foerderung/")
    titles = _titles(response)
    assert len(titles) == 3 and titles[0].startswith("Förderrichtlinie IKZ NRW")  # real before examples
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert "Jetzt offen" in text and "Öffnet am" in text and "Geschlossen" in text
    assert "Beispiel" in text


def test_filters_by_task_area_applicant_type_and_open_now(client, programmes):
    assert _titles(client.get("/foerderung/", {"task_area": "abfall"})) == ["Beispiel Abfall offen"]
    # a top-level area finds the programmes of its sub-areas
    assert _titles(client.get("/foerderung/", {"task_area": "bildung-kultur"})) == ["Beispiel Schulen bald"]
    both = _titles(client.get("/foerderung/", {"applicant_type": "gemeinden"}))
    assert len(both) == 2 and "Beispiel Schulen bald" in both
    assert _titles(client.get("/foerderung/", {"open_now": "on"})) == ["Beispiel Abfall offen"]
    assert _titles(client.get("/foerderung/", {"open_now": "on", "applicant_type": "gemeinden"})) == []


def test_an_unknown_filter_value_is_a_german_error_not_a_crash(client, programmes):
    response = client.get("/foerderung/", {"task_area": "gibtsnicht"})
    assert response.status_code == 200
    assert "Diesen Aufgabenbereich gibt es nicht." in response.content.decode()
    assert len(_titles(response)) == 3  # the list stays unfiltered


def test_the_programme_page_shows_facts_source_and_stand(client, ikz_nrw):
    response = client.get(ikz_nrw.url)
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    for fact in (
        "Fördergeber Land Nordrhein-Westfalen",
        "Richtlinie für Zuwendungen des Landes Nordrhein-Westfalen",
        "Regelzuwendung 175.000 €",
        "höchstens 90 % der zuwendungsfähigen Ausgaben",
        "die zuständige Bezirksregierung",
        "Stand der Angaben: 29. November 2026",
        "https://www.bezreg-koeln.nrw.de/",
        "Geschlossen: das letzte bekannte Antragsfenster endete am 14.05.2026",
    ):
        assert fact in text, fact
    assert "Mitglieder können dieses Programm abonnieren" in text and "Anmelden" in text
    assert (
        reverse("funding:subscribe", args=[ikz_nrw.pk]) not in response.content.decode()
    )  # no form, no token


def test_anonymous_cannot_subscribe(client, programmes):
    url = reverse("funding:subscribe", args=[programmes["open"].pk])
    response = client.post(url)
    assert response.status_code == 302 and "/konto/" in response["Location"]
    assert not FundingSubscription.objects.exists()
    assert client.get(url).status_code in (302, 405)


def test_a_member_subscribes_once_and_unsubscribes(client, member, programmes):
    programme = programmes["open"]
    client.force_login(member)
    page = client.get(programme.url).content.decode()
    assert "Programm abonnieren" in page
    url = reverse("funding:subscribe", args=[programme.pk])
    response = client.post(url, follow=True)
    assert "Sie haben „Beispiel Abfall offen“ abonniert" in response.content.decode()
    assert "Abonnement beenden" in response.content.decode()
    # twice: a clear message, still one row
    response = client.post(url, follow=True)
    assert "Sie haben „Beispiel Abfall offen“ bereits abonniert." in response.content.decode()
    assert FundingSubscription.objects.filter(user=member).count() == 1
    # /konto/ lists it
    konto = client.get(reverse("accounts:profile")).content.decode()
    assert "Abonnierte Förderprogramme" in konto and "Beispiel Abfall offen" in konto
    # unsubscribe; a second time says so
    response = client.post(reverse("funding:unsubscribe", args=[programme.pk]), follow=True)
    assert "Ihr Abonnement von „Beispiel Abfall offen“ ist beendet." in response.content.decode()
    assert not FundingSubscription.objects.exists()
    response = client.post(reverse("funding:unsubscribe", args=[programme.pk]), follow=True)
    assert "nicht abonniert" in response.content.decode()


def test_a_closed_programme_cannot_be_subscribed(client, member, ikz_nrw):
    client.force_login(member)
    assert reverse("funding:subscribe", args=[ikz_nrw.pk]) not in client.get(ikz_nrw.url).content.decode()
    response = client.post(reverse("funding:subscribe", args=[ikz_nrw.pk]), follow=True)
    assert "ist am 14.05.2026 abgelaufen" in response.content.decode()
    assert not FundingSubscription.objects.exists()


def test_an_upcoming_programme_can_be_subscribed(client, member, programmes):
    client.force_login(member)
    client.post(reverse("funding:subscribe", args=[programmes["soon"].pk]))
    assert FundingSubscription.objects.filter(user=member, programme=programmes["soon"]).exists()


def test_editor_and_public_user_without_membership_may_not_subscribe(client, editor, public_user, programmes):
    for user in (editor, public_user):
        client.force_login(user)
        page = client.get(programmes["open"].url).content.decode()
        assert "bestätigte Mitglieder einer Körperschaft" in page
        assert reverse("funding:subscribe", args=[programmes["open"].pk]) not in page
        response = client.post(reverse("funding:subscribe", args=[programmes["open"].pk]), follow=True)
        assert "Förderprogramme abonnieren können bestätigte Mitglieder" in response.content.decode()
    assert not FundingSubscription.objects.exists()


def test_an_unpublished_programme_cannot_be_subscribed(client, member, programmes):
    programme = programmes["open"]
    programme.unpublish()
    client.force_login(member)
    assert client.post(reverse("funding:subscribe", args=[programme.pk])).status_code == 404
    assert not FundingSubscription.objects.exists()


def test_the_programme_page_lists_its_published_projects_only(client, programmes, project_factory):
    programme = programmes["open"]
    project_factory("Gemeinsamer Wertstoffhof", funding_programme=programme)
    project_factory("Noch nicht veröffentlicht", live=False, funding_programme=programme)
    project_factory("Ohne Förderung")
    text = client.get(programme.url).content.decode()
    assert "Gemeinsamer Wertstoffhof" in text
    assert "Noch nicht veröffentlicht" not in text and "Ohne Förderung" not in text


def test_a_project_names_its_programme_and_an_unchanged_save_keeps_it(
    client, member, programmes, project_factory
):
    from ikz.projects.models import Project
    from tests.browser_form import as_post_data, find_form, form_fields

    municipality = member.memberships.first().municipality
    project = project_factory(
        "Wertstoffhof", municipalities=[municipality], funding_programme=programmes["open"]
    )
    client.force_login(member)
    detail = client.get(project.get_absolute_url()).content.decode()
    assert "Gefördert durch das Förderprogramm" in detail and programmes["open"].url in detail
    url = reverse("projects:edit", args=[project.pk])
    html = client.get(url).content.decode()
    data = as_post_data(form_fields(find_form(html, having="title"), submitter="save"))
    assert data["funding_programme_id"] == [str(programmes["open"].pk)]
    response = client.post(url, data)
    assert response.status_code == 302
    latest = Project.objects.get(pk=project.pk).get_latest_revision_as_object()
    assert latest.funding_programme_id == programmes["open"].pk


def test_the_assistant_links_the_programme_page(client, ikz_nrw, municipality_factory):
    municipality_factory("05374016")
    municipality_factory("05374020")
    response = client.get(
        reverse("assistant:foerderung"),
        {"partner": ["05374016", "05374020"], "ausgaben": "300000"},
    )
    assert response.status_code == 200
    assert ikz_nrw.url in response.content.decode()


def test_an_edit_conflict_names_the_programme_by_title(programmes):
    from ikz.projects.conflicts import display

    assert display("funding_programme_id", programmes["open"].pk) == "Beispiel Abfall offen"
    assert display("funding_programme_id", None) == "(leer)"


def test_the_programme_page_links_the_competent_contacts_of_every_region(client, ikz_nrw):
    """The Förderrichtlinie is granted by the Bezirksregierung of the applicant's region: the page
    links the Ansprechpartner list filtered to the Bezirksregierungen, which lists all five."""
    from ikz.contacts.services import authorities_sync

    authorities_sync()
    page = BeautifulSoup(client.get(ikz_nrw.url).content, "html.parser")
    link = page.find("a", string=re.compile("Ansprechpartner: Bezirksregierung"))
    assert link is not None and link["href"] == reverse("contacts:list") + "?art=bezirksregierung"
    listing = BeautifulSoup(client.get(link["href"]).content, "html.parser").get_text(" ", strip=True)
    for city in ("Arnsberg", "Detmold", "Düsseldorf", "Köln", "Münster"):
        assert f"Bezirksregierung {city}" in listing, city
