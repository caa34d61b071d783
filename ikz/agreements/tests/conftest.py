import pytest

from ikz.workshop.tests import conftest as _workshop

# The Werkstatt's own fixtures (Leitung, Werkstatt with Hückeswagen and Lindlar, add_member).
lead = _workshop.lead
workshop_factory = _workshop.workshop_factory
workshop = _workshop.workshop
add_member = _workshop.add_member

FULL = {
    "name": "Zweckverband Bauhof Bergisches Land (Beispiel)",
    "seat": "Hückeswagen",
    "cost_sharing": "nach dem Verhältnis der Einwohnerzahlen am 31.12. des Vorjahres",
    "public_notice": "im Amtsblatt des Oberbergischen Kreises",
    "termination": "Jeder Beteiligte kann mit einer Frist von zwölf Monaten zum Ende eines Kalenderjahres schriftlich kündigen.",
    "start": "1. Januar 2028",
}


@pytest.fixture
def laws(library_index):
    """The GkG NRW and VwVfG NRW excerpts as the Wissensdatenbank imports them (citations link there)."""
    import json

    from ikz.library.demo import DATA
    from ikz.library.importer import import_entries
    from ikz.library.markdown_laws import law_excerpt_entries

    summary = import_entries([json.dumps(e, ensure_ascii=False) for e in law_excerpt_entries(DATA / "law")])
    assert not summary.errors, summary.errors
    return summary


@pytest.fixture
def task_workshop(workshop_factory):
    from ikz.core.taxonomy import TaskArea

    return workshop_factory(
        title="Gemeinsamer Bauhof (Beispiel)",
        task="Betrieb eines gemeinsamen Bauhofs für Winterdienst und Grünpflege",
        task_area=TaskArea.objects.filter(slug="bauhof").first(),
    )


@pytest.fixture
def draft_factory(task_workshop, lead):
    from ikz.agreements import services

    def make(kind="satzung", workshop=None, user=None, full=True, **fields):
        workshop = workshop or task_workshop
        values = dict(FULL) if full else {}
        if full and kind != "satzung":
            values["lead_ags"] = workshop.partners.order_by("ags").first().ags
        values.update(fields)
        return services.draft_create(workshop=workshop, user=user or lead, kind=kind, **values)

    return make
