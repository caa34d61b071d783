"""Set-up of the site tree: the start page and the mandatory pages in the footer."""

from django.conf import settings
from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site

from .legal_pages import legal_pages
from .models import HomePage, PortalSettings, StandardPage


@transaction.atomic
def site_setup(*, hostname: str = "127.0.0.1", port: int = 8000) -> HomePage:
    """Create the start page, the default site and the legal pages once; idempotent."""
    # Wagtail's migrations create the locale and the two tree roots; a database that was
    # flushed (transactional tests) or restored without them gets them back here.
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
        # Wagtail's initial migration leaves a placeholder "Welcome" page; replace it.
        for child in root.get_children():
            if child.specific_class is Page:
                Site.objects.filter(root_page=child).delete()
                child.delete()
        root.refresh_from_db()
        home = root.add_child(
            instance=HomePage(
                title="Interkommunale Zusammenarbeit in Nordrhein-Westfalen",
                slug="start",
                intro=(
                    "Das Rad muss nicht in jeder Kommune neu erfunden werden: Hier finden Städte, "
                    "Gemeinden und Kreise in NRW Beispiele, Rechtsgrundlagen und Partner für die "
                    "gemeinsame Erledigung ihrer Aufgaben."
                ),
            )
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name="IKZ-Portal NRW",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    site = Site.objects.get(is_default_site=True)

    portal_settings = PortalSettings.for_site(site)
    for field, (title, slug, intro, body) in legal_pages().items():
        page = StandardPage.objects.child_of(home).filter(slug=slug).first()
        if page is None:
            page = home.add_child(
                instance=StandardPage(
                    title=title,
                    slug=slug,
                    intro=intro,
                    body=[{"type": kind, "value": value} for kind, value in body],
                    show_in_menus=False,
                )
            )
            page.save_revision().publish()  # gives the page its "Stand" (last_published_at)
        if getattr(portal_settings, f"{field}_id") is None:
            setattr(portal_settings, field, page)
    if not portal_settings.hotline_phone:
        portal_settings.hotline_phone = "0211 000000-0"
        portal_settings.hotline_hours = "Beispiel: Mo–Do 9–15 Uhr, Fr 9–12 Uhr"
    portal_settings.save()
    return home
