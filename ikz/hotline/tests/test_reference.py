"""Reference numbers stay unique and gap-free when many inquiries arrive at once (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from ikz.hotline.services import reference_next


@pytest.mark.django_db(transaction=True)
def test_reference_numbers_are_unique_under_concurrency():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises all writers; the race is only possible on PostgreSQL")
    results, errors = [], []

    def worker():
        try:
            for _ in range(10):
                results.append(reference_next(year=2031))
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(results) == [f"IKZ-2031-{n:06d}" for n in range(1, 61)]
