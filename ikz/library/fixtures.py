"""pytest fixtures of the library (registered via pytest_plugins in the root conftest)."""

import gzip
import json
from functools import lru_cache
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
# Laws the tests need; a slice of the corpus keeps every test fast.
SLICE_SECTIONS = {
    "bund:gwb:§99",
    "bund:gwb:§108",
    "bund:ustg_1980:§2b",
    "bund:ustg_1980:§27",
    "bund:gg:Art28",
    "bund:vwvfg:§54",
    "bund:vwvfg:§55",
    "bund:vwvfg:§62",
    "bund:gwb:§2",
}


@lru_cache(maxsize=1)
def corpus_slice() -> tuple[str, ...]:
    """JSON lines of a few real sections, parsed once per test session."""
    lines = []
    with gzip.open(DATA / "bundesrecht_sections.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            if json.loads(line)["external_id"] in SLICE_SECTIONS:
                lines.append(line)
    return tuple(lines)


@pytest.fixture
def library_index(home_page):
    from ikz.library.models.base import legal_forms_sync
    from ikz.library.tree import library_tree_ensure

    legal_forms_sync()  # a transactional test before may have flushed the seed rows
    return library_tree_ensure()


@pytest.fixture
def library_laws(library_index):
    """The GkG NRW excerpt plus a slice of federal law (GWB, UStG, GG, VwVfG)."""
    from ikz.library.demo import DATA as DEMO_DATA
    from ikz.library.importer import import_entries
    from ikz.library.markdown_laws import entries_from_markdown

    gkg = [
        json.dumps(e, ensure_ascii=False)
        for e in entries_from_markdown(DEMO_DATA / "law" / "gkg_nrw_auszug.md")
    ]
    summary = import_entries([*gkg, *corpus_slice()])
    assert not summary.errors, summary.errors
    return summary


@pytest.fixture
def library_checklist(library_laws):
    from ikz.library.demo import _checklists
    from ikz.library.models import ChecklistPage

    _checklists(__import__("datetime").date.today())
    return ChecklistPage.objects.get(external_id="demo:checkliste:oerv")
