"""Issue 12: the list of questions and a thread read a fixed number of queries, however many
questions and answers there are – for a member and for an anonymous visitor."""

import pytest

from ikz.core.testing import page_queries
from ikz.questions import services

pytestmark = pytest.mark.django_db


def _count(client, url: str) -> int:
    return page_queries(client, url)[0]


def test_list_and_thread_do_not_grow(client, asker, answerer, question_factory):
    thread = question_factory(title="Wie teilen zwei Gemeinden die Kosten eines Bauhofs?", is_public=True)

    def grow(start: int, count: int) -> None:
        for i in range(start, start + count):
            other = question_factory(title=f"Frage Nummer {i} zum Standesamt?", is_public=bool(i % 2))
            services.answer_create(question=other, user=answerer, body=f"Antwort {i}")
            services.answer_create(question=thread, user=answerer if i % 2 else asker, body=f"Erfahrung {i}")

    urls = ["/fragen/", "/fragen/?q=Frage", thread.get_absolute_url()]
    grow(0, 3)
    client.get(urls[0])  # once per process: content types, site root paths
    anonymous = {url: _count(client, url) for url in urls}
    client.force_login(asker)
    member = {url: _count(client, url) for url in urls}
    grow(3, 27)
    for url in urls:
        many = _count(client, url)
        assert many == member[url], f"{url} (Mitglied): {member[url]} queries with 3 rows, {many} with 30"
    client.logout()
    for url in urls:
        many = _count(client, url)
        assert many == anonymous[url], f"{url} (anonym): {anonymous[url]} queries with 3 rows, {many} with 30"
