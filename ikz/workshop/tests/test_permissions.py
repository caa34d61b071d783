"""Who sees a Werkstatt: only its members. Everyone else gets 404, the Redaktion included."""

import uuid

import pytest
from django.urls import reverse

from ikz.workshop.models import Note, Role, WorkshopMember

pytestmark = pytest.mark.django_db


def _urls(workshop, note=None, member=None):
    key = workshop.key
    urls = [
        ("get", reverse("workshop:detail", args=[key])),
        ("post", reverse("workshop:invite", args=[key])),
        ("get", reverse("workshop:archive", args=[key])),
        ("post", reverse("workshop:archive", args=[key])),
        ("post", reverse("workshop:note_create", args=[key])),
    ]
    if note is not None:
        urls += [("get", reverse("workshop:note_edit", args=[key, note.pk])),
                 ("post", reverse("workshop:note_edit", args=[key, note.pk]))]  # fmt: skip
    if member is not None:
        urls.append(("post", reverse("workshop:member_remove", args=[key, member.pk])))
    return urls


@pytest.fixture
def note(workshop, lead):
    from ikz.workshop import services

    return services.note_create(
        workshop=workshop, user=lead, kind="notiz", title="Zeitplan", text="Erst Rat."
    )


def test_anonymous_visitors_are_sent_to_the_login(client, workshop, note):
    for method, url in _urls(workshop, note):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login")), url
    response = client.get(reverse("workshop:list"))
    assert response.status_code == 302


@pytest.mark.parametrize("who", ["other_member", "partner_member", "editor", "public_user"])
def test_everyone_outside_the_workshop_gets_404_for_every_url(
    client, workshop, note, who, member_factory, municipality_factory, editor, public_user
):
    outsiders = {
        "other_member": lambda: member_factory(municipality=municipality_factory("05111000")),
        # a member of a partner Körperschaft who was not invited
        "partner_member": lambda: member_factory(municipality=municipality_factory("05374020")),
        "editor": lambda: editor,
        "public_user": lambda: public_user,
    }
    client.force_login(outsiders[who]())
    member = workshop.members.get()
    for method, url in _urls(workshop, note, member):
        response = getattr(client, method)(url, {"email": "x@example.org", "role": "leitung", "title": "X"})
        assert response.status_code == 404, (method, url, response.status_code)
    assert WorkshopMember.objects.filter(workshop=workshop).count() == 1
    assert Note.objects.get().title == "Zeitplan"
    assert not workshop.invitations.exists()


def test_an_unknown_key_answers_like_a_workshop_of_others(client, member):
    client.force_login(member)
    assert client.get(reverse("workshop:detail", args=[uuid.uuid4()])).status_code == 404
    assert client.get("/werkstatt/123/").status_code == 404


def test_a_member_sees_the_workshop_and_the_plain_statement_who_can(client, workshop, lead):
    client.force_login(lead)
    response = client.get(reverse("workshop:detail", args=[workshop.key]))
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "Nur die Mitglieder dieser Werkstatt sehen sie – auch die Redaktion nur, wenn sie eingeladen ist."
        in html
    )
    assert "Lindlar" in html and "Hückeswagen" in html
    assert "hat die Werkstatt eröffnet" in html
    assert response["Cache-Control"] is None or "public" not in response["Cache-Control"]


def test_an_invited_editor_sees_it(client, workshop, editor, add_member):
    add_member(workshop, editor)
    client.force_login(editor)
    assert client.get(reverse("workshop:detail", args=[workshop.key])).status_code == 200


def test_a_contributor_may_read_and_write_notes_but_not_lead(client, workshop, member_factory, add_member):
    colleague = member_factory()
    add_member(workshop, colleague)
    client.force_login(colleague)
    key = workshop.key
    assert client.get(reverse("workshop:detail", args=[key])).status_code == 200
    response = client.post(
        reverse("workshop:note_create", args=[key]), {"kind": "notiz", "title": "Idee", "text": ""}
    )
    assert response.status_code == 302
    assert (
        client.post(
            reverse("workshop:invite", args=[key]), {"email": "a@b.de", "role": "mitwirkend"}
        ).status_code
        == 403
    )
    assert client.post(reverse("workshop:archive", args=[key])).status_code == 403
    lead_row = workshop.members.get(role=Role.LEAD)
    assert client.post(reverse("workshop:member_remove", args=[key, lead_row.pk])).status_code == 403
    workshop.refresh_from_db()
    assert not workshop.is_archived and workshop.members.count() == 2


def test_removal_takes_effect_at_once_also_in_an_open_session(
    client, workshop, member_factory, add_member, lead
):
    colleague = member_factory()
    row = add_member(workshop, colleague)
    other = client.__class__()
    other.force_login(colleague)  # an open session of the colleague
    url = reverse("workshop:detail", args=[workshop.key])
    assert other.get(url).status_code == 200
    client.force_login(lead)
    response = client.post(reverse("workshop:member_remove", args=[workshop.key, row.pk]))
    assert response.status_code == 302
    assert other.get(url).status_code == 404
    assert (
        other.post(
            reverse("workshop:note_create", args=[workshop.key]), {"kind": "notiz", "title": "x"}
        ).status_code
        == 404
    )
    assert "aus der Werkstatt entfernt" in client.get(url).content.decode()


def test_losing_the_portal_membership_closes_the_workshop_too(client, workshop, lead):
    from ikz.accounts import services as account_services

    client.force_login(lead)
    url = reverse("workshop:detail", args=[workshop.key])
    assert client.get(url).status_code == 200
    account_services.membership_end(membership=lead.memberships.get(), by=lead, reason="Wechsel")
    assert client.get(url).status_code == 404


def test_the_last_lead_cannot_be_removed(client, workshop, lead):
    client.force_login(lead)
    row = workshop.members.get()
    response = client.post(reverse("workshop:member_remove", args=[workshop.key, row.pk]), follow=True)
    assert "mindestens eine Leitung" in response.content.decode()
    assert workshop.members.count() == 1


def test_only_confirmed_members_may_open_a_workshop(client, public_user, editor):
    for user in (public_user, editor):
        client.force_login(user)
        page = client.get(reverse("workshop:list"))
        assert page.status_code == 200
        assert "Eine Werkstatt eröffnen können Mitglieder" in page.content.decode()
        assert client.post(reverse("workshop:list"), {"title": "Heimlich"}).status_code == 403
    from ikz.workshop.models import Workshop

    assert not Workshop.objects.exists()


def test_archived_workshop_is_read_only(client, workshop, lead, note):
    client.force_login(lead)
    key = workshop.key
    assert client.get(reverse("workshop:archive", args=[key])).status_code == 200
    assert client.post(reverse("workshop:archive", args=[key])).status_code == 302
    page = client.get(reverse("workshop:detail", args=[key])).content.decode()
    assert "nur noch gelesen" in page
    assert "Einladung senden" not in page and "Notiz speichern" not in page
    response = client.post(
        reverse("workshop:note_create", args=[key]), {"kind": "notiz", "title": "Neu"}, follow=True
    )
    assert "archiviert" in response.content.decode()
    client.post(
        reverse("workshop:invite", args=[key]), {"email": "neu@kommune.nrw.example", "role": "mitwirkend"}
    )
    response = client.post(reverse("workshop:note_edit", args=[key, note.pk]),
                           {"kind": "notiz", "title": "Geändert", "text": "", "base_kind": "notiz",
                            "base_title": "Zeitplan", "base_text": "Erst Rat."})  # fmt: skip
    assert response.status_code == 200 and "nur noch gelesen" in response.content.decode()
    note.refresh_from_db()
    assert note.title == "Zeitplan" and workshop.notes.count() == 1
    assert not workshop.invitations.exists()


def test_a_contributor_leaves_and_the_last_lead_cannot(client, workshop, lead, member_factory, add_member):
    colleague = member_factory()
    add_member(workshop, colleague)
    client.force_login(colleague)
    url = reverse("workshop:leave", args=[workshop.key])
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("workshop:list")
    assert client.get(reverse("workshop:detail", args=[workshop.key])).status_code == 404
    assert client.post(url).status_code == 404
    client.force_login(lead)
    response = client.post(url, follow=True)
    assert "Laden Sie zuerst eine weitere Person als Leitung ein." in response.content.decode()
    assert workshop.members.filter(user=lead).exists()
    assert workshop.activities.filter(summary__contains="hat die Werkstatt verlassen").count() == 1
