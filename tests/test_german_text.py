"""German the portal writes itself: counted nouns, numbers with a thousands point, articles before
a Körperschaft, one way to spell umlauts in addresses, and password messages that are sentences."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.template import Context, Template

from ikz.core.text import counted, number_de, slugify_de, with_article


def render(source: str, **context) -> str:
    return Template("{% load german %}" + source).render(Context(context))


def test_counted_nouns():
    assert counted(1, "Eintrag", "Einträge") == "1 Eintrag"
    assert counted(0, "Eintrag", "Einträge") == "0 Einträge"
    assert counted(2, "Eintrag", "Einträge") == "2 Einträge"
    assert counted(12500, "Eintrag", "Einträge") == "12.500 Einträge"
    assert render('{{ n|anzahl:"Person,Personen" }}', n=1) == "1 Person"
    assert render('{{ n|anzahl:"Person,Personen" }}', n=3) == "3 Personen"


def test_numbers_have_a_thousands_point_and_a_decimal_comma():
    assert number_de(12000) == "12.000"
    assert number_de(Decimal("400000")) == "400.000"
    assert number_de(Decimal("12.5")) == "12,5"
    assert number_de(Decimal("1234567.25")) == "1.234.567,25"
    assert number_de(None) == ""
    assert render("{{ v|zahl }} €", v=Decimal("12000")) == "12.000 €"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Gemeinde Marienheide", "die Gemeinde Marienheide"),
        ("Stadt Köln", "die Stadt Köln"),
        ("Kreis Düren", "den Kreis Düren"),
        ("Rhein-Sieg-Kreis", "den Rhein-Sieg-Kreis"),
        ("Hochsauerlandkreis", "den Hochsauerlandkreis"),
        ("Städteregion Aachen", "die Städteregion Aachen"),
        ("Landschaftsverband Rheinland", "den Landschaftsverband Rheinland"),
        ("Gemeente Vaals", "Gemeente Vaals"),  # no German head noun: no article guessed
    ],
)
def test_article_before_a_koerperschaft(name, expected):
    assert with_article(name) == expected


def test_slugs_spell_umlauts_the_german_way():
    from ikz.library.tree import ascii_slug
    from ikz.municipalities.names import make_slug

    assert slugify_de("Bürgerbüro Süd – Straßenreinigung") == "buergerbuero-sued-strassenreinigung"
    assert slugify_de("", default="projekt") == "projekt"
    for generate in (ascii_slug, make_slug, slugify_de):
        assert generate("Gründung öffentlicher Ämter") == "gruendung-oeffentlicher-aemter"


@pytest.mark.django_db
def test_generated_project_slug_and_saving_figure(client, municipality_factory, project_factory):
    town = municipality_factory("05374016")
    project = project_factory(title="Gemeinsames Bürgerbüro für Gemeinden", municipalities=[town],
                              savings_eur=Decimal("12000"), start_date=datetime.date(2020, 1, 1))  # fmt: skip
    assert project.slug == "gemeinsames-buergerbuero-fuer-gemeinden"
    html = client.get(project.get_absolute_url()).content.decode()
    assert "Einsparung: 12.000 € pro Jahr" in html


@pytest.mark.django_db
def test_counts_in_lists_agree_with_their_number(client, library_checklist):
    two = client.get("/wissen/", {"art": "checklisten", "rechtsform": "oerv"}).content.decode()
    assert 'id="results-heading">2 Einträge<' in two
    none = client.get("/wissen/", {"art": "checklisten", "rechtsform": "gku"}).content.decode()
    assert 'id="results-heading">0 Einträge<' in none


@pytest.mark.django_db
def test_newsletter_dispatch_counts_one_recipient(client, editor, edition_factory, subscriber_factory):
    from django.urls import reverse

    edition = edition_factory("Ausgabe Juli")
    subscriber_factory(1)
    client.force_login(editor)
    page = client.get(reverse("newsletter_edition_dispatch", args=[edition.pk])).content.decode()
    assert "Diese Ausgabe geht an 1 Person mit bestätigtem Abonnement." in page
    assert "Jetzt an 1 Person versenden" in page
    assert "1 bestätigte Abonnentinnen" not in page


@pytest.mark.django_db
def test_membership_mail_names_the_koerperschaft_with_its_article(
    smtp_server, public_user, editor, municipality_factory
):
    from ikz.accounts import services

    marienheide = municipality_factory("05374024", short_name="Marienheide", type="Gemeinde")
    membership = services.membership_request(user=public_user, municipality=marienheide)
    services.membership_confirm(membership=membership, by=editor)
    smtp_server.wait_for(2)
    mail = smtp_server.to(public_user.email)[-1]
    assert "Ihre Mitgliedschaft für die Gemeinde Marienheide ist bestätigt" in mail["Subject"]
    assert "für die Gemeinde Marienheide bestätigt" in smtp_server.body(mail)


def test_long_compounds_get_soft_hyphens_at_their_joints():
    from ikz.search.hyphenation import SOFT_HYPHEN, hyphenate

    def shown(text):
        return hyphenate(text).replace(SOFT_HYPHEN, "·")

    assert shown("Bundesdatenschutzgesetz") == "Bundes·datenschutz·gesetz"
    assert shown("Abwasserbeseitigungspflicht") == "Abwasser·beseitigungs·pflicht"
    assert shown("Gemeinsames Bürgerbüro") == "Gemeinsames Bürgerbüro"  # short words stay whole
    assert hyphenate("Körperschaftsteuergesetz").replace(SOFT_HYPHEN, "") == "Körperschaftsteuergesetz"


@pytest.mark.django_db
def test_law_titles_can_break_at_compound_joints(client, library_laws):
    html = client.get("/wissen/gesetze/gwb/").content.decode()
    assert "<h1>Gesetz gegen Wettbewerbs\u00adbeschränkungen (GWB)</h1>" in html


@pytest.mark.django_db
def test_member_count_of_a_project_agrees_with_its_number(client, municipality_factory, project_factory):
    town = municipality_factory("05374016")
    one = project_factory(title="Kleiner Verbund", municipalities=[town], participants_count=1)
    many = project_factory(title="Großer Verbund", municipalities=[town], participants_count=36)
    assert "1 Mitglied (laut Quelle)" in client.get(one.get_absolute_url()).content.decode()
    assert "36 Mitglieder (laut Quelle)" in client.get(many.get_absolute_url()).content.decode()
    listing = client.get("/projekte/").content.decode()
    assert "1 Mitglied (laut Quelle)" in listing and "36 Mitglieder (laut Quelle)" in listing


@pytest.mark.django_db
def test_password_similar_to_the_address_reads_as_a_sentence(user_factory):
    user = user_factory(
        email="marienheide.kaemmerei@kommune.nrw.example", first_name="Erika", last_name="Muster"
    )
    with pytest.raises(ValidationError) as error:
        validate_password("Marienheide2026", user)
    messages = " ".join(error.value.messages)
    assert "Das Passwort ähnelt zu sehr Ihrer E-Mail-Adresse." in messages
    assert "zu ähnlich zu" not in messages
    with pytest.raises(ValidationError) as error:
        validate_password("Mustermann!", user)
    assert "Das Passwort ähnelt zu sehr Ihrem Nachnamen." in error.value.messages
