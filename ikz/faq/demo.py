"""Demo content of the FAQ: the index at /faq/ and a few example questions marked "Beispiel"."""

from django.db import transaction

from .models import FAQCategory, FAQIndexPage, FAQPage

EXAMPLES = [
    (
        "Grundlagen",
        "Welche Rechtsformen kennt das GkG NRW für die Zusammenarbeit?",
        "<p>Beispiel: Das Gesetz über kommunale Gemeinschaftsarbeit kennt die Arbeitsgemeinschaft "
        "(§§ 2–3), den Zweckverband (§§ 4–22a), die öffentlich-rechtliche Vereinbarung (§§ 23–26) "
        "und das gemeinsame Kommunalunternehmen (§§ 27–28).</p>",
        "",
    ),
    (
        "Grundlagen",
        "Worin unterscheiden sich Delegation und Mandatierung?",
        "<p>Beispiel: Bei der delegierenden Vereinbarung geht die Aufgabe mit ihrer Zuständigkeit auf "
        "den Partner über; bei der mandatierenden führt er sie nur für die anderen durch.</p>",
        "oerv",
    ),
    (
        "Vergabe und Steuern",
        "Muss eine Zusammenarbeit zwischen Kommunen ausgeschrieben werden?",
        "<p>Beispiel: Nicht, wenn die Voraussetzungen der öffentlich-öffentlichen Zusammenarbeit nach "
        "§ 108 Abs. 6 GWB vorliegen. Prüfen Sie die Kriterien im Einzelfall.</p>",
        "",
    ),
    (
        "Vergabe und Steuern",
        "Fällt für Leistungen zwischen Kommunen Umsatzsteuer an?",
        "<p>Beispiel: Seit § 2b UStG kommt es darauf an, ob größere Wettbewerbsverzerrungen drohen. "
        "Lassen Sie die Vereinbarung steuerlich prüfen.</p>",
        "",
    ),
]


@transaction.atomic
def faq_index_ensure(*, home) -> FAQIndexPage:
    index = FAQIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=FAQIndexPage(
                title="Häufige Fragen",
                slug="faq",
                intro="Antworten der Redaktion auf Fragen, die uns über die Hotline häufig erreichen.",
            )
        )
    return index


@transaction.atomic
def faq_demo_setup(*, home) -> FAQIndexPage:
    index = faq_index_ensure(home=home)
    for position, (category_name, title, answer, legal_form) in enumerate(EXAMPLES):
        category, _ = FAQCategory.objects.get_or_create(
            name=category_name,
            defaults={"slug": category_name.lower().replace(" ", "-"), "sort_order": position},
        )
        if not FAQPage.objects.filter(title=title).exists():
            page = FAQPage(title=title, answer=answer, category=category, legal_form=legal_form)
            index.add_child(instance=page)
            page.save_revision().publish()
    return index
