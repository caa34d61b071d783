"""Fixtures of the assistant's tests."""

import json

import pytest


@pytest.fixture
def rules(db):
    """The seeded rules and funding figures (a transactional test before may have flushed them)."""
    from ikz.assistant.loader import rules_sync

    rules_sync()


@pytest.fixture
def assistant_laws(library_index):
    """Every law excerpt the portal packages (GkG NRW, GO NRW, VwVfG NRW, GWB § 108, UStG § 2b/§ 27, …)."""
    from ikz.library.demo import DATA
    from ikz.library.importer import import_entries
    from ikz.library.markdown_laws import law_excerpt_entries

    summary = import_entries([json.dumps(e, ensure_ascii=False) for e in law_excerpt_entries(DATA / "law")])
    assert not summary.errors, summary.errors
    return summary
