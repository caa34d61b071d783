"""Atom feeds (RFC 4287) of what is new: all content, or one kind; `?thema=<slug>` narrows either
to a task area. Public and the same for everyone, so the page cache keeps them (see rules.py)."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from ikz.core import versioned_cache
from ikz.core.taxonomy import TaskArea

from .sources import FeedItem, sources

LIMIT = 30
AUTHOR = "Redaktion des IKZ-Portals NRW"


class _PortalFeed(Feed):
    feed_type = Atom1Feed
    author_name = AUTHOR

    def _area(self, request):
        slug = request.GET.get("thema", "")
        if not slug:
            return None
        area = TaskArea.objects.filter(slug=slug).first()
        if area is None:
            raise Http404("Diesen Aufgabenbereich gibt es nicht.")
        return area

    def _query(self, obj) -> str:
        return f"?thema={obj['area'].slug}" if obj["area"] else ""

    def title(self, obj):
        suffix = f" – {obj['area'].name}" if obj["area"] else ""
        return f"IKZ-Portal NRW: {obj['title']}{suffix}"

    def subtitle(self, obj):
        return "Was neu ist im Portal für interkommunale Zusammenarbeit in Nordrhein-Westfalen."

    def link(self, obj):
        return obj["page"]

    def feed_url(self, obj):
        return obj["self"] + self._query(obj)

    def feed_guid(self, obj):
        return self.request.build_absolute_uri(self.feed_url(obj))

    def items(self, obj) -> list[FeedItem]:
        return obj["items"]

    def item_title(self, item: FeedItem):
        return f"{item.kind}: {item.title}" if item.kind else item.title

    def item_description(self, item: FeedItem):
        return item.summary

    def item_link(self, item: FeedItem):
        return item.url

    def item_guid(self, item: FeedItem):
        return f"tag:{self.request.get_host().split(':')[0]},2026:{item.guid}" if item.guid else item.url

    def item_guid_is_permalink(self, item):
        return False

    def item_updateddate(self, item: FeedItem):
        return item.updated

    def item_pubdate(self, item: FeedItem):
        return item.published

    def item_categories(self, item: FeedItem):
        return item.categories

    def get_feed(self, obj, request):
        self.request = request
        return super().get_feed(obj, request)


def _items(key: str, area, build) -> tuple[FeedItem, ...]:
    """A feed's items, built once per content version (public content only, the same for everyone;
    FeedItem is frozen, so the shared tuple cannot be changed by a caller)."""
    return versioned_cache.get_or_build(("feeds", key, area.pk if area else None), lambda: tuple(build()))


def _all_items(area) -> list[FeedItem]:
    items = [item for source in sources().values() for item in source.items(area, LIMIT)]
    items.sort(key=lambda item: item.updated, reverse=True)
    return items[:LIMIT]


class AllFeed(_PortalFeed):
    def get_object(self, request):
        area = self._area(request)
        return {
            "area": area,
            "title": "Neues",
            "items": _items("", area, lambda: _all_items(area)),
            "page": "/",
            "self": reverse("feeds:all"),
        }


class SourceFeed(_PortalFeed):
    def get_object(self, request, key):
        source = sources().get(key)
        if source is None:
            raise Http404("Diesen Feed gibt es nicht.")
        area = self._area(request)
        return {
            "area": area,
            "title": source.title,
            "items": _items(key, area, lambda: source.items(area, LIMIT)),
            "page": PAGES.get(key, "/"),
            "self": reverse("feeds:source", kwargs={"key": key}),
        }


# The page each feed follows (its rel="alternate" link).
PAGES = {
    "projekte": "/projekte/",
    "wissen": "/wissen/",
    "faq": "/faq/",
    "foerderung": "/foerderung/",
    "veranstaltungen": "/veranstaltungen/",
}
