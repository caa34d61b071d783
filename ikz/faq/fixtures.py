"""pytest fixtures of the FAQ: `faq_index` (/faq/) and `faq_page_factory(title=..., category=...)`."""

import pytest


@pytest.fixture
def faq_index(home_page):
    from .demo import faq_index_ensure

    return faq_index_ensure(home=home_page)


@pytest.fixture
def faq_page_factory(faq_index):
    from .models import FAQCategory, FAQPage

    def make(
        title: str = "Was ist ein Zweckverband?", answer: str = "<p>Eine Körperschaft.</p>", category=None
    ):
        if isinstance(category, str):
            category, _ = FAQCategory.objects.get_or_create(
                slug=category.lower(), defaults={"name": category}
            )
        page = FAQPage(title=title, answer=answer, category=category)
        faq_index.add_child(instance=page)
        page.save_revision().publish()
        return page

    return make
