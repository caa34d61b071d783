"""Permission matrix: every role against every protected action, through real HTTP requests."""

import pytest
from wagtail.models import Site

from ikz.accounts.models import Membership, MembershipStatus

pytestmark = pytest.mark.django_db

ROLES = ["anonym", "oeffentlichkeit", "mitglied", "redaktion", "administration"]

# action -> roles that may do it
ALLOWED = {
    "admin_access": {"redaktion", "administration"},
    "memberships_list": {"redaktion", "administration"},
    "membership_confirm": {"redaktion", "administration"},
    "portal_settings_edit": {"administration"},
    "users_manage": {"administration"},
    "groups_manage": {"administration"},
    "own_profile": {"oeffentlichkeit", "mitglied", "redaktion", "administration"},
}


@pytest.fixture
def as_role(client, home_page, public_user, member, editor, operator):
    users = {
        "oeffentlichkeit": public_user,
        "mitglied": member,
        "redaktion": editor,
        "administration": operator,
    }

    def login(role):
        if role != "anonym":
            client.force_login(users[role])
        return client

    return login


@pytest.fixture
def pending(user_factory, municipality_factory):
    person = user_factory(email="antrag@kommune.nrw.example")
    return Membership.objects.create(user=person, municipality=municipality_factory("05111000"))


def do(action, client, pending) -> bool:
    """Perform the action; True when it succeeded."""
    if action == "membership_confirm":
        response = client.post(
            f"/admin/mitgliedschaften/edit/{pending.pk}/", {"action": "confirm", "reason": ""}
        )
        pending.refresh_from_db()
        return pending.status == MembershipStatus.CONFIRMED
    url = {
        "admin_access": "/admin/",
        "memberships_list": "/admin/mitgliedschaften/",
        "portal_settings_edit": f"/admin/settings/core/portalsettings/{Site.objects.get(is_default_site=True).pk}/",
        "users_manage": "/admin/users/",
        "groups_manage": "/admin/groups/",
        "own_profile": "/konto/",
    }[action]
    response = client.get(url)
    assert response.status_code in (200, 302, 403), (action, response.status_code)
    return response.status_code == 200


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ALLOWED))
def test_permission_matrix(as_role, pending, smtp_server, role, action):
    client = as_role(role)
    assert do(action, client, pending) is (role in ALLOWED[action])


@pytest.mark.parametrize("role", ["oeffentlichkeit", "mitglied"])
def test_people_outside_the_redaktion_cannot_post_to_the_settings(as_role, role):
    from ikz.core.models import PortalSettings

    client = as_role(role)
    site = Site.objects.get(is_default_site=True)
    client.post(f"/admin/settings/core/portalsettings/{site.pk}/", {"hotline_phone": "0000"})
    assert PortalSettings.for_site(site).hotline_phone != "0000"


def test_anonymous_is_sent_to_login(client, home_page):
    response = client.get("/konto/")
    assert response.status_code == 302 and response["Location"].startswith("/konto/anmelden/?next=/konto/")
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
