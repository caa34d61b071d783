"""Public hotline pages: phone and hours, the inquiry form, the personal follow-up page."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from ikz.core.models import PortalSettings

from . import services
from .forms import CONSENT_TEXT, FollowUpForm, InquiryForm
from .models import Inquiry
from .tokens import follow_up_token_read

RATE_LIMIT_PER_HOUR = 5


@never_cache
def hotline(request):
    form = InquiryForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        if form.is_bot:
            # Silent drop: the bot sees the same page a person sees, nothing is stored or sent.
            return redirect("hotline:thanks")
        data = form.cleaned_data
        limit = getattr(settings, "HOTLINE_RATE_LIMIT_PER_HOUR", RATE_LIMIT_PER_HOUR)
        if services.recent_inquiries_from(email=data["email"]) >= limit:
            form.add_error(
                None,
                "Von dieser E-Mail-Adresse sind in der letzten Stunde bereits mehrere Anfragen eingegangen. "
                "Bitte warten Sie eine Stunde oder rufen Sie die Hotline an.",
            )
        else:
            inquiry = services.inquiry_submit(
                subject=data["subject"],
                question=data["question"],
                name=data["name"],
                email=data["email"],
                municipality=form.municipality_obj,
                municipality_text="" if form.municipality_obj else data["municipality"],
                attachment=data["attachment"],
                consent_text=CONSENT_TEXT,
            )
            request.session["hotline_reference"] = inquiry.reference
            return redirect("hotline:thanks")
    return render(
        request,
        "hotline/hotline.html",
        {"form": form, "portal_settings": PortalSettings.for_request(request)},
    )


@never_cache
def thanks(request):
    reference = request.session.pop("hotline_reference", None)
    return render(request, "hotline/thanks.html", {"reference": reference})


@never_cache
def follow_up(request, token: str):
    parsed = follow_up_token_read(token)
    inquiry = None
    if parsed:
        inquiry = Inquiry.objects.filter(pk=parsed[0], reference=parsed[1]).first()
    if inquiry is None or inquiry.personal_data_deleted_at:
        raise Http404("Dieser Link ist ungültig oder abgelaufen.")
    form = FollowUpForm(request.POST or None)
    sent = False
    if request.method == "POST" and form.is_valid():
        try:
            services.inquiry_follow_up(inquiry=inquiry, body=form.cleaned_data["body"])
            sent = True
            form = FollowUpForm()
        except ValidationError as exc:
            form.add_error(None, " ".join(exc.messages))
    thread = inquiry.messages.all()
    return render(
        request,
        "hotline/follow_up.html",
        {
            "inquiry": inquiry,
            "thread": thread,
            "form": form,
            "sent": sent,
            "closed": inquiry.status == "geschlossen",
        },
    )
