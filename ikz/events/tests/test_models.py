"""Model rules: dates, the format's place, one open registration per address, search and demo."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ikz.events.models import EventPage, Registration, RegistrationStatus

pytestmark = pytest.mark.django_db


def test_clean_refuses_end_before_start_deadline_after_start_and_onsite_without_place():
    start = timezone.now() + timedelta(days=3)
    with pytest.raises(ValidationError) as exc:
        EventPage(title="x", start=start, end=start - timedelta(hours=1)).clean()
    assert "Das Ende liegt vor dem Beginn." in str(exc.value)
    with pytest.raises(ValidationError, match="Anmeldeschluss liegt nach dem Beginn"):
        EventPage(title="x", start=start, registration_deadline=start + timedelta(hours=1)).clean()
    with pytest.raises(ValidationError, match="Bitte geben Sie den Ort an"):
        EventPage(title="x", start=start, format="vor_ort").clean()
    EventPage(title="x", start=start, format="online").clean()


def test_times_are_stored_aware_and_shown_in_berlin(event_factory):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    start = datetime(2031, 3, 30, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))  # first day of summer time
    event = event_factory(start=start)
    event.refresh_from_db()
    assert event.start == start and event.start.utcoffset() == timedelta(0)  # stored as UTC
    assert timezone.localtime(event.start).hour == 10


def test_one_open_registration_per_address_in_the_database(event_factory):
    event = event_factory()
    Registration.objects.create(event=event, name="A", email="a@kommune.nrw.example")
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(event=event, name="B", email="A@Kommune.nrw.example")
    Registration.objects.update(status=RegistrationStatus.CANCELLED)
    Registration.objects.create(
        event=event, name="B", email="a@kommune.nrw.example"
    )  # after cancelling: again
    Registration.objects.update(email="", status=RegistrationStatus.REGISTERED)  # deleted data never collides
    assert Registration.objects.count() == 2


def test_events_are_searchable_and_the_search_text_has_no_access_link(event_factory):
    from ikz.search.models import SearchDocument
    from ikz.search.registry import search_reindex

    event = event_factory("Sprechstunde Standesamt", intro="Gemeinsames Standesamt gründen")
    search_reindex()
    document = SearchDocument.objects.get(source="events.eventpage", object_id=str(event.pk))
    assert document.kind == "event" and document.url == event.url
    assert "Standesamt" in document.title and "geheim-123" not in document.body
    draft = event_factory("Entwurf", publish=False)
    search_reindex()
    assert not SearchDocument.objects.filter(source="events.eventpage", object_id=str(draft.pk)).exists()


def test_new_events_appear_in_the_newsletters_what_is_new(event_factory, home_page):
    from ikz.newsletter.demo import newsletter_index_ensure
    from ikz.newsletter.models import NewsletterEditionPage
    from ikz.newsletter.services import pages_published_since

    index = newsletter_index_ensure(home=home_page)
    edition = NewsletterEditionPage(title="Ausgabe")
    index.add_child(instance=edition)
    event = event_factory("Fachtag IKZ")
    assert event.pk in [p.pk for p in pages_published_since(edition=edition)]


def test_demo_events_are_marked_and_set_up_once(home_page):
    from ikz.events.demo import events_demo_setup

    events_demo_setup(home=home_page)
    events_demo_setup(home=home_page)
    titles = list(EventPage.objects.live().values_list("title", flat=True))
    assert len(titles) == 2 and all(title.startswith("Beispiel:") for title in titles)
    assert all(e.start > timezone.now() for e in EventPage.objects.all())
