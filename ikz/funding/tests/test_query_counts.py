"""Issue 12: /foerderung/ reads a fixed number of queries, however many programmes (with task areas,
applicant types and the assistant's figures) there are."""

import datetime

import pytest

from ikz.core.testing import page_queries

pytestmark = pytest.mark.django_db


def _count(client, url: str) -> int:
    return page_queries(client, url)[0]


def test_programme_list_does_not_grow(client, member, programme_factory, ikz_nrw):
    today = datetime.date.today()

    def grow(start: int, count: int) -> None:
        for i in range(start, start + count):
            programme_factory(
                f"Programm {i:02d}",
                start=today - datetime.timedelta(days=10) if i % 2 else None,
                end=today + datetime.timedelta(days=30 + i),
                task_areas=("abfall", "bauhof")[: 1 + i % 2],
                applicants=("kreise", "gemeinden")[: 1 + i % 2],
            )

    urls = ["/foerderung/", "/foerderung/?open_now=on", "/foerderung/?task_area=abfall&applicant_type=kreise"]
    grow(0, 3)
    client.get(urls[0])  # once per process: content types, site root paths
    anonymous = {url: _count(client, url) for url in urls}
    client.force_login(member)
    few = {url: _count(client, url) for url in urls}
    grow(3, 27)
    for url in urls:
        many = _count(client, url)
        assert many == few[url], f"{url} (Mitglied): {few[url]} queries with 3 programmes, {many} with 30"
    client.logout()
    for url in urls:
        many = _count(client, url)
        assert many == anonymous[url], (
            f"{url} (anonym): {anonymous[url]} queries with 3 programmes, {many} with 30"
        )
