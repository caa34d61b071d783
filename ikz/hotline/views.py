"""Public hotline pages: phone and hours, the inquiry form, the personal follow-up page."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from ikz.core.models import PortalSettings
from ikz.core.throttle import Throttled, client_address, throttle_hit

from . import services
from .forms import CONSENT_TEXT, FollowUpForm, InquiryForm
from .models import Inquiry
from .tokens import follow_up_token_read, form_started_consume, form_started_make

RATE_LIMIT_PER_HOUR = 5
# Inquiries from one client address per hour (THROTTLE_RATES["hotline.submit:ip"] overrides).
IP_RATE = (10, 60 * 60)
ALREADY_SENT = (
    "Diese Anfrage wurde bereits abgesendet. Wenn Sie eine weitere Anfrage stellen möchten, "
    "senden Sie das Formular bitte noch einmal ab."
)


def _form_renew(form) -> None:
    """Give a refused form a fresh start token, so sending it again is one new inquiry."""
    data = form.data.copy()
    data["started"] = form_started_make()
    form.data = data


@never_cache
def hotline(request):
    form = InquiryForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if form.is_bot:
            # Silent drop: the bot sees the same page a person sees, nothing is stored or sent.
            return redirect("hotline:thanks")
        data = form.cleaned_data
        limit = getattr(settings, "HOTLINE_RATE_LIMIT_PER_HOUR", RATE_LIMIT_PER_HOUR)
        try:
            throttle_hit(scope="hotline.submit", limits={"ip": (client_address(request), IP_RATE)})
        except Throttled as exc:
            form.add_error(None, exc.message)
            status = 429
        else:
            if services.recent_inquiries_from(email=data["email"]) >= limit:
                form.add_error(
                    None,
                    "Von dieser E-Mail-Adresse sind in der letzten Stunde bereits mehrere Anfragen eingegangen. "
                    "Bitte warten Sie eine Stunde oder rufen Sie die Hotline an.",
                )
                status = 429
            # The token is used up by the first inquiry it carries: replaying one rendered form
            # cannot make the portal send confirmation mails to a dozen addresses.
            elif not form_started_consume(form.data["started"]):
                _form_renew(form)
                form.add_error(None, ALREADY_SENT)
                status = 409
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
                    address_verified=request.user.is_authenticated
                    and request.user.email.casefold() == data["email"].casefold(),
                )
                request.session["hotline_reference"] = inquiry.reference
                return redirect("hotline:thanks")
    return render(
        request,
        "hotline/hotline.html",
        {"form": form, "portal_settings": PortalSettings.for_request(request)},
        status=status,
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
