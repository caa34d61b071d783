"""The link to the Werkstätten: in the account navigation and on /konto/, only for those who use them."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

LINK = f'href="{reverse("workshop:list")}"'


def test_members_see_the_link_others_do_not(client, home_page, member, public_user, editor):
    assert LINK not in client.get("/").content.decode()
    client.force_login(member)
    assert LINK in client.get("/").content.decode()
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert "Sie gehören noch keiner Kooperationswerkstatt an." in profile and LINK in profile
    for user in (public_user, editor):
        client.force_login(user)
        assert LINK not in client.get("/").content.decode()
        assert LINK not in client.get(reverse("accounts:profile")).content.decode()


def test_an_invited_editor_finds_the_workshops(client, home_page, workshop, editor, add_member):
    add_member(workshop, editor)
    client.force_login(editor)
    assert LINK in client.get("/").content.decode()
    assert (
        "Sie arbeiten in einer Kooperationswerkstatt mit."
        in client.get(reverse("accounts:profile")).content.decode()
    )
    assert workshop.title in client.get(reverse("workshop:list")).content.decode()
