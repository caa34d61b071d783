from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control, patch_vary_headers

from ikz.core import versioned_cache

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


def _directory_html(filters: dict, show_persons: bool) -> str:
    """The directory for the filters, rendered once per content version (issue 12): the same for
    everyone who may see the persons, and the same for everyone who may not."""
    task_area, kreis = filters.get("thema"), filters.get("kreis")
    bezirk, kind = filters.get("bezirk", ""), filters.get("art", "")
    key = ("contacts:directory", task_area.pk if task_area else None, bezirk,
           kreis.pk if kreis else None, kind, show_persons)  # fmt: skip

    def build() -> str:
        directory = selectors.contacts_filter(
            task_area=task_area, regierungsbezirk=bezirk, kreis=kreis, kind=kind
        )
        return render_to_string(
            "contacts/includes/directory.html", {"directory": directory, "show_persons": show_persons}
        )

    return versioned_cache.get_or_build(key, build)


def _fields_html(form: ContactFilterForm) -> str:
    """The filter's fields, their choices read from the database: rendered once per content version
    and choice made; a form with errors is rendered each time (its input is not one of the choices)."""

    def build() -> str:
        return render_to_string("contacts/includes/filter_fields.html", {"form": form})

    if form.is_bound and not form.is_valid():
        return build()
    key = ("contacts:filter", *(form.data.get(name, "") if form.is_bound else "" for name in form.fields))
    return versioned_cache.get_or_build(key, build)


def contact_list_view(request: HttpRequest) -> HttpResponse:
    form = ContactFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    show_persons = can_see_persons(request.user)
    response = render(
        request,
        "contacts/contact_list.html",
        {"form": form, "fields_html": _fields_html(form), "directory_html": _directory_html(filters, show_persons), "show_persons": show_persons,
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
