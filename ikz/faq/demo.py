"""Demo content of the FAQ: the index at /faq/ and the example answers of data/faq.md, marked "Beispiel"."""

from django.db import transaction

from ikz.core.taxonomy import TaskArea
from ikz.core.text import slugify_de

from .content import FAQEntry, faq_entries
from .models import FAQCategory, FAQIndexPage, FAQPage

EXAMPLE_NOTE = (
    "<p>Beispiel: Diese Antwort hat die Redaktion als Beispielinhalt des Portals verfasst. Sie stützt "
    "sich auf die verlinkten Gesetzestexte in dem Stand, den das Portal zeigt, und ersetzt keine "
    "Rechtsberatung im Einzelfall.</p>"
)

# The one-sentence answers an earlier demo set-up created. A page that still carries one of them
# has not been edited by the Redaktion and gets the full answer; any other text is left alone.
EARLIER_SEED_ANSWERS = {
    "<p>Beispiel: Das Gesetz über kommunale Gemeinschaftsarbeit kennt die Arbeitsgemeinschaft "
    "(§§ 2–3), den Zweckverband (§§ 4–22a), die öffentlich-rechtliche Vereinbarung (§§ 23–26) "
    "und das gemeinsame Kommunalunternehmen (§§ 27–28).</p>",
    "<p>Beispiel: Bei der delegierenden Vereinbarung geht die Aufgabe mit ihrer Zuständigkeit auf "
    "den Partner über; bei der mandatierenden führt er sie nur für die anderen durch.</p>",
    "<p>Beispiel: Nicht, wenn die Voraussetzungen der öffentlich-öffentlichen Zusammenarbeit nach "
    "§ 108 Abs. 6 GWB vorliegen. Prüfen Sie die Kriterien im Einzelfall.</p>",
    "<p>Beispiel: Seit § 2b UStG kommt es darauf an, ob größere Wettbewerbsverzerrungen drohen. "
    "Lassen Sie die Vereinbarung steuerlich prüfen.</p>",
}
EARLIER_SEED_CATEGORIES = {"grundlagen": "Grundlagen", "vergabe-und-steuern": "Vergabe und Steuern"}


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


def _categories(entries: list[FAQEntry]) -> dict[str, FAQCategory]:
    categories: dict[str, FAQCategory] = {}
    for entry in entries:
        if entry.category_slug not in categories:
            categories[entry.category_slug], _ = FAQCategory.objects.get_or_create(
                slug=entry.category_slug,
                defaults={"name": entry.category, "sort_order": 10 * (len(categories) + 1)},
            )
    return categories


def _fill(page: FAQPage, entry: FAQEntry, category: FAQCategory) -> None:
    page.answer = EXAMPLE_NOTE + entry.html
    page.category = category
    page.legal_form = entry.legal_form
    page.task_areas.set(TaskArea.objects.filter(slug__in=entry.task_areas))


def _unique_slug(index: FAQIndexPage, title: str) -> str:
    base = slugify_de(title, max_length=80, default="frage")
    taken = set(index.get_children().values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def faq_demo_setup(*, home) -> FAQIndexPage:
    """Create every question of data/faq.md that is missing; upgrade pages that still carry an
    earlier one-sentence seed answer; never touch a page the Redaktion has edited. Idempotent."""
    index = faq_index_ensure(home=home)
    entries = faq_entries()
    categories = _categories(entries)
    for entry in entries:
        category = categories[entry.category_slug]
        page = FAQPage.objects.filter(title=entry.question).first()
        if page is None:
            page = FAQPage(title=entry.question, slug=_unique_slug(index, entry.question))
            _fill(page, entry, category)
            index.add_child(instance=page)
        elif page.answer in EARLIER_SEED_ANSWERS:
            _fill(page, entry, category)
        else:
            continue
        page.save_revision().publish()
    for slug, name in EARLIER_SEED_CATEGORIES.items():
        FAQCategory.objects.filter(slug=slug, name=name, pages__isnull=True).delete()
    return index
