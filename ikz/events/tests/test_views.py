"""The public pages, the registration form's messages and the personal pages: the online link only
ever reaches confirmed participants."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ikz.core.outbox import OutgoingMail
from ikz.events import services
from ikz.events.models import Registration, RegistrationStatus
from ikz.events.tokens import confirm_token_make, personal_token_make

pytestmark = pytest.mark.django_db
SECRET = "geheim-123"


def _register(client, event, email="eins@kommune.nrw.example", **extra):
    data = {"name": "Erika Muster", "email": email, "organisation": "Stadt Hückeswagen", "consent": "on"}
    data.update(extra)
    return client.post(reverse("events:register", args=[event.pk]), data)


def test_index_detail_archive_and_feed_are_public_and_never_show_the_access_link(
    client, event_factory, events_index
):
    upcoming = event_factory("Sprechstunde Zweckverband", capacity=10, intro="Fragen zum Zweckverband")
    past = event_factory("Fachtag Bauhof", days=-30)
    for url in (events_index.url, upcoming.url, events_index.url + "archiv/", past.url):
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET not in response.content.decode()
    index = client.get(events_index.url).content.decode()
    assert "Sprechstunde Zweckverband" in index and "Fachtag Bauhof" not in index
    assert 'rel="alternate" type="text/calendar"' in index
    archive = client.get(events_index.url + "archiv/").content.decode()
    assert "Fachtag Bauhof" in archive and "Sprechstunde Zweckverband" not in archive
    detail = client.get(upcoming.url).content.decode()
    assert "noch 10 frei" in detail and reverse("events:register", args=[upcoming.pk]) in detail
    assert "Die Anmeldung ist geschlossen" not in client.get(upcoming.url).content.decode()
    past_page = client.get(past.url).content.decode()
    assert "Unterlagen" in past_page and reverse("events:register", args=[past.pk]) not in past_page
    for url in (events_index.url + "feed.ics", upcoming.url + "kalender.ics"):
        response = client.get(url)
        assert response["Content-Type"].startswith("text/calendar")
        assert SECRET not in response.content.decode()


def test_registration_form_round_trip_and_messages(client, event_factory, smtp_server):
    event = event_factory(capacity=1)
    response = _register(client, event)
    assert response.status_code == 200 and "Fast geschafft" in response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]
    registration = Registration.objects.get()
    assert (registration.name, registration.email, registration.organisation) == (
        "Erika Muster",
        "eins@kommune.nrw.example",
        "Stadt Hückeswagen",
    )
    assert "Ich bin einverstanden" in registration.consent_text

    # The same address again: said plainly, nothing new stored.
    again = _register(client, event, email="EINS@kommune.nrw.example").content.decode()
    assert "Sie sind bereits angemeldet" in again and Registration.objects.count() == 1

    services.registration_confirm(token=confirm_token_make(registration=registration))
    full = client.get(event.url).content.decode()
    assert "ausgebucht" in full and "Auf die Warteliste" in full
    waiting = _register(client, event, email="zwei@kommune.nrw.example").content.decode()
    assert "Die Veranstaltung ist derzeit ausgebucht" in waiting and "Warteliste" in waiting


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "keine-adresse"}, "Bitte geben Sie eine gültige E-Mail-Adresse ein"),
        ({"email": ""}, "Bitte geben Sie Ihre E-Mail-Adresse an."),
        ({"name": ""}, "Bitte geben Sie Ihren Namen an."),
        ({"consent": ""}, "Bitte stimmen Sie der Speicherung Ihrer Angaben zu."),
    ],
)
def test_invalid_input_is_refused_in_german_and_nothing_is_saved(client, event_factory, data, message):
    response = _register(client, event_factory(), **data)
    assert message in response.content.decode()
    assert not Registration.objects.exists() and not OutgoingMail.objects.exists()


def test_past_event_refuses_registration(client, event_factory):
    past = event_factory(days=-1)
    response = _register(client, past)
    assert response.status_code == 400
    assert "bereits stattgefunden" in response.content.decode()
    assert not Registration.objects.exists() and not OutgoingMail.objects.exists()


def test_unpublished_event_has_no_registration(client, event_factory):
    draft = event_factory(publish=False)
    assert _register(client, draft).status_code == 404


def test_personal_page_shows_the_link_only_with_a_seat_and_cancel_works_once(
    client, event_factory, register_confirmed, smtp_server
):
    event = event_factory(capacity=1)
    seat = register_confirmed(event, "eins@kommune.nrw.example")
    waiting = register_confirmed(event, "zwei@kommune.nrw.example")
    seat_url = reverse("events:personal", args=[personal_token_make(registration=seat)])
    waiting_url = reverse("events:personal", args=[personal_token_make(registration=waiting)])
    page = client.get(seat_url)
    assert (
        SECRET in page.content.decode()
        and "private" in page["Cache-Control"]
        or "no-cache" in page["Cache-Control"]
    )
    waiting_page = client.get(waiting_url).content.decode()
    assert SECRET not in waiting_page and "Warteliste, Platz 1" in waiting_page
    ics = client.get(reverse("events:personal_ics", args=[personal_token_make(registration=seat)]))
    assert SECRET in ics.content.decode()
    assert (
        SECRET
        not in client.get(
            reverse("events:personal_ics", args=[personal_token_make(registration=waiting)])
        ).content.decode()
    )

    cancel_url = reverse("events:cancel", args=[personal_token_make(registration=seat)])
    assert "Jetzt abmelden" in client.get(cancel_url).content.decode()  # a GET cancels nothing
    seat.refresh_from_db()
    assert seat.status == RegistrationStatus.REGISTERED
    assert "abgemeldet" in client.post(cancel_url).content.decode()
    second = client.post(cancel_url)
    assert second.status_code == 400
    assert "bereits abgemeldet. Der Abmeldelink gilt nur einmal." in second.content.decode()
    assert "Der Abmeldelink gilt nur einmal" in client.get(cancel_url).content.decode()
    assert SECRET not in client.get(seat_url).content.decode()  # cancelled: no access any more
    assert SECRET in client.get(waiting_url).content.decode()  # moved up


def test_confirm_page_says_seat_or_waiting_list(client, event_factory, smtp_server):
    event = event_factory(capacity=1)
    first, _ = services.registration_request(event=event, name="A", email="a@kommune.nrw.example")
    second, _ = services.registration_request(event=event, name="B", email="b@kommune.nrw.example")
    page = client.get(
        reverse("events:confirm", args=[confirm_token_make(registration=first)])
    ).content.decode()
    assert "Sie sind angemeldet" in page
    page = client.get(
        reverse("events:confirm", args=[confirm_token_make(registration=second)])
    ).content.decode()
    assert "Sie stehen auf der Warteliste" in page and "Platz 1" in page
    bad = client.get(reverse("events:confirm", args=["kaputt"]))
    assert bad.status_code == 400 and "ungültig oder abgelaufen" in bad.content.decode()


def test_konto_lists_the_registrations_of_the_confirmed_address(
    client, member, event_factory, register_confirmed, smtp_server
):
    event = event_factory("Sprechstunde Standesamt")
    other = event_factory("Fremde Veranstaltung")
    register_confirmed(event, member.email.upper())
    register_confirmed(other, "jemand@kommune.nrw.example")
    client.force_login(member)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "Ihre Veranstaltungen" in page and "Sprechstunde Standesamt" in page
    assert "Fremde Veranstaltung" not in page
    assert re.search(r"/veranstaltungen/anmeldung/[^/\"]+/", page)


def test_konto_section_is_left_out_for_an_unconfirmed_address(client, user_factory, event_factory):
    user = user_factory(email_confirmed_at=None)
    client.force_login(user)
    assert "Ihre Veranstaltungen" not in client.get(reverse("accounts:profile")).content.decode()


def test_deadline_closes_the_form_on_the_page(client, event_factory):
    event = event_factory(days=3, registration_deadline=timezone.now() - timedelta(minutes=1))
    assert "Die Anmeldung ist geschlossen" in client.get(event.url).content.decode()
