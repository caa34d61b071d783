"""A membership can end, and every way of ending it takes every member right with it.

Class: member rights are read from one place (Membership.objects.confirmed(): a confirmed row,
an active account and the group "Mitglied"); the group and the rows are kept in step from the
services and from the user administration. Whichever way the Redaktion, the person or an
operator withdraws a membership, the rights are gone – checked with the portal's own
permission helpers and over HTTP.
"""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from ikz.accounts import services
from ikz.accounts.models import Membership, MembershipStatus
from ikz.accounts.roles import ROLE_MEMBER, ROLE_PUBLIC
from ikz.accounts.signals import DEACTIVATED, GROUP_REMOVED
from ikz.library.models import ChecklistRun
from ikz.library.selectors import run_can_edit
from ikz.projects import permissions

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(member, member_factory, project_factory, library_checklist):
    """The member's Körperschaft with a draft project and a checklist run a colleague shares."""
    membership = Membership.objects.get(user=member)
    colleague = member_factory(municipality=membership.municipality)
    project = project_factory(municipalities=[membership.municipality], live=False, created_by=colleague)
    run = ChecklistRun.objects.create(
        checklist=library_checklist, owner=colleague, municipality=membership.municipality
    )
    return {"membership": membership, "project": project, "run": run}


def rights(user, world) -> dict[str, bool]:
    user = type(user).objects.get(pk=user.pk)  # fresh: the helpers cache per object
    return {
        "member": permissions.is_member(user),
        "contacts": permissions.can_see_contacts(user),
        "create project": permissions.can_create(user),
        "edit project": permissions.can_edit(user, world["project"]),
        "view draft": permissions.can_view(user, world["project"]),
        "edit checklist run": run_can_edit(run=world["run"], user=user),
    }


def end_by_redaktion(client, member, membership, editor, operator):
    client.force_login(editor)
    response = client.post(
        f"/admin/mitgliedschaften/edit/{membership.pk}/",
        {"action": "end", "reason": "Hat die Verwaltung verlassen."},
    )
    assert response.status_code == 302
    return editor, "Hat die Verwaltung verlassen."


def end_by_self(client, member, membership, editor, operator):
    client.force_login(member)
    url = f"/konto/mitgliedschaft/{membership.pk}/beenden/"
    assert "Möchten Sie Ihre Mitgliedschaft" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    return member, "Von der Person selbst beendet"


def group_removed_from_user(client, member, membership, editor, operator):
    member.groups.remove(Group.objects.get(name=ROLE_MEMBER))
    return None, GROUP_REMOVED


def user_removed_from_group(client, member, membership, editor, operator):
    Group.objects.get(name=ROLE_MEMBER).user_set.remove(member)
    return None, GROUP_REMOVED


def groups_cleared(client, member, membership, editor, operator):
    member.groups.clear()
    return None, GROUP_REMOVED


def group_cleared(client, member, membership, editor, operator):
    Group.objects.get(name=ROLE_MEMBER).user_set.clear()
    return None, GROUP_REMOVED


def groups_set_without_member(client, member, membership, editor, operator):
    member.groups.set(Group.objects.filter(name=ROLE_PUBLIC))
    return None, GROUP_REMOVED


def unticked_in_wagtail_user_form(client, member, membership, editor, operator):
    client.force_login(operator)
    response = client.post(
        f"/admin/users/edit/{member.pk}/",
        {
            "username": member.username,
            "email": member.email,
            "first_name": member.first_name,
            "last_name": member.last_name,
            "is_active": "on",
            "groups": [],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return None, GROUP_REMOVED


def deactivated_in_wagtail_user_form(client, member, membership, editor, operator):
    client.force_login(operator)
    group = Group.objects.get(name=ROLE_MEMBER)
    response = client.post(
        f"/admin/users/edit/{member.pk}/",
        {
            "username": member.username,
            "email": member.email,
            "first_name": member.first_name,
            "last_name": member.last_name,
            "groups": [group.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return None, DEACTIVATED


def deactivated_by_service(client, member, membership, editor, operator):
    services.user_deactivate(user=member, by=operator, reason="Ausgeschieden")
    return operator, "Ausgeschieden"


WAYS = [
    end_by_redaktion,
    end_by_self,
    group_removed_from_user,
    user_removed_from_group,
    groups_cleared,
    group_cleared,
    groups_set_without_member,
    unticked_in_wagtail_user_form,
    deactivated_in_wagtail_user_form,
    deactivated_by_service,
]


@pytest.mark.parametrize("way", WAYS, ids=[w.__name__ for w in WAYS])
def test_every_way_of_ending_a_membership_ends_every_right(
    client, smtp_server, home_page, member, editor, operator, world, way
):
    assert all(rights(member, world).values()), rights(member, world)
    own = Client()
    own.force_login(member)
    assert own.get("/partner/").status_code == 200
    ended_by, reason = way(client, member, world["membership"], editor, operator)

    assert not any(rights(member, world).values()), rights(member, world)
    membership = Membership.objects.get(pk=world["membership"].pk)
    assert membership.status == MembershipStatus.ENDED
    assert membership.ended_at is not None
    assert membership.ended_by == ended_by
    assert membership.end_reason == reason
    if way is not deactivated_in_wagtail_user_form:  # there the form sets the groups it shows again
        assert not member.groups.filter(name=ROLE_MEMBER).exists()
    smtp_server.wait_for(2 if way is group_cleared else 1)  # clearing the group ends the colleague's too
    (mail,) = smtp_server.to(member.email)
    assert "beendet" in mail["Subject"] and reason in smtp_server.body(mail) or ended_by == member
    # Over HTTP too: the draft of the former Körperschaft is closed to the person.
    member.refresh_from_db()
    if member.is_active:
        own.force_login(member)  # the self-service way logged in on `client`; either session works
        assert own.get(f"/projekte/{world['project'].pk}/bearbeiten/").status_code == 403
        response = own.get("/partner/")
        assert response.status_code == 403 and "Kontoseite" in response.content.decode()
    else:  # a deactivated account's session no longer counts: the page for visitors without an account
        response = own.get("/partner/")
        assert response.status_code == 200 and "Schon Mitglied?" in response.content.decode()


def test_rights_need_the_group_even_when_the_signals_are_bypassed(member, world):
    """A group row deleted behind the ORM's back: the row alone gives no rights."""
    member.groups.through.objects.filter(user=member, group__name=ROLE_MEMBER).delete()
    assert not any(rights(member, world).values())


def test_an_ended_membership_may_be_requested_again(smtp_server, member, editor):
    membership = Membership.objects.get(user=member)
    services.membership_end(membership=membership, by=editor, reason="")
    again = services.membership_request(user=member, municipality=membership.municipality)
    assert again.status == MembershipStatus.REQUESTED
    services.membership_confirm(membership=again, by=editor)
    assert permissions.is_member(type(member).objects.get(pk=member.pk))


def test_one_of_two_memberships_ended_keeps_the_other(smtp_server, member, editor, municipality_factory):
    other = Membership.objects.create(
        user=member, municipality=municipality_factory("05374020"), status=MembershipStatus.CONFIRMED
    )
    first = Membership.objects.exclude(pk=other.pk).get(user=member)
    services.membership_end(membership=first, by=editor)
    fresh = type(member).objects.get(pk=member.pk)
    assert permissions.member_municipality_ids(fresh) == {other.municipality_id}
    assert fresh.groups.filter(name=ROLE_MEMBER).exists()


def test_nobody_ends_somebody_elses_membership_from_the_profile(client, member, public_user):
    client.force_login(public_user)
    membership = Membership.objects.get(user=member)
    assert client.post(f"/konto/mitgliedschaft/{membership.pk}/beenden/").status_code == 404
    assert Membership.objects.get(pk=membership.pk).status == MembershipStatus.CONFIRMED


def test_the_profile_offers_to_end_a_confirmed_membership(client, home_page, member):
    client.force_login(member)
    html = client.get("/konto/").content.decode()
    membership = Membership.objects.get(user=member)
    assert f"/konto/mitgliedschaft/{membership.pk}/beenden/" in html
