from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers

from . import selectors
from .forms import ContactFilterForm
from .models import Contact
from .permissions import can_see_persons


def _personal(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """A page rendered for someone logged in is theirs alone: never stored by any cache (the page
    cache also refuses every request with a session; this says it once more, per response)."""
    if request.user.is_authenticated:
        patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, ["Cookie"])
    return response


def contact_list_view(request: HttpRequest) -> HttpResponse:
    form = ContactFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    directory = selectors.contacts_filter(
        task_area=filters.get("thema"),
        regierungsbezirk=filters.get("bezirk", ""),
        kreis=filters.get("kreis"),
        kind=filters.get("art", ""),
    )
    response = render(
        request,
        "contacts/contact_list.html",
        {"form": form, "directory": directory, "show_persons": can_see_persons(request.user),
         "filtered": any(filters.values()) if filters else False},
    )  # fmt: skip
    return _personal(request, response)


def contact_detail_view(request: HttpRequest, key: str) -> HttpResponse:
    contact = selectors.published_contacts().filter(key=key).first()
    if contact is None:
        raise Http404("Diesen Ansprechpartner gibt es nicht.")
    response = render(
        request,
        "contacts/contact_detail.html",
        {"contact": contact, "show_persons": can_see_persons(request.user)},
    )
    return _personal(request, response)


__all__ = ["contact_detail_view", "contact_list_view", "Contact"]
