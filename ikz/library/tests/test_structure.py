from ikz.library.models.law import section_slug
from ikz.library.structure import parse_units, render_law_body


def test_section_slugs():
    assert section_slug("§ 108") == "108"
    assert section_slug("§ 2b") == "2b"
    assert section_slug("Art 28") == "art-28"
    assert section_slug("Art. 28") == "art-28"


def test_absaetze_numbers_and_letters_become_lists(db):
    body = (
        "(1) Dieser Teil gilt, wenn\n\n1.  der Auftraggeber eine\n    Kontrolle ausübt,\n\n"
        "a)  erstens und\n\nb)  zweitens,\n\n2.  mehr als 80 Prozent\n    der Tätigkeiten.\n\n(2) Die Ausübung."
    )
    html = render_law_body(body)
    assert html.count('<p class="law-absatz">') == 2
    assert (
        '<ol class="law-list law-list--num"><li><span class="law-marker">1.</span> der Auftraggeber eine Kontrolle'
        in html
    )
    assert (
        '<ol class="law-list law-list--alpha"><li><span class="law-marker">a)</span> erstens und</li>' in html
    )
    assert html.index("b)") < html.index("2.</span>") < html.index("(2)")
    assert html.count("<ol") == html.count("</ol>") == 2


def test_single_newline_items_after_colon_are_split():
    units = parse_units("(1) Angaben über\n\n1. die Träger,\n2. den Sitz,\n3. das Kapital.")
    assert [u.kind for u in units] == ["absatz", "number", "number", "number"]


def test_date_at_line_start_is_not_an_item():
    units = parse_units("Diese Verordnung tritt am\n1. Januar 2004 in Kraft.")
    assert len(units) == 1 and units[0].kind == "text"
