"""Parts of the base template that are the same for every visitor of a host."""

from django import template
from django.template.loader import render_to_string

from ikz.core import versioned_cache

register = template.Library()


@register.simple_tag(takes_context=True)
def portal_footer(context) -> str:
    """{% portal_footer %}: hotline and legal links from the site settings. Drawn once per content
    version and host (the host decides the site, and with it the settings and whether a page link
    is relative), instead of four queries on every page."""
    request = context.get("request")
    if request is None:
        return _render(None)
    key = f"core:footer:{request.get_host()}:{request.get_port()}"
    return versioned_cache.get_or_build(key, lambda: _render(request))


def _render(request) -> str:
    from wagtail.models import Site

    from ikz.core.models import PortalSettings

    # No site for this host (none set up yet): the footer without the settings, not a 500.
    site = Site.find_for_request(request) if request is not None else None
    settings = PortalSettings.for_site(site) if site is not None else None
    return render_to_string("core/includes/footer_settings.html", {"ps": settings, "request": request})
