"""With the page cache on: event pages are stored for anonymous visitors and renewed when a seat is
taken; registration, confirmation and personal pages are never stored."""

import pytest
from django.urls import reverse

from ikz.events import services
from ikz.events.tokens import confirm_token_make, personal_token_make

pytestmark = pytest.mark.django_db


def test_event_page_is_cached_and_renewed_when_a_seat_is_taken(
    page_cache, client, event_factory, smtp_server, django_capture_on_commit_callbacks
):
    event = event_factory(capacity=2)
    assert client.get(event.url)["X-Page-Cache"] == "miss"
    hit = client.get(event.url)
    assert hit["X-Page-Cache"] == "hit" and "noch 2 frei" in hit.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        registration, _ = services.registration_request(event=event, name="A", email="a@kommune.nrw.example")
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_confirm(token=confirm_token_make(registration=registration))
    again = client.get(event.url)
    assert again["X-Page-Cache"] == "miss" and "noch 1 frei" in again.content.decode()

    for url in (
        reverse("events:register", args=[event.pk]),
        reverse("events:personal", args=[personal_token_make(registration=registration)]),
        reverse("events:cancel", args=[personal_token_make(registration=registration)]),
    ):
        client.get(url)
        second = client.get(url)
        assert second.get("X-Page-Cache") != "hit", url
        assert "no-store" in second["Cache-Control"] or "private" in second["Cache-Control"], url


def test_calendars_are_cached_renewed_on_publish_and_personal_ones_never_stored(
    page_cache, client, event_factory, events_index, smtp_server, django_capture_on_commit_callbacks
):
    """Calendar programs poll the public .ics files; they come from the page cache and carry a
    change after publishing. The personal file holds the access link and is never stored."""
    event = event_factory("Workshop Bauhof", capacity=5)
    for url in (events_index.url + "feed.ics", event.url + "kalender.ics"):
        assert client.get(url)["X-Page-Cache"] == "miss", url
        hit = client.get(url)
        assert hit["X-Page-Cache"] == "hit" and hit["Content-Type"].startswith("text/calendar"), url
        assert "SUMMARY:Workshop Bauhof" in hit.content.decode(), url
    with django_capture_on_commit_callbacks(execute=True):
        event.title = "Workshop Bauhof (verlegt)"
        event.save_revision().publish()
    for url in (events_index.url + "feed.ics", event.url + "kalender.ics"):
        renewed = client.get(url)
        assert (
            renewed["X-Page-Cache"] == "miss" and "Workshop Bauhof (verlegt)" in renewed.content.decode()
        ), url

    with django_capture_on_commit_callbacks(execute=True):
        registration, _ = services.registration_request(event=event, name="A", email="a@kommune.nrw.example")
    url = reverse("events:personal_ics", args=[personal_token_make(registration=registration)])
    client.get(url)
    second = client.get(url)
    assert second.get("X-Page-Cache") != "hit"
