"""Helpers shared by the tests of several apps (imported only from tests)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def page_queries(client, url: str) -> tuple[int, object]:
    """The number of database queries a GET of `url` runs, and its response (which must be 200).

    The query-count tests of issue 12 grow a page's data and compare these counts: a page whose
    count grows with its rows has an N+1 query."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), response
