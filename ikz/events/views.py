"""Registration, confirmation, the personal page and cancellation: all per person, never cached."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from ikz.core.throttle import Throttled, client_address, throttle_hit

from . import services
from .forms import RegistrationForm
from .ical import ics_response
from .models import EventPage, RegistrationStatus
from .selectors import seats_free
from .tokens import personal_token_make

# Confirmation mails per client address and per target address an hour (THROTTLE_RATES overrides).
REGISTER_RATES = {"ip": (20, 60 * 60), "address": (5, 60 * 60)}


def _event(event_id: int) -> EventPage:
    event = EventPage.objects.live().public().filter(pk=event_id).first()
    if event is None:
        raise Http404
    return event


@never_cache
@require_http_methods(["GET", "POST"])
def register(request, event_id: int):
    event = _event(event_id)
    form = RegistrationForm(request.POST or None)
    context = {"event": event, "form": form, "page": event}
    status = 200
    if not event.registration_open():
        context["closed"] = services.closed_message(event)
        return render(
            request, "events/register.html", context, status=400 if request.method == "POST" else 200
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            throttle_hit(
                scope="events.register",
                limits={
                    "ip": (client_address(request), REGISTER_RATES["ip"]),
                    "address": (data["email"].lower(), REGISTER_RATES["address"]),
                },
            )
            if data["website"]:  # the honeypot: bots get the same answer, nothing is stored
                registration, created = None, True
            else:
                registration, created = services.registration_request(
                    event=event, name=data["name"], email=data["email"], organisation=data["organisation"]
                )
        except Throttled as exc:
            form.add_error(None, exc.message)
            status = 429
        except ValidationError as exc:
            form.add_error(None, " ".join(exc.messages))
            status = 400
        else:
            context.update(done=True, duplicate=not created, email=data["email"], registration=registration)
    context["seats_free"] = seats_free(event=event)
    return render(request, "events/register.html", context, status=status)


@never_cache
def confirm(request, token: str):
    try:
        registration = services.registration_confirm(token=token)
    except ValidationError as exc:
        return render(request, "events/confirm.html", {"error": " ".join(exc.messages)}, status=400)
    return render(
        request,
        "events/confirm.html",
        {
            "registration": registration,
            "event": registration.event,
            "token": personal_token_make(registration=registration),
        },
    )


def _personal_context(registration, token: str) -> dict:
    event = registration.event
    return {
        "registration": registration,
        "event": event,
        "token": token,
        "access": registration.status == RegistrationStatus.REGISTERED and not event.is_past(),
        "position": registration.waitlist_position(),
        "cancellable": registration.status != RegistrationStatus.CANCELLED and event.start > timezone.now(),
    }


@never_cache
def personal(request, token: str):
    try:
        registration = services.registration_by_personal_token(token)
    except ValidationError as exc:
        return render(request, "events/personal.html", {"error": " ".join(exc.messages)}, status=404)
    return render(request, "events/personal.html", _personal_context(registration, token))


def feed(request):
    """/veranstaltungen/feed.ics: every upcoming published event, for calendar subscriptions."""
    from .selectors import events_upcoming

    return ics_response(
        events_upcoming(), filename="veranstaltungen.ics", name="IKZ-Portal NRW: Veranstaltungen"
    )


def event_ics(request, slug: str):
    event = EventPage.objects.live().public().filter(slug=slug).first()
    if event is None:
        raise Http404
    return ics_response([event], filename=f"{event.slug}.ics")


@never_cache
def personal_ics(request, token: str):
    try:
        registration = services.registration_by_personal_token(token)
    except ValidationError:
        raise Http404 from None
    access = registration.status == RegistrationStatus.REGISTERED
    return ics_response([registration.event], filename=f"{registration.event.slug}.ics", access=access)


@never_cache
@require_http_methods(["GET", "POST"])
def cancel(request, token: str):
    """A GET (link previews, virus scanners) never cancels: it shows the button."""
    try:
        registration = services.registration_by_personal_token(token)
    except ValidationError as exc:
        return render(request, "events/cancel.html", {"error": " ".join(exc.messages)}, status=404)
    if request.method == "POST":
        try:
            registration = services.registration_cancel(token=token)
        except ValidationError as exc:
            return render(
                request,
                "events/cancel.html",
                {"error": " ".join(exc.messages), "event": registration.event},
                status=400,
            )
        return render(request, "events/cancel.html", {"done": True, "event": registration.event})
    if registration.status == RegistrationStatus.CANCELLED:
        return render(
            request,
            "events/cancel.html",
            {
                "error": "Sie haben sich von dieser Veranstaltung bereits abgemeldet. Der Abmeldelink gilt nur einmal.",
                "event": registration.event,
            },
        )
    return render(
        request,
        "events/cancel.html",
        {"registration": registration, "event": registration.event, "token": token},
    )
