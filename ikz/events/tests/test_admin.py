"""The participant list and its CSV: the Redaktion (and administration) only, for each role."""

import csv
import io

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_with_people(event_factory, register_confirmed, smtp_server):
    event = event_factory(capacity=1)
    register_confirmed(event, "eins@kommune.nrw.example", name="Erika Eins")
    register_confirmed(event, "zwei@kommune.nrw.example", name='=HYPERLINK("x")')
    return event


def test_redaktion_sees_the_list_and_exports_csv(client, editor, event_with_people):
    client.force_login(editor)
    page = client.get(reverse("events_participants", args=[event_with_people.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Erika Eins" in html and "eins@kommune.nrw.example" in html and "Warteliste" in html
    response = client.get(reverse("events_participants_csv", args=[event_with_people.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"] and "no-store" in response["Cache-Control"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Name", "E-Mail-Adresse", "Körperschaft", "Status"]
    assert rows[1][:4] == ["Erika Eins", "eins@kommune.nrw.example", "", "angemeldet"]
    assert rows[2][0] == '\'=HYPERLINK("x")' and rows[2][3] == "Warteliste" and rows[2][4] == "1"


def test_the_page_header_links_the_list_for_the_redaktion(client, editor, event_with_people):
    client.force_login(editor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[event_with_people.pk])).content.decode()
    assert reverse("events_participants", args=[event_with_people.pk]) in edit


def test_operator_may_see_the_list_too(client, operator, event_with_people):
    client.force_login(operator)
    assert client.get(reverse("events_participants_csv", args=[event_with_people.pk])).status_code == 200


@pytest.mark.parametrize("who", ["anonymous", "public_user", "member"])
def test_everyone_else_gets_neither_list_nor_csv(client, request, who, event_with_people):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    for name in ("events_participants", "events_participants_csv"):
        response = client.get(reverse(name, args=[event_with_people.pk]))
        assert response.status_code in (302, 403), (who, name)
        body = response.content.decode()
        assert "eins@kommune.nrw.example" not in body and "Erika Eins" not in body
        if response.status_code == 302:
            assert "/login/" in response["Location"] or "/anmelden/" in response["Location"]


def test_an_editor_without_the_permission_is_refused(client, user_factory, event_with_people):
    from django.contrib.auth.models import Permission

    staff = user_factory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    for name in ("events_participants", "events_participants_csv"):
        response = client.get(reverse(name, args=[event_with_people.pk]))
        # Wagtail's admin answers a PermissionDenied with a redirect to the dashboard and a message.
        assert response.status_code == 302 and response["Location"] == "/admin/"
