from django.urls import reverse
from django.utils.translation import gettext as _


def portal(request):
    """Main navigation of the portal: the parts of the portal in the order users need them."""
    nav = [
        {"title": _("Wissen"), "url": "/wissen/"},
        {"title": _("Projekte"), "url": reverse("projects:list")},
        {"title": _("Assistent"), "url": reverse("assistant:start")},
        {"title": _("Förderung"), "url": "/foerderung/"},
        {"title": _("Partnersuche"), "url": reverse("partners:finder")},
        {"title": _("Kommunen"), "url": reverse("municipalities:list")},
        {"title": _("Kommunen fragen"), "url": reverse("questions:list")},
        {"title": _("FAQ"), "url": "/faq/"},
        {"title": _("Hotline"), "url": reverse("hotline:hotline")},
        {"title": _("Veranstaltungen"), "url": "/veranstaltungen/"},
        {"title": _("Newsletter"), "url": "/newsletter/"},
    ]
    current = request.path
    for item in nav:
        item["active"] = current.startswith(item["url"])
    return {"main_nav": nav}
