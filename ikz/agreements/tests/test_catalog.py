"""The clause catalog (data/klauseln.toml) quotes the law only from the portal's own texts, and every
citation resolves to a section page of the Wissensdatenbank."""

import re

import pytest

from ikz.agreements.drafting import catalog, citation_url, source_text
from ikz.agreements.models import DraftKind


def test_every_kind_of_the_model_has_a_catalog_entry_clauses_and_requirements():
    cat = catalog()
    assert set(cat.kinds) == set(DraftKind.values)
    for kind in DraftKind.values:
        assert cat.clauses_for(kind), kind
        assert cat.requirements_for(kind), kind
        assert all(clause.citations for clause in cat.clauses_for(kind)), kind


def test_every_quote_stands_word_for_word_in_the_law_file_it_names():
    for requirement in catalog().requirements:
        assert requirement.source.startswith("ikz/library/data/law/"), requirement.key
        assert " ".join(requirement.quote.split()) in source_text(requirement.source), requirement.key


def test_satzung_lists_exactly_what_section_9_paragraph_2_requires():
    labels = [r.label for r in catalog().requirements_for("satzung")]
    assert labels == [
        "Verbandsmitglieder",
        "Aufgaben des Verbandes",
        "Name des Verbandes",
        "Sitz des Verbandes",
        "Form der öffentlichen Bekanntmachungen",
        "Maßstab für die Deckung der Aufwendungen",
    ]


@pytest.mark.django_db
def test_every_citation_links_to_a_section_the_portal_holds(laws):
    from ikz.assistant.citations import CitationLinker, parse_citation
    from ikz.library.models import LawSection

    linker = CitationLinker()
    for text in sorted(catalog().citations()):
        url = citation_url(linker, text)
        assert url, f"{text} fehlt in der Wissensdatenbank"
        law, _number = parse_citation(text)
        section = LawSection.objects.get(law__abbreviation=law, slug=url.rstrip("/").rsplit("/", 1)[1])
        # no clause rests on a section (or paragraph) whose wording the portal has not read
        assert section.body.strip(), text
        paragraph = re.search(r"Abs\. (\d+)", text)
        if paragraph:
            assert f"({paragraph.group(1)})" in section.body, text
