"""Public newsletter pages: subscribe (a route of the index page), confirm and unsubscribe."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from ikz.core.throttle import Throttled, client_address, throttle_hit

from . import services
from .forms import SubscribeForm
from .models import Subscription, SubscriptionStatus

# Opt-in mails per client address and per target address an hour (THROTTLE_RATES overrides).
SUBSCRIBE_RATES = {"ip": (10, 60 * 60), "address": (3, 60 * 60)}


def subscribe(request, *, index_page):
    form = SubscribeForm(request.POST or None)
    done = False
    status = 200
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        try:
            throttle_hit(
                scope="newsletter.subscribe",
                limits={
                    "ip": (client_address(request), SUBSCRIBE_RATES["ip"]),
                    "address": (email, SUBSCRIBE_RATES["address"]),
                },
            )
        except Throttled as exc:
            form.add_error(None, exc.message)
            status = 429
        else:
            if not form.cleaned_data["website"]:  # the honeypot: bots get the same answer, nothing is stored
                services.subscription_request(email=email, topics=form.cleaned_data["topics"])
            done = True
    response = TemplateResponse(
        request,
        "newsletter/newsletter_index_page.html",
        {
            "page": index_page,
            "self": index_page,
            "form": form,
            "done": done,
            "editions": index_page.editions()[:5],
        },
        status=status,
    )
    response["Cache-Control"] = "private, no-cache"
    return response


@never_cache
def confirm(request, token: str):
    try:
        subscription = services.subscription_confirm(token=token)
    except ValidationError as exc:
        return render(request, "newsletter/confirm.html", {"error": " ".join(exc.messages)}, status=400)
    return render(request, "newsletter/confirm.html", {"subscription": subscription})


@csrf_exempt  # RFC 8058 one-click: mail clients POST without a session; the token is the proof
@never_cache
def unsubscribe(request, token: str):
    if request.method == "POST":
        one_click = request.POST.get("List-Unsubscribe") == "One-Click"
        subscription = services.subscription_unsubscribe(
            token=token, method="One-Click (RFC 8058)" if one_click else "Abmeldeseite"
        )
        if one_click:
            return HttpResponse(
                "Abgemeldet." if subscription else "Unbekannt.", content_type="text/plain; charset=utf-8"
            )
        return render(request, "newsletter/unsubscribe.html", {
            "done": True, "known": subscription is not None, "subscription": subscription,
        })  # fmt: skip
    # A GET (link previews, virus scanners) never unsubscribes: it only shows the button – or, for an
    # address that is already off, says so instead of asking again.
    subscription = Subscription.objects.filter(token=token).only("status", "unsubscribed_at").first()
    already = subscription is not None and subscription.status == SubscriptionStatus.UNSUBSCRIBED
    return render(request, "newsletter/unsubscribe.html", {
        "done": already, "known": subscription is not None, "subscription": subscription, "token": token,
    })  # fmt: skip
