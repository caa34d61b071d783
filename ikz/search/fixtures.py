"""Fixtures of the search app (shared through pytest_plugins in the root conftest.py)."""

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "tests" / "data"


def extra_entries():
    from .documents import IndexEntry

    return [
        IndexEntry(
            source="test.project",
            object_id="1",
            kind="project",
            title="Gemeinsamer Bauhof der Gemeinden Adorf und Bedorf",
            url="/projekte/bauhof/",
            body="Zwei Gemeinden betreiben den Bauhof gemeinsam; die Abwasserbeseitigungspflicht bleibt bei jeder Gemeinde.",
            task_areas=["Bauhof und Grünflächen"],
            legal_forms=["Öffentlich-rechtliche Vereinbarung (§§ 23–26 GkG NRW)"],
            regierungsbezirke=["Arnsberg"],
            year=2023,
        ),
        IndexEntry(
            source="test.project",
            object_id="2",
            kind="project",
            title="Interkommunale Kläranlage",
            url="/projekte/klaeranlage/",
            body="Der Zweckverband übernimmt die Pflicht zur Abwasserbeseitigung für drei Städte.",
            task_areas=["Abwasser"],
            legal_forms=["Zweckverband (§§ 4–22a GkG NRW)"],
            regierungsbezirke=["Detmold"],
            year=2021,
        ),
        IndexEntry(
            source="test.faq",
            object_id="1",
            kind="faq",
            title="Wann brauchen wir für die Kita-Kooperation einen Vertrag?",
            url="/faq/kita-kooperation/",
            body="Für die gemeinsame Kindertageseinrichtung zweier Gemeinden genügt ein öffentlich-rechtlicher Vertrag.",
            year=2024,
        ),
    ]


@pytest.fixture(autouse=True)
def _search_word_cache():
    """The per-process word cache of the typo correction must not outlive a test's data."""
    from .query import clear_word_cache

    clear_word_cache()
    yield
    clear_word_cache()


@pytest.fixture
def search_index(db):
    """25 real law sections (GWB, PStG, BMG, SGB VIII …) plus projects and an FAQ entry."""
    from . import selectors, synonyms
    from .corpus import load_corpus
    from .indexing import index_bulk

    synonyms.vocabulary_seed()  # a transactional test before this one may have flushed it
    load_corpus(DATA / "sections.jsonl")
    index_bulk(extra_entries())
    selectors._stats["at"] = 0.0
    synonyms.clear_cache()
    return None
