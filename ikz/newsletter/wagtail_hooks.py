from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from . import admin_views
from .models import ConsentLog, Delivery, NewsletterEditionPage, Subscription


class RecordViewSet(ModelViewSet):
    """Operational records: listed and inspected in the admin, never edited or copied there."""

    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields: list[str] = []


class SubscriptionViewSet(RecordViewSet):
    model = Subscription
    icon = "user"
    menu_label = "Abonnements"
    url_prefix = "newsletter/abonnements"
    list_display = ["email", "status", "requested_at", "confirmed_at", "unsubscribed_at"]
    list_filter = ["status"]
    search_fields = ["email"]


class ConsentLogViewSet(RecordViewSet):
    model = ConsentLog
    icon = "doc-full"
    menu_label = "Einwilligungsprotokoll"
    url_prefix = "newsletter/einwilligungen"
    list_display = ["email", "action", "at", "method", "topics"]
    list_filter = ["action"]
    search_fields = ["email"]


class DeliveryViewSet(RecordViewSet):
    model = Delivery
    icon = "mail"
    menu_label = "Zustellungen"
    url_prefix = "newsletter/zustellungen"
    list_display = ["edition", "subscription", "status", "attempts", "sent_at", "last_error"]
    list_filter = ["status", "edition"]


class NewsletterViewSetGroup(ViewSetGroup):
    items = (SubscriptionViewSet, ConsentLogViewSet, DeliveryViewSet)
    menu_label = "Newsletter"
    menu_icon = "mail"
    menu_order = 270


@hooks.register("register_admin_viewset")
def register_newsletter_viewsets():
    return NewsletterViewSetGroup()


@hooks.register("register_admin_urls")
def register_newsletter_admin_urls():
    return [
        path(
            "newsletter/ausgabe/<int:page_id>/neues/",
            admin_views.edition_pull,
            name="newsletter_edition_pull",
        ),
        path(
            "newsletter/ausgabe/<int:page_id>/versand/",
            admin_views.edition_dispatch,
            name="newsletter_edition_dispatch",
        ),
        path(
            "newsletter/ausgabe/<int:page_id>/vorschau/<str:mode>/",
            admin_views.edition_preview,
            name="newsletter_edition_preview",
        ),
    ]


def _edition_buttons(page):
    if page.specific_class is not NewsletterEditionPage:
        return []
    return [
        Button(
            "Neues seit der letzten Ausgabe übernehmen",
            url=reverse("newsletter_edition_pull", args=[page.pk]),
            icon_name="download",
            priority=80,
        ),
        Button(
            "Vorschau und Versand",
            url=reverse("newsletter_edition_dispatch", args=[page.pk]),
            icon_name="mail",
            priority=81,
        ),
    ]


@hooks.register("register_page_header_buttons")
def edition_header_buttons(page, user, view_name, next_url=None):
    yield from _edition_buttons(page)


@hooks.register("register_page_listing_more_buttons")
def edition_listing_buttons(page, user, next_url=None):
    yield from _edition_buttons(page)
