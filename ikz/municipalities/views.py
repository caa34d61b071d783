"""Public pages of the register: /kommunen/ and /kommunen/<ags>/<slug>/.

What the pages show besides the header is the same for every visitor and rendered once per
content version (fragments.py); a request reads it from memory and renders the page around it.
"""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse

from . import fragments
from .forms import MunicipalityFilterForm


def municipality_list_view(request: HttpRequest) -> HttpResponse:
    form = MunicipalityFilterForm(request.GET or None)
    filters = form.filters()
    rows, count = fragments.register_table(filters)
    return render(
        request,
        "municipalities/municipality_list.html",
        {
            "form": form,
            "rows": rows,
            "count": count,
            "total": len(fragments.register_rows()),
            "is_filtered": any(filters.values()),
            "svg_map_markup": fragments.overview_map(current=filters.get("kreis")),
        },
    )


def _detail_url(ags: str, slug: str) -> str:
    return reverse("municipalities:detail", kwargs={"ags": ags, "slug": slug})


def municipality_redirect_view(request: HttpRequest, ags: str) -> HttpResponse:
    slug = fragments.register_slugs().get(ags)
    if slug is None:
        raise Http404("Unbekannter Gemeindeschlüssel")
    return HttpResponsePermanentRedirect(_detail_url(ags, slug))


def municipality_detail_view(request: HttpRequest, ags: str, slug: str) -> HttpResponse:
    known = fragments.register_slugs().get(ags)
    if known is None:
        raise Http404("Unbekannter Gemeindeschlüssel")
    if slug != known:
        return HttpResponsePermanentRedirect(_detail_url(ags, known))
    profile = fragments.municipality_profile(ags=ags)
    if profile is None:  # removed between the two reads
        raise Http404("Unbekannter Gemeindeschlüssel")
    return render(
        request,
        "municipalities/municipality_detail.html",
        {"municipality": profile.municipality, "profile": profile.markup},
    )
