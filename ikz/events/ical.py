"""iCalendar (RFC 5545) for one event and for the feed of all upcoming ones, with the `icalendar`
package: times in Europe/Berlin with a VTIMEZONE, a UID that stays the same as long as the page
exists, DTSTAMP and LAST-MODIFIED from the last publication. The online link is never in these
public files; a participant's own file (`registration_calendar`) carries it."""

import datetime

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event

PRODID = "-//IKZ-Portal NRW//Veranstaltungen//DE"


def _domain() -> str:
    return settings.PORTAL_BASE_URL.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"


def event_uid(event) -> str:
    return f"veranstaltung-{event.pk}@{_domain()}"


def _absolute(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def _location(event) -> str:
    parts = []
    if event.is_onsite:
        parts.append(", ".join(p for p in [event.venue, " ".join(event.address.split())] if p))
    if event.is_online:
        parts.append("Online")
    return " / ".join(p for p in parts if p)


def _vevent(event, *, access: bool = False) -> Event:
    tz = timezone.get_default_timezone()
    url = _absolute(event.url or "/")
    stamp = event.last_published_at or event.latest_revision_created_at or timezone.now()
    vevent = Event()
    vevent.add("uid", event_uid(event))
    vevent.add("dtstamp", stamp.astimezone(datetime.UTC))
    vevent.add("last-modified", stamp.astimezone(datetime.UTC))
    vevent.add("dtstart", timezone.localtime(event.start, tz))
    vevent.add("dtend", timezone.localtime(event.end or event.start, tz))
    vevent.add("summary", event.title)
    description = [event.intro.strip(), strip_tags(event.body or "").strip()]
    location = _location(event)
    if access and event.is_online:
        description.append(f"Zugang: {event.online_url}" if event.online_url else "")
        description.append(event.online_note.strip())
        if event.online_url:
            location = " / ".join(
                p for p in [location.replace("Online", "").strip(" /"), event.online_url] if p
            )
    description.append(f"Weitere Informationen: {url}")
    vevent.add("description", "\n\n".join(p for p in description if p))
    if location:
        vevent.add("location", location)
    vevent.add("url", url)
    topics = [t.name for t in event.task_areas.all()]
    if topics:
        vevent.add("categories", topics)
    return vevent


def calendar_bytes(events, *, access: bool = False, name: str = "") -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        calendar.add_component(_vevent(event, access=access))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def ics_response(events, *, filename: str, access: bool = False, name: str = "") -> HttpResponse:
    response = HttpResponse(
        calendar_bytes(events, access=access, name=name), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
