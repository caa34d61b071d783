"""The Redaktion's participant list of an event, on screen and as CSV (permission events.view_registration)."""

import csv
import io

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone

from ikz.core.exports import csv_writer

from .models import EventPage
from .selectors import participants_of, status_counts

PERMISSION = "events.view_registration"


def _event(request, page_id: int) -> EventPage:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    return get_object_or_404(EventPage, pk=page_id)


def _when(value) -> str:
    return timezone.localtime(value).strftime("%d.%m.%Y %H:%M") if value else ""


def participants(request, page_id: int):
    event = _event(request, page_id)
    rows = participants_of(event=event)
    return TemplateResponse(
        request,
        "events/admin/participants.html",
        {"event": event, "rows": rows, "counts": status_counts(event=event)},
    )


def participants_csv(request, page_id: int):
    event = _event(request, page_id)
    buffer = io.StringIO()
    writer = csv_writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(
        ["Name", "E-Mail-Adresse", "Körperschaft", "Status", "Wartelistenplatz", "Angemeldet am",
         "Bestätigt am", "Nachgerückt am", "Abgemeldet am"]
    )  # fmt: skip
    position = 0
    for r in participants_of(event=event):
        waiting = r.status == "waitlisted"
        position += waiting
        writer.writerow(
            [r.name, r.email, r.organisation, r.get_status_display(), position if waiting else "",
             _when(r.created_at), _when(r.confirmed_at), _when(r.moved_up_at), _when(r.cancelled_at)]
        )  # fmt: skip
    response = HttpResponse(
        ("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="teilnehmende-{event.slug}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response
