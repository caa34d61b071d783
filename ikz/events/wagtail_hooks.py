from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from . import admin_views
from .models import EventPage


@hooks.register("register_admin_urls")
def register_events_admin_urls():
    return [
        path(
            "veranstaltungen/<int:page_id>/teilnehmende/",
            admin_views.participants,
            name="events_participants",
        ),
        path(
            "veranstaltungen/<int:page_id>/teilnehmende.csv",
            admin_views.participants_csv,
            name="events_participants_csv",
        ),
    ]


def _buttons(page, user):
    if page.specific_class is not EventPage or not user.has_perm(admin_views.PERMISSION):
        return []
    return [
        Button(
            "Teilnehmende",
            url=reverse("events_participants", args=[page.pk]),
            icon_name="group",
            priority=80,
        )
    ]


@hooks.register("register_page_header_buttons")
def event_header_buttons(page, user, view_name, next_url=None):
    yield from _buttons(page, user)


@hooks.register("register_page_listing_more_buttons")
def event_listing_buttons(page, user, next_url=None):
    yield from _buttons(page, user)
