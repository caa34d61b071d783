"""Issue 14: an assistant result goes into a Werkstatt; the cached anonymous page never shows member content."""

import html
from urllib.parse import parse_qsl, urlencode

import pytest
from django.test import Client
from django.urls import reverse

from ikz.workshop.forms import assistant_query_clean
from ikz.workshop.models import Workshop
from tests.browser_form import as_post_data, find_form, form_fields

pytestmark = pytest.mark.django_db

ANSWERS = [
    ("bereich", "bauhof"),
    ("aufgabe", "Gemeinsamer Bauhof"),
    ("partner", "05374016"),
    ("partner", "Gemeinde Lindlar (05374020)"),
    ("privat", "nein"),
    ("zustaendigkeit", "durchfuehrung"),
    ("geld", "kostenerstattung"),
]
RESULT = "/assistent/ergebnis/?" + urlencode(ANSWERS)
BUTTON = "In eine Werkstatt übernehmen"
HINT = "Mitglieder des Portals können dieses Ergebnis in eine Kooperationswerkstatt übernehmen"


@pytest.fixture
def assistant(home_page, municipality_factory):
    from ikz.assistant.loader import rules_sync

    rules_sync()
    municipality_factory("05374016")
    municipality_factory("05374020")


def test_anonymous_visitors_see_the_hint_and_members_the_button(client, assistant, lead, public_user):
    anonymous = client.get(RESULT).content.decode()
    assert HINT in anonymous and BUTTON not in anonymous
    assert "next=%2Fwerkstatt%2Fuebernehmen%2F%3F" in anonymous
    client.force_login(lead)
    signed_in = html.unescape(client.get(RESULT).content.decode())
    assert BUTTON in signed_in and HINT not in signed_in
    assert "/werkstatt/uebernehmen/?" + urlencode(ANSWERS) in signed_in
    client.force_login(public_user)
    other = client.get(RESULT).content.decode()
    assert BUTTON not in other and "Mitglieder einer Körperschaft können" in other


def test_the_cached_anonymous_page_never_shows_member_content(settings, tmp_path, assistant, lead):
    from ikz.core.tests.test_pagecache import _backend, _switch_on

    _switch_on(settings, _backend("locmem", tmp_path))
    first = Client().get(RESULT)
    assert first["X-Page-Cache"] == "miss"
    member = Client()
    member.force_login(lead)
    theirs = member.get(RESULT)
    assert not theirs.has_header("X-Page-Cache") and BUTTON in theirs.content.decode()
    again = Client().get(RESULT)
    assert again["X-Page-Cache"] == "hit"
    assert BUTTON not in again.content.decode() and HINT in again.content.decode()
    assert "Leitung" not in again.content.decode()
    # the Werkstatt pages themselves are never stored
    assert not member.get(reverse("workshop:list")).has_header("X-Page-Cache")


def test_a_new_workshop_is_prefilled_from_the_answers_and_reruns_the_result(client, assistant, lead):
    client.force_login(lead)
    url = reverse("workshop:adopt") + "?" + urlencode(ANSWERS)
    page = client.get(url).content.decode()
    form = find_form(page, having="title")
    fields = dict(form_fields(form))
    assert fields["title"] == "Gemeinsamer Bauhof"
    assert fields["task_area"] == "bauhof"
    assert "Hückeswagen (05374016)" in fields["partners"] and "Lindlar (05374020)" in fields["partners"]
    response = client.post(reverse("workshop:list"), as_post_data(form_fields(form)))
    assert response.status_code == 302
    workshop = Workshop.objects.get()
    assert workshop.task_area.slug == "bauhof" and workshop.task == "Gemeinsamer Bauhof"
    assert sorted(workshop.partners.values_list("ags", flat=True)) == ["05374016", "05374020"]
    assert sorted(parse_qsl(workshop.assistant_query)) == sorted(ANSWERS)
    detail = html.unescape(client.get(response["Location"]).content.decode())
    link = "/assistent/ergebnis/?" + workshop.assistant_query
    assert f'href="{link}"' in detail
    rerun = client.get(link)
    assert rerun.status_code == 200 and "Ergebnis des Kooperationsassistenten" in rerun.content.decode()


def test_the_result_goes_into_an_existing_workshop_of_ones_own_only(
    client, assistant, lead, workshop_factory, member_factory
):
    mine = workshop_factory(title="Meine Werkstatt")
    stranger = member_factory(email="fremd@kommune.nrw.example")
    foreign = workshop_factory(user=stranger, title="Fremde Werkstatt")
    client.force_login(lead)
    page = client.get(reverse("workshop:adopt") + "?" + urlencode(ANSWERS)).content.decode()
    assert "Meine Werkstatt" in page and "Fremde Werkstatt" not in page
    form = find_form(page, having="workshop")
    data = as_post_data(form_fields(form))
    response = client.post(reverse("workshop:adopt"), {**data, "workshop": [str(foreign.key)]})
    assert (
        response.status_code == 200
        and "Bitte wählen Sie eine Ihrer offenen Werkstätten." in response.content.decode()
    )
    foreign.refresh_from_db()
    assert foreign.assistant_query == ""
    response = client.post(reverse("workshop:adopt"), data)
    assert response.status_code == 302
    mine.refresh_from_db()
    assert sorted(parse_qsl(mine.assistant_query)) == sorted(ANSWERS)
    assert mine.activities.filter(kind="result_saved").exists()


def test_signed_in_non_members_get_an_explanation(client, assistant, public_user):
    client.force_login(public_user)
    response = client.get(reverse("workshop:adopt") + "?" + urlencode(ANSWERS))
    assert response.status_code == 403
    assert "Mitgliedern einer Körperschaft offen" in response.content.decode()


def test_only_the_assistants_own_answers_are_kept():
    kept = dict(
        parse_qsl(assistant_query_clean("bereich=bauhof&next=https://evil.example&x=%00&aufgabe=a%00b"))
    )
    assert kept == {"bereich": "bauhof", "aufgabe": "ab"}
    assert len(assistant_query_clean("aufgabe=" + "x" * 10000)) <= 2000
