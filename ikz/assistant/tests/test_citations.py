"""Every section a rule cites is in the Wissensdatenbank; a missing one fails loudly."""

import pytest
from django.core.exceptions import ValidationError

from ikz.assistant.citations import SectionMissing, parse_citation, section_url

pytestmark = pytest.mark.django_db


def test_every_cited_section_has_its_page(rules, assistant_laws, client):
    from ikz.assistant.models import Rule

    cited = {line for rule in Rule.objects.all() for line in rule.citation_lines}
    assert len(cited) > 40
    checked = {}
    for line in sorted(cited):
        law, number = parse_citation(line)
        url = section_url(law, number)  # raises SectionMissing if the library lacks it
        if url not in checked:
            checked[url] = client.get(url).status_code
    assert set(checked.values()) == {200}, {url: code for url, code in checked.items() if code != 200}
    assert "/wissen/gesetze/" in next(iter(checked))


def test_missing_section_or_law_raises(assistant_laws):
    with pytest.raises(SectionMissing, match="§ 999 GWB fehlt"):
        section_url("GWB", "999")
    with pytest.raises(SectionMissing, match="kein Gesetz „BGB“"):
        section_url("BGB", "1")
    assert section_url("UStG", "§ 2b").endswith("/2b/")


@pytest.mark.parametrize(
    ("text", "law", "number"),
    [
        ("§ 108 Abs. 6 Nr. 3 GWB", "GWB", "§ 108"),
        ("§ 2b Abs. 3 Nr. 2 UStG", "UStG", "§ 2b"),
        ("§ 27 Abs. 22a UStG", "UStG", "§ 27"),
        ("§ 54 VwVfG NRW", "VwVfG NRW", "§ 54"),
        ("§ 114a GO NRW", "GO NRW", "§ 114a"),
    ],
)
def test_parse_citation(text, law, number):
    assert parse_citation(text) == (law, number)


def test_rule_with_a_malformed_citation_does_not_validate(rules):
    from ikz.assistant.models import Rule

    rule = Rule.objects.get(key="gwb108-6-3")
    rule.citations = "§ 108 Abs. 6 GWB\nAbsatz sechs GWB"
    with pytest.raises(ValidationError, match="Absatz sechs GWB"):
        rule.full_clean()


def test_result_page_links_the_sections(client, register, rules, assistant_laws):
    body = client.get(
        "/assistent/ergebnis/?partner=05358032&partner=05358036&zustaendigkeit=uebertragen&privat=nein"
    ).content.decode()
    assert 'class="law-ref" href="/wissen/gesetze/' in body
    assert f'href="{section_url("GWB", "108")}">§ 108 Abs. 6 Nr. 3 GWB</a>' in body
    assert f'href="{section_url("GkG NRW", "23")}">§ 23 Abs. 1 GkG NRW</a>' in body
    assert f'href="{section_url("UStG", "27")}">§ 27 Abs. 22 UStG</a>' in body


def test_seeding_twice_keeps_the_redaktions_edits(rules):
    from ikz.assistant.loader import rules_sync
    from ikz.assistant.models import Rule

    Rule.objects.filter(key="gwb108-6-3").update(title="Von der Redaktion geändert")
    assert rules_sync() == 0
    assert Rule.objects.get(key="gwb108-6-3").title == "Von der Redaktion geändert"


def test_citations_are_resolved_in_a_few_queries(
    client, register, rules, assistant_laws, django_assert_max_num_queries
):
    """Some 30 cited sections: two queries for all of them, not two per section."""
    from urllib.parse import urlencode

    from .test_views import FULL

    url = "/assistent/ergebnis/?" + urlencode(FULL)
    client.get(url)  # site root paths cached, as on a running server
    with django_assert_max_num_queries(35):
        body = client.get(url).content.decode()
    assert body.count('class="law-ref"') > 30
