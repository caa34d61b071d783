from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from ikz.core.throttle import client_address

from .models import FAQPage
from .services import faq_vote


@require_POST
def vote(request, page_id: int):
    """'War diese Antwort hilfreich?': one anonymous vote per browser session and question, and
    a few per address and day – deleting the cookie does not buy more votes."""
    page = get_object_or_404(FAQPage.objects.live().public(), pk=page_id)
    value = request.POST.get("helpful")
    votes = request.session.get("faq_votes", {})
    if value in {"ja", "nein"} and str(page.pk) not in votes:
        counted = faq_vote(page=page, helpful=value == "ja", address=client_address(request))
        votes[str(page.pk)] = value
        request.session["faq_votes"] = votes
        if counted:
            messages.success(request, "Danke für Ihre Rückmeldung!")
        else:
            messages.info(
                request,
                "Von Ihrem Netz wurde diese Antwort heute schon mehrfach bewertet. "
                "Ihre Rückmeldung zählt daher nicht noch einmal – danke trotzdem!",
            )
    elif str(page.pk) in votes:
        messages.info(request, "Sie haben diese Antwort bereits bewertet.")
    return HttpResponseRedirect(page.url + "#bewertung")
