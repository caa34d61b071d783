"""Issue 12: /veranstaltungen/ and the archive read a fixed number of queries, however many events
(with topics) there are."""

import pytest

from ikz.core.taxonomy import TaskArea, task_areas_sync
from ikz.core.testing import page_queries

pytestmark = pytest.mark.django_db


def _count(client, url: str) -> int:
    return page_queries(client, url)[0]


def test_event_lists_do_not_grow(client, member, event_factory, register_confirmed):
    task_areas_sync()
    areas = list(TaskArea.objects.all()[:4])

    def grow(start: int, count: int) -> None:
        for i in range(start, start + count):
            upcoming = event_factory(f"Sprechstunde {i}", days=5 + i)
            upcoming.task_areas.set(areas[: 1 + i % 3])
            upcoming.save_revision().publish()
            register_confirmed(upcoming, f"person{i}@kommune.nrw.example")
            past = event_factory(f"Rückblick {i}", days=-5 - i)
            past.task_areas.set(areas[i % 2 : 2 + i % 2])
            past.save_revision().publish()

    urls = ["/veranstaltungen/", f"/veranstaltungen/?thema={areas[0].slug}", "/veranstaltungen/archiv/"]
    grow(0, 3)
    client.force_login(member)
    client.get(urls[0])  # once per process: content types, site root paths
    few = {url: _count(client, url) for url in urls}
    grow(3, 27)
    for url in urls:
        many = _count(client, url)
        assert many == few[url], f"{url}: {few[url]} queries with 3 events, {many} with 30"
