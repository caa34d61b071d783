import pytest

from ikz.library.references import link_references, link_references_html

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "href", "linked"),
    [
        ("nach § 108 GWB", "/wissen/gesetze/gwb/108/", "§ 108 GWB"),
        ("gemäß § 23 Abs. 4 GkG NRW sind", "/wissen/gesetze/gkg-nrw/23/", "§ 23 Abs. 4 GkG NRW"),
        ("die §§ 54 bis 62 VwVfG gelten", "/wissen/gesetze/vwvfg/54/", "§§ 54 bis 62 VwVfG"),
        ("die §§ 54–62 VwVfG gelten", "/wissen/gesetze/vwvfg/54/", "§§ 54–62 VwVfG"),
        ("Art. 28 GG schützt", "/wissen/gesetze/gg/art-28/", "Art. 28 GG"),
        ("Art. 28 Abs. 2 GG schützt", "/wissen/gesetze/gg/art-28/", "Art. 28 Abs. 2 GG"),
        ("siehe § 2b UStG.", "/wissen/gesetze/ustg/2b/", "§ 2b UStG"),
        ("§ 108 Abs. 6 Nr. 3 GWB", "/wissen/gesetze/gwb/108/", "§ 108 Abs. 6 Nr. 3 GWB"),
    ],
)
def test_citations_link_to_held_sections(library_laws, text, href, linked):
    html = link_references(text)
    assert f'<a class="law-ref" href="{href}">{linked}</a>' in html


@pytest.mark.parametrize(
    "text",
    [
        "§ 108 ohne Gesetz",
        "das GWB allein",
        "§ 999 GWB gibt es nicht",
        "Art. 28 XYZ ist unbekannt",
        "§ 23 GkG (ohne NRW)",
        "§ 1 BGB wird nicht vorgehalten",
        "Paragraph 108 GWB",
    ],
)
def test_near_misses_stay_plain(library_laws, text):
    assert "<a" not in link_references(text)


def test_text_is_escaped(library_laws):
    html = link_references('<script>alert("x")</script> § 108 GWB & Co')
    assert "<script>" not in html
    assert "&lt;script&gt;" in html and "&amp; Co" in html
    assert 'href="/wissen/gesetze/gwb/108/"' in html


def test_unpublished_section_does_not_link(library_laws):
    from ikz.library.models import LawSection

    LawSection.objects.filter(external_id="bund:gwb:§108").update(live=False)
    assert "<a" not in link_references("§ 108 GWB")


def test_rich_text_keeps_existing_links(library_laws):
    html = link_references_html('<p>Nach § 2b UStG und <a href="/x/">§ 108 GWB</a></p>')
    assert html.count("<a ") == 2
    assert '<a class="law-ref" href="/wissen/gesetze/ustg/2b/">§ 2b UStG</a>' in html
    assert '<a href="/x/">§ 108 GWB</a>' in html
