"""Demo content of the events: /veranstaltungen/ with two example events, marked „Beispiel“."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from .models import EventFormat, EventIndexPage, EventPage, EventSpeaker


@transaction.atomic
def events_index_ensure(*, home) -> EventIndexPage:
    index = EventIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=EventIndexPage(
                title="Veranstaltungen",
                slug="veranstaltungen",
                intro="Online-Sprechstunden, Workshops und Fachtage rund um die interkommunale "
                "Zusammenarbeit. Die Anmeldung ist kostenlos.",
            )
        )
        index.save_revision().publish()
    return index


def _at(days: int, hour: int):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


@transaction.atomic
def events_demo_setup(*, home) -> EventIndexPage:
    """Idempotent: the examples are created once, three and six weeks after the first set-up."""
    from ikz.core.taxonomy import TaskArea

    index = events_index_ensure(home=home)
    if EventPage.objects.exists():
        return index
    examples = [
        {
            "title": "Beispiel: Online-Sprechstunde Interkommunale Zusammenarbeit",
            "slug": "beispiel-online-sprechstunde",
            "start": _at(21, 10),
            "end": _at(21, 11),
            "format": EventFormat.ONLINE,
            "online_url": "https://konferenz.example/ikz-sprechstunde",
            "online_note": "Beispiel: Kenncode 1234",
            "capacity": 30,
            "intro": "Beispielveranstaltung: Fragen rund um Zweckverband, öffentlich-rechtliche "
            "Vereinbarung und Förderung – eine Stunde, offen für alle Kommunen.",
            "speakers": [("Beispiel-Referentin", "Redaktion des IKZ-Portals")],
            "topics": ["verwaltung"],
        },
        {
            "title": "Beispiel: Workshop Gemeinsamer Bauhof",
            "slug": "beispiel-workshop-gemeinsamer-bauhof",
            "start": _at(42, 9),
            "end": _at(42, 13),
            "format": EventFormat.ONSITE,
            "venue": "Beispiel-Rathaus, Sitzungssaal",
            "address": "Musterstraße 1\n40210 Düsseldorf",
            "capacity": 20,
            "intro": "Beispielveranstaltung: Wie Kommunen Fahrzeuge, Personal und Winterdienst "
            "gemeinsam organisieren. Mit Erfahrungsberichten und Zeit für Fragen.",
            "speakers": [("Beispiel-Referent", "Bauhofleitung einer Beispielgemeinde")],
            "topics": ["bauen-planen"],
        },
    ]
    for data in examples:
        speakers = data.pop("speakers")
        topics = data.pop("topics")
        event = EventPage(**data)
        for name, affiliation in speakers:
            event.speakers.add(EventSpeaker(name=name, affiliation=affiliation))
        event.task_areas.set(TaskArea.objects.filter(slug__in=topics))
        index.add_child(instance=event)
        event.save_revision().publish()
    return index
