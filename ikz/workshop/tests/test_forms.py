"""Opening a Werkstatt: German errors for bad input, never a server error; the input stays."""

import pytest
from django.urls import reverse

from ikz.workshop.models import Workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(municipality_factory, home_page):
    for ags in ("05374016", "05374020", "05111000"):
        municipality_factory(ags)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Bitte geben Sie der Werkstatt einen Titel."),
        ({"title": "Zwei\nZeilen"}, "Bitte ohne Zeilenumbrüche eingeben."),
        ({"title": "x" * 201}, "höchstens 200 Zeichen"),
        ({"partners": "Gibtsnichthausen"}, "„Gibtsnichthausen“ wurde im Register nicht gefunden"),
        ({"partners": "05999999"}, "„05999999“ wurde im Register nicht gefunden"),
        ({"partners": "\n".join(f"0537{i:04d}" for i in range(21))}, "Bitte höchstens 20 Partner angeben."),
        ({"task_area": "gibt-es-nicht"}, "Bitte eine gültige Auswahl treffen"),
        ({"task": "x" * 4001}, "höchstens 4000 Zeichen"),
    ],
)
def test_bad_workshop_input_gets_a_german_error(client, register, lead, overrides, message):
    client.force_login(lead)
    data = {"title": "Gemeinsamer Bauhof", "task_area": "", "task": "Ein Bauhof für beide.",
            "partners": "05374020", **overrides}  # fmt: skip
    response = client.post(reverse("workshop:list"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Bitte prüfen Sie Ihre Angaben." in html
    if "task" not in overrides:
        assert "Ein Bauhof für beide." in html  # the input is kept
    assert not Workshop.objects.exists()


def test_names_and_keys_both_resolve_and_duplicates_count_once(client, register, lead):
    client.force_login(lead)
    response = client.post(reverse("workshop:list"), {
        "title": "Bauhof", "task_area": "bauhof", "task": "",
        "partners": "Gemeinde Lindlar (05374020)\n05374020\nDüsseldorf\n\n",
    })  # fmt: skip
    assert response.status_code == 302
    workshop = Workshop.objects.get()
    assert sorted(workshop.partners.values_list("ags", flat=True)) == ["05111000", "05374020"]
    assert workshop.task_area.slug == "bauhof"
    assert workshop.members.get().user == lead and workshop.members.get().is_lead


def test_bad_values_in_the_other_forms_never_fail(client, register, lead, workshop):
    client.force_login(lead)
    key = workshop.key
    for data in ({"email": "a@b@c.de", "role": "leitung"}, {"email": "a@b.de", "role": "chef"},
                 {"email": "x" * 300 + "@b.de"}):  # fmt: skip
        assert client.post(reverse("workshop:invite", args=[key]), data).status_code == 400
    response = client.post(
        reverse("workshop:adopt"), {"workshop": "kein-schluessel", "assistant_query": "x=1&partner=%"}
    )
    assert (
        response.status_code == 200
        and "Bitte wählen Sie eine Ihrer offenen Werkstätten." in response.content.decode()
    )
    assert (
        client.get(reverse("workshop:adopt") + "?partner=%25&partner=Lind&bereich=" + "x" * 3000).status_code
        == 200
    )
    assert client.post(reverse("workshop:invitation", args=["x" * 500])).status_code == 404
    assert client.post(reverse("workshop:member_remove", args=[key, 999999])).status_code == 404
    assert client.get(reverse("workshop:note_edit", args=[key, 999999])).status_code == 404
    assert not workshop.invitations.exists()


def test_control_characters_are_refused_before_any_form(client, register, lead):
    client.force_login(lead)
    for data in ({"title": "Bau\x00hof"}, {"title": "Bauhof", "partners": "Lind\x00lar"}):
        assert client.post(reverse("workshop:list"), data).status_code == 400
    assert not Workshop.objects.exists()
