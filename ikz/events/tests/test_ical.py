"""iCalendar files parsed back with the `icalendar` library: RFC 5545 structure, time zone, UID."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def _parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_event_file_has_berlin_times_a_vtimezone_and_a_stable_uid(client, event_factory):
    day = timezone.localdate() + timedelta(days=30)
    start = timezone.make_aware(datetime.combine(day, time(10, 0)))
    event = event_factory(
        "Workshop Bauhof", start=start, end=start + timedelta(hours=3), format="vor_ort",
        venue="Rathaus Hückeswagen", address="Bahnhofsplatz 3\n42499 Hückeswagen",
    )  # fmt: skip
    calendar = _parse(client.get(event.url + "kalender.ics"))
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    (vevent,) = calendar.walk("VEVENT")
    assert vevent["SUMMARY"] == "Workshop Bauhof"
    dtstart = vevent.decoded("DTSTART")
    assert dtstart == start and dtstart.tzinfo is not None
    assert vevent["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert dtstart.astimezone(BERLIN).hour == 10
    assert vevent.decoded("DTEND") == start + timedelta(hours=3)
    assert vevent.decoded("DTSTAMP").utcoffset() == timedelta(0)
    assert "Rathaus Hückeswagen" in vevent["LOCATION"] and "42499" in vevent["LOCATION"]
    assert vevent["URL"] == "https://ikz.example" + event.url
    uid = vevent["UID"]
    assert uid == f"veranstaltung-{event.pk}@ikz.example"

    event.title = "Workshop Bauhof (neuer Titel)"
    event.save_revision().publish()
    again = _parse(client.get(event.url + "kalender.ics")).walk("VEVENT")[0]
    assert again["UID"] == uid and again["SUMMARY"] == "Workshop Bauhof (neuer Titel)"


def test_summer_and_winter_times_keep_their_offsets(client, event_factory, events_index):
    summer = timezone.make_aware(datetime(timezone.localdate().year + 1, 7, 1, 9, 0))
    winter = timezone.make_aware(datetime(timezone.localdate().year + 1, 12, 1, 9, 0))
    event_factory("Sommer", start=summer)
    event_factory("Winter", start=winter)
    calendar = _parse(client.get(events_index.url + "feed.ics"))
    starts = {e["SUMMARY"]: e.decoded("DTSTART") for e in calendar.walk("VEVENT")}
    assert starts["Sommer"].utcoffset() == timedelta(hours=2)
    assert starts["Winter"].utcoffset() == timedelta(hours=1)
    assert starts["Sommer"].astimezone(BERLIN).hour == starts["Winter"].astimezone(BERLIN).hour == 9


def test_feed_lists_all_upcoming_published_events_and_no_past_or_draft(client, event_factory, events_index):
    event_factory("Kommt bald", days=3)
    event_factory("Kommt später", days=40)
    event_factory("War schon", days=-3)
    event_factory("Entwurf", days=5, publish=False)
    calendar = _parse(client.get(events_index.url + "feed.ics"))
    assert [e["SUMMARY"] for e in calendar.walk("VEVENT")] == ["Kommt bald", "Kommt später"]
    assert calendar["X-WR-CALNAME"] == "IKZ-Portal NRW: Veranstaltungen"
    uids = [e["UID"] for e in calendar.walk("VEVENT")]
    assert len(set(uids)) == 2
    for vevent in calendar.walk("VEVENT"):
        for prop in ("UID", "DTSTAMP", "DTSTART"):  # required by RFC 5545 (with METHOD: PUBLISH)
            assert prop in vevent
        assert "geheim-123" not in vevent.to_ical().decode()
