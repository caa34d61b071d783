"""ikz.core.versioned_cache: a value is built once per content version and rebuilt after a write."""

import pytest

from ikz.core import versioned_cache
from ikz.core.taxonomy import TaskArea

pytestmark = pytest.mark.django_db


class Builder:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return f"built {self.calls}, {TaskArea.objects.count()} areas"


def test_built_once_per_version_and_again_after_a_committed_write(django_capture_on_commit_callbacks):
    build = Builder()
    first = versioned_cache.get_or_build("test:areas", build)
    assert versioned_cache.get_or_build("test:areas", build) == first
    assert build.calls == 1

    with django_capture_on_commit_callbacks(execute=True):
        TaskArea.objects.create(slug="versioned-cache-test", name="Versionierter Cache")
    second = versioned_cache.get_or_build("test:areas", build)
    assert build.calls == 2
    assert second != first
    assert second.endswith(f"{TaskArea.objects.count()} areas")
    assert versioned_cache.get_or_build("test:areas", build) == second
    assert build.calls == 2


def test_uncommitted_writes_are_never_cached_nor_served_stale(django_capture_on_commit_callbacks):
    build = Builder()
    versioned_cache.get_or_build("test:areas", build)
    # Written in the open transaction: the version does not know it yet, the connection sees it.
    TaskArea.objects.create(slug="versioned-cache-open", name="Offene Transaktion")
    assert versioned_cache.get_or_build("test:areas", build).endswith(f"{TaskArea.objects.count()} areas")
    versioned_cache.get_or_build("test:areas", build)
    assert build.calls == 3

    with django_capture_on_commit_callbacks(execute=True):
        pass  # nothing written in this block; the write above still waits for the commit
    versioned_cache.get_or_build("test:areas", build)
    assert build.calls == 4


def test_without_a_page_cache_every_call_builds(settings):
    settings.CACHES = {"default": settings.CACHES["default"]}
    build = Builder()
    versioned_cache.get_or_build("test:areas", build)
    versioned_cache.get_or_build("test:areas", build)
    assert build.calls == 2


def test_many_values_built_together_and_only_the_missing_ones(django_capture_on_commit_callbacks):
    calls = []

    def build(keys):
        calls.append(sorted(keys))
        return {key: f"{key}@{TaskArea.objects.count()}" for key in keys}

    first = versioned_cache.get_or_build_many(["a", "b"], build)
    assert versioned_cache.get_or_build_many(["b", "c", "a"], build) == {
        **first,
        "c": first["a"].replace("a@", "c@"),
    }
    assert calls == [["a", "b"], ["c"]]

    with django_capture_on_commit_callbacks(execute=True):
        TaskArea.objects.create(slug="versioned-cache-many", name="Viele Werte")
    renewed = versioned_cache.get_or_build_many(["a", "c"], build)
    assert calls[-1] == ["a", "c"] and renewed["a"] != first["a"]
