import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def live_index(transactional_db):
    from ikz.search.corpus import load_corpus
    from ikz.search.fixtures import DATA, extra_entries
    from ikz.search.indexing import index_bulk
    from ikz.search.synonyms import vocabulary_seed

    vocabulary_seed()
    load_corpus(DATA / "sections.jsonl")
    index_bulk(extra_entries())


def test_search_with_facets_and_axe(live_server, page, axe, live_index):
    page.goto(live_server.url + "/suche/?q=Abwasserbeseitigung+Gemeinde")
    assert page.locator(".search-hit").count() >= 3
    block = page.locator("section.search-portal")  # the portal's own hits above the paragraphs
    assert block.get_by_role("heading", name="Aus dem Portal").count() == 1
    assert block.get_by_role("link", name="Interkommunale Kläranlage").count() == 1
    axe(page)
    page.locator("#facet-kind").locator("xpath=..").get_by_role("link", name="Projekte").click()
    page.wait_for_url("**kind=project**")
    assert page.locator(".search-hit").count() == 2
    axe(page)


def test_autocomplete_combobox(live_server, page, live_index):
    page.goto(live_server.url + "/suche/")
    box = page.get_by_role("combobox", name="Suchbegriff")
    box.fill("Inobhut")
    option = page.get_by_role("option").first
    option.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
    assert option.get_attribute("aria-selected") == "true"
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    box.press("Enter")
    page.wait_for_url("**/suche/?q=Inobhut**")
    assert page.locator(".search-hit").count() >= 1
