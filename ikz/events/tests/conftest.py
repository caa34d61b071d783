"""Fixtures of the events: the index at /veranstaltungen/ and a factory of published events."""

import itertools
from datetime import timedelta

import pytest

_slugs = itertools.count(1)


@pytest.fixture(autouse=True)
def _events_settings(settings):
    settings.PORTAL_BASE_URL = "https://ikz.example"


@pytest.fixture
def events_index(home_page):
    from ikz.events.demo import events_index_ensure

    return events_index_ensure(home=home_page)


@pytest.fixture
def event_factory(events_index):
    from django.utils import timezone

    from ikz.events.models import EventPage

    def make(title: str = "Online-Sprechstunde IKZ", *, days: float = 10, publish: bool = True, **fields):
        start = fields.pop("start", None) or timezone.now() + timedelta(days=days)
        fields.setdefault("end", start + timedelta(hours=1))
        fields.setdefault("format", "online")
        fields.setdefault("online_url", "https://konferenz.example/geheim-123")
        event = EventPage(
            title=title, slug=f"veranstaltung-{next(_slugs)}", start=start, live=publish, **fields
        )
        events_index.add_child(instance=event)
        if publish:
            event.save_revision().publish()
            event.refresh_from_db()
        return event

    return make


@pytest.fixture
def register_confirmed():
    """Register and confirm through the services, as the links would; returns the registration."""
    from ikz.events import services
    from ikz.events.tokens import confirm_token_make

    def make(event, email: str, name: str = "Erika Muster", now=None):
        registration, created = services.registration_request(event=event, name=name, email=email, now=now)
        assert created
        return services.registration_confirm(token=confirm_token_make(registration=registration), now=now)

    return make
