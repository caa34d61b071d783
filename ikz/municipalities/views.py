"""Public pages of the register: /kommunen/ and /kommunen/<ags>/<slug>/."""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .forms import MunicipalityFilterForm
from .models import Level, MunicipalityType
from .selectors import kreis_members, municipality_get, municipality_list, municipality_neighbours
from .svgmap import kreis_level_map, map_for

# Facts the register's columns cannot express (DOMAIN.md): shown on the detail page.
STATUS_NOTES = {
    "05334002": _(
        "Die Stadt Aachen gehört zur Städteregion Aachen, behält aber die Rechte einer kreisfreien Stadt."
    ),
}


def municipality_list_view(request: HttpRequest) -> HttpResponse:
    form = MunicipalityFilterForm(request.GET or None)
    filters = form.filters()
    municipalities = list(municipality_list(**filters))
    selected_kreis = filters.get("kreis")
    overview = kreis_level_map(current=selected_kreis, map_id="karte-nrw")
    return render(
        request,
        "municipalities/municipality_list.html",
        {
            "form": form,
            "municipalities": municipalities,
            "count": len(municipalities),
            "is_filtered": any(filters.values()),
            "svg_map": overview,
        },
    )


def municipality_redirect_view(request: HttpRequest, ags: str) -> HttpResponse:
    municipality = municipality_get(ags=ags)
    if municipality is None:
        raise Http404("Unbekannter Gemeindeschlüssel")
    return HttpResponsePermanentRedirect(municipality.get_absolute_url())


def municipality_detail_view(request: HttpRequest, ags: str, slug: str) -> HttpResponse:
    municipality = municipality_get(ags=ags)
    if municipality is None:
        raise Http404("Unbekannter Gemeindeschlüssel")
    if slug != municipality.slug:
        return HttpResponsePermanentRedirect(municipality.get_absolute_url())

    neighbours = list(municipality_neighbours(municipality=municipality))
    kreis_neighbours = []
    if municipality.type == MunicipalityType.KREISFREIE_STADT:
        kreis_neighbours = list(municipality_neighbours(municipality=municipality, level=Level.KREIS))
    members = list(kreis_members(kreis=municipality)) if municipality.level == Level.KREIS else []
    svg_map = map_for(municipality, neighbour_ags={n.ags for n in neighbours})
    return render(
        request,
        "municipalities/municipality_detail.html",
        {
            "municipality": municipality,
            "neighbours": neighbours,
            "kreis_neighbours": kreis_neighbours,
            "members": members,
            "svg_map": svg_map,
            "status_note": STATUS_NOTES.get(municipality.ags),
        },
    )
