"""The partner finder and partner requests under /partner/ (members only)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from ikz.core.collation import collated
from ikz.municipalities.models import Municipality

from . import permissions, services
from .forms import PartnerAnswerForm, PartnerFinderForm, PartnerRequestForm, municipality_label
from .models import PartnerRequest
from .partners import open_requests, partner_suggestions


def _member_or_403(user) -> set[int]:
    ids = permissions.member_municipality_ids(user)
    if not ids:
        raise PermissionDenied("Der Partnerfinder steht Mitgliedern einer Körperschaft offen.")
    return ids


def _intro(request):
    """What the partner finder is and why it needs membership – instead of a bare login page.

    Anonymous visitors get it with 200 (it is the public part); a signed-in person without a
    confirmed membership gets it with 403 and the way to apply for one.
    """
    signed_in = request.user.is_authenticated
    context = {"open_count": open_requests().count(), "signed_in": signed_in, "next": request.get_full_path()}
    return render(request, "projects/partner_intro.html", context, status=403 if signed_in else 200)


def finder_view(request):
    ids = permissions.member_municipality_ids(request.user)
    if not ids:
        return _intro(request)
    own = Municipality.objects.filter(pk__in=ids).order_by(collated("short_name"))
    suggestions, chosen, area = [], None, None
    if "task_area" in request.GET:
        form = PartnerFinderForm(request.GET)
        if form.is_valid():
            chosen, area = form.cleaned_data["municipality"], form.cleaned_data["task_area"]
            suggestions = partner_suggestions(municipality=chosen, task_area=area)
    else:
        first = own.first()
        form = PartnerFinderForm(initial={"municipality": municipality_label(first) if first else ""})
    return render(request, "projects/partner_finder.html", {
        "form": form, "suggestions": suggestions, "chosen": chosen, "area": area,
        "requests": open_requests(task_area=area, exclude_municipality=None)[:20],
        "register": [municipality_label(m) for m in Municipality.objects.only("ags", "short_name", "type", "level")],
    })  # fmt: skip


@login_required
def request_create_view(request):
    ids = _member_or_403(request.user)
    own = Municipality.objects.filter(pk__in=ids)
    form = PartnerRequestForm(request.POST or None, municipalities=own, initial={"municipality": own.first()})
    if request.method == "POST" and form.is_valid():
        created = services.partner_request_create(user=request.user, **form.cleaned_data)
        messages.success(request, "Ihre Partnersuche ist veröffentlicht. Antworten erhalten Sie per E-Mail.")
        return redirect("partners:request_detail", pk=created.pk)
    return render(request, "projects/partner_request_form.html", {"form": form})


@login_required
def request_detail_view(request, pk: int):
    ids = _member_or_403(request.user)
    partner_request = get_object_or_404(
        PartnerRequest.objects.select_related("municipality", "task_area"), pk=pk
    )
    own = Municipality.objects.filter(pk__in=ids).exclude(pk=partner_request.municipality_id)
    is_poster = partner_request.created_by_id == request.user.pk
    form = PartnerAnswerForm(request.POST or None, municipalities=own, initial={"municipality": own.first()})
    if request.method == "POST":
        if is_poster and "close" in request.POST:
            services.partner_request_close(request=partner_request)
            messages.success(request, "Die Partnersuche ist geschlossen.")
            return redirect("partners:request_detail", pk=pk)
        if form.is_valid():
            try:
                services.partner_answer_send(request=partner_request, user=request.user, **form.cleaned_data)
            except services.InvalidState as error:
                messages.error(request, str(error))
            else:
                messages.success(request, "Ihre Antwort ist per E-Mail an die suchende Kommune gegangen.")
                return redirect("partners:request_detail", pk=pk)
    return render(request, "projects/partner_request_detail.html", {
        "partner_request": partner_request, "form": form if own.exists() and not is_poster else None,
        "is_poster": is_poster, "answer_count": partner_request.answers.count(),
    })  # fmt: skip
