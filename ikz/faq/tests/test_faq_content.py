"""The FAQ example content (data/faq.md): enough real answers, each citing a section that exists.

The data file is what the Redaktion reviews; these tests keep it honest: every answer has several
paragraphs and links at least one law section, and every link resolves after the demo set-up of
the library and the FAQ – a § link to a section the portal does not hold would be a 404.
"""

import re
from collections import Counter

import pytest

from ikz.core.taxonomy import TASK_AREAS, LegalForm
from ikz.faq.content import faq_entries, inline_html

ENTRIES = faq_entries()
HREF = re.compile(r'href="([^"]+)"')
SECTION_LINK = re.compile(r"^/wissen/gesetze/[a-z0-9-]+/[a-z0-9-]+/$")


def _links(html: str) -> list[str]:
    return HREF.findall(html)


def test_at_least_30_questions_in_the_fields_categories():
    assert len(ENTRIES) >= 30
    questions = [e.question for e in ENTRIES]
    assert len(set(questions)) == len(questions), "a question appears twice"
    assert all(q.endswith("?") for q in questions)
    per_category = Counter(e.category_slug for e in ENTRIES)
    assert 6 <= len(per_category) <= 8
    assert min(per_category.values()) >= 3, per_category
    expected = {"rechtsformen", "vergabe", "umsatzsteuer", "foerderung", "personal", "datenschutz", "beenden"}
    assert expected <= set(per_category)


def test_every_answer_has_several_paragraphs_and_cites_a_linked_section():
    area_slugs = {slug for _n, slug, children in TASK_AREAS for slug in [slug, *(c[1] for c in children)]}
    for entry in ENTRIES:
        assert entry.paragraphs >= 3, entry.question
        section_links = [href for href in _links(entry.html) if SECTION_LINK.match(href)]
        assert section_links, f"no linked section in „{entry.question}“"
        assert all(href.startswith("/") for href in _links(entry.html)), entry.question
        assert entry.legal_form in {"", *LegalForm.values}, entry.question
        assert set(entry.task_areas) <= area_slugs, entry.question
        assert entry.sources, f"no sources noted for the Redaktion in „{entry.question}“"
        # Editors' notes stay in HTML comments of the file, never in the answer.
        assert "Quellen:" not in entry.html and "<!--" not in entry.html


def test_markup_of_the_file_is_escaped_not_passed_through():
    assert inline_html("<script>x</script> [§ 1](/a/) **fett**") == (
        '&lt;script&gt;x&lt;/script&gt; <a href="/a/">§\u00a01</a> <b>fett</b>'
    )


@pytest.mark.django_db
def test_every_link_resolves_after_the_demo_set_up(client, home_page):
    from ikz.faq.demo import faq_demo_setup
    from ikz.faq.models import FAQPage
    from ikz.library.demo import library_demo_setup

    library_demo_setup()
    faq_demo_setup(home=home_page)

    links = sorted({href for entry in ENTRIES for href in _links(entry.html)})
    assert len(links) >= 20
    broken = [href for href in links if client.get(href).status_code != 200]
    assert broken == []

    # The published pages carry the answers with their links and the example note.
    for entry in ENTRIES:
        page = FAQPage.objects.live().get(title=entry.question)
        assert page.answer.startswith("<p>Beispiel")
        html = client.get(page.url).content.decode()
        for href in _links(entry.html):
            assert f'href="{href}"' in html, (entry.question, href)
        assert page.category.slug == entry.category_slug


@pytest.mark.django_db
def test_faq_index_groups_all_questions_with_jump_links(client, home_page):
    from ikz.faq.demo import faq_demo_setup

    faq_demo_setup(home=home_page)
    html = client.get("/faq/").content.decode()
    for slug in {e.category_slug for e in ENTRIES}:
        assert f'href="#kategorie-{slug}"' in html and f'id="kategorie-{slug}"' in html
    for entry in ENTRIES:
        assert entry.question in html
    # The search field still narrows the list.
    found = client.get("/faq/", {"q": "Auftragsverarbeitung"}).content.decode()
    assert "Brauchen wir einen Vertrag zur Auftragsverarbeitung" in found
    assert "Wie wird ein Zweckverband finanziert" not in found


@pytest.mark.django_db
def test_demo_set_up_is_idempotent_and_keeps_what_the_redaktion_edited(home_page):
    from ikz.faq.demo import EARLIER_SEED_ANSWERS, faq_demo_setup, faq_index_ensure
    from ikz.faq.models import FAQCategory, FAQPage

    index = faq_index_ensure(home=home_page)
    old_category = FAQCategory.objects.create(name="Grundlagen", slug="grundlagen")
    seed = sorted(EARLIER_SEED_ANSWERS)[0]
    untouched = FAQPage(title=ENTRIES[0].question, answer=seed, category=old_category)
    edited = FAQPage(title=ENTRIES[1].question, answer="<p>Von der Redaktion überarbeitet.</p>")
    for page in (untouched, edited):
        index.add_child(instance=page)
        page.save_revision().publish()

    faq_demo_setup(home=home_page)
    faq_demo_setup(home=home_page)

    assert FAQPage.objects.count() == len(ENTRIES)
    untouched.refresh_from_db()
    assert untouched.answer.endswith(ENTRIES[0].html) and untouched.category.slug == ENTRIES[0].category_slug
    edited.refresh_from_db()
    assert edited.answer == "<p>Von der Redaktion überarbeitet.</p>"
    assert not FAQCategory.objects.filter(slug="grundlagen").exists()
    assert FAQCategory.objects.count() == len({e.category_slug for e in ENTRIES})
