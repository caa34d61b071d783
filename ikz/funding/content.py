"""Real content of /foerderung/: the index and the Förderrichtlinie IKZ NRW, created once.

The facts come from ../shared/data/funding/foerderrichtlinie_ikz_nrw.md (public pages read on
2026-11-29, each with the page it was read on) and the page of the Bezirksregierung Arnsberg read on
2026-11-30. The figures (amounts, cap, window, Stand, source) are the Kooperationsassistent's record
`ikz-nrw` (ikz/assistant/data/regeln.toml), which the page links instead of copying.
Idempotent: an existing page is left as the Redaktion edited it.
"""

from django.db import transaction

from ikz.core.taxonomy import TaskArea

from .models import ApplicantType, FundingIndexPage, FundingProgrammePage

APPLICANT_TYPES = [
    ("gemeinden", "Gemeinden und Städte"),
    ("kreise", "Kreise"),
    ("zusammenschluesse", "Zusammenschlüsse von Kommunen (z. B. Zweckverbände)"),
    ("kommunale-unternehmen", "Kommunale Unternehmen und Einrichtungen"),
]

INDEX_INTRO = (
    "Förderprogramme für Kommunen, die Aufgaben gemeinsam erledigen wollen: wer antragsberechtigt ist, "
    "was gefördert wird, wie viel und wann Anträge möglich sind – jeweils mit Stand und Quelle. "
    "Verbindlich ist allein die Förderrichtlinie und die Auskunft der zuständigen Stelle."
)

IKZ_NRW = {
    "title": "Förderrichtlinie IKZ NRW – Förderung der interkommunalen Zusammenarbeit",
    "slug": "ikz-nrw",
    "funder": "Land Nordrhein-Westfalen",
    "responsible_body": "die zuständige Bezirksregierung (Bewilligungsbehörde)",
    "contact_kind": "bezirksregierung",
    "official_url": "https://www.mhkbd.nrw/foerderprogramme/foerderung-interkommunaler-zusammenarbeit-ikz-nrw",
    "applicants": (
        "Nordrhein-westfälische kommunale Gebietskörperschaften und deren Zusammenschlüsse "
        "(juristische Personen des öffentlichen Rechts) sowie die von ihnen geführten Unternehmen und "
        "Einrichtungen (privat- oder öffentlich-rechtlich) mit Sitz in NRW. Der Antrag wird von einem "
        "Beteiligten gestellt."
    ),
    "funded": (
        "<p>Neue Projekte in interkommunaler Zusammenarbeit auf Grundlage der Formen des GkG NRW sowie des "
        "§ 54 VwVfG NRW, auch Kooperationen in Rechtsformen des Privatrechts: Anbahnung, Vorbereitung, "
        "Einrichtung neuer sowie Erweiterung bestehender Kooperationen. Die Förderung kann sich laut "
        "Bezirksregierung Arnsberg auch auf die Durchführung und damit die Anlaufphase erstrecken; sie "
        "wird als Festbetragsfinanzierung gewährt.</p>"
        "<p>Voraussetzungen laut NRW.BANK-Förderlotse:</p><ul>"
        "<li>ein neues interkommunales Kooperationsprojekt,</li>"
        "<li>wesentliche Beiträge zur Aufgabenerfüllung und Vorbildcharakter,</li>"
        "<li>auf Dauer angelegt, mindestens 5 Jahre (Abweichungen im Einzelfall möglich),</li>"
        "<li>Kosteneinsparung bei Personal- und Sachaufwendungen oder Ertragssteigerung von mindestens "
        "15 % im Aufgabenbereich oder eine wesentliche Verbesserung des öffentlichen Leistungsangebots.</li>"
        "</ul>"
        "<p>Förderfähige Bereiche (Beispiele): Finanzverwaltung und Rechnungswesen, Abgabewesen, Haupt- und "
        "Personalverwaltung, Ordnungswesen, IuK-Technik, E-Government, Datenschutz, Denkmalrecht, Baurecht, "
        "Bauhof; Brand- und Katastrophenschutz, Sportanlagen, Tourismusförderung, strukturelle "
        "Wirtschaftsförderung, Breitbandversorgung; grenzüberschreitende Kooperationen. Interkommunale "
        "Shared Service Center sind insbesondere förderfähig (Erlass vom 5. Juni 2023).</p>"
        "<p>Ein Anspruch auf Gewährung besteht nicht.</p>"
    ),
    "sources": (
        "Antragsberechtigte, Gegenstand, Phasen und Festbetragsfinanzierung auch: Bezirksregierung Arnsberg, "
        "https://bra.nrw.de/kommunalaufsicht-planung-verkehr/kommunalaufsicht/foerderung-neuer-interkommunaler-kooperation "
        "(gelesen am 2026-11-30)\n"
        "Schwerpunkt Shared Service Center (Erlass vom 5. Juni 2023): mhkbd.nrw (s. o.)\n"
        "Förderfähige Bereiche: nrwbank.de Förderlotse (s. o.)"
    ),
    "task_areas": [
        "verwaltung", "personal", "kasse", "it-digitalisierung", "ordnung-sicherheit", "feuerwehr",
        "bevoelkerungsschutz", "bauaufsicht", "bauhof", "sport-freizeit", "wirtschaft-tourismus",
    ],
}  # fmt: skip


def applicant_types_sync(model=None) -> None:
    model = model or ApplicantType
    for position, (slug, name) in enumerate(APPLICANT_TYPES, start=1):
        model.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": position * 10})


@transaction.atomic
def funding_index_ensure(*, home) -> FundingIndexPage:
    index = FundingIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=FundingIndexPage(title="Förderprogramme", slug="foerderung", intro=INDEX_INTRO)
        )
        index.save_revision().publish()
    return index


@transaction.atomic
def funding_setup(*, home=None) -> int:
    """The index at /foerderung/ and the Förderrichtlinie IKZ NRW; returns how many pages were created."""
    from ikz.assistant.loader import rules_sync
    from ikz.assistant.models import FundingProgramme
    from ikz.core.models import HomePage

    if home is None:
        home = HomePage.objects.first()
        if home is None:
            from ikz.core.services import site_setup

            home = site_setup()
    applicant_types_sync()
    created = 0
    if not FundingIndexPage.objects.exists():
        created += 1
    index = funding_index_ensure(home=home)
    figures = FundingProgramme.objects.filter(key="ikz-nrw").first()
    if figures is None:
        rules_sync()
        figures = FundingProgramme.objects.get(key="ikz-nrw")
    if FundingProgrammePage.objects.filter(figures=figures).exists() or (
        FundingProgrammePage.objects.filter(slug=IKZ_NRW["slug"]).exists()
    ):
        return created
    data = dict(IKZ_NRW)
    areas = list(TaskArea.objects.filter(slug__in=data.pop("task_areas")))
    page = FundingProgrammePage(figures=figures, **data)
    index.add_child(instance=page)
    page.applicant_types.set(list(ApplicantType.objects.all()))
    page.task_areas.set(areas)
    page.save_revision().publish()
    return created + 1
