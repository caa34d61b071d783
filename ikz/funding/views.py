"""Subscribing to a programme and ending it (POST only; the button sits on the programme page)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from . import services
from .models import FundingProgrammePage


def _programme(pk: int) -> FundingProgrammePage:
    return get_object_or_404(FundingProgrammePage.objects.live().public(), pk=pk)


@require_POST
@login_required
def subscribe_view(request, pk: int):
    programme = _programme(pk)
    try:
        services.subscription_create(user=request.user, programme=programme)
    except services.SubscriptionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"Sie haben „{programme.title}“ abonniert. Wir schreiben Ihnen, wenn das Antragsfenster öffnet "
            "und zwei Wochen bevor es schließt.",
        )
    return redirect(programme.url + "#abo")


@require_POST
@login_required
def unsubscribe_view(request, pk: int):
    programme = _programme(pk)
    try:
        services.subscription_delete(user=request.user, programme=programme)
    except services.SubscriptionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Ihr Abonnement von „{programme.title}“ ist beendet.")
    return redirect(programme.url + "#abo")
