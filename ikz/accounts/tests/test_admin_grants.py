"""Administration cannot hand out more than it holds (Wagtail's user and group forms).

Crafted form posts – superuser flag, groups and permissions beyond the operator's own,
editing a superuser – are refused; a superuser may do all of it.
"""

import re

import pytest
from django.contrib.auth.models import Group, Permission

from ikz.accounts.models import User
from ikz.accounts.roles import ROLE_ADMIN, ROLE_EDITOR, ROLE_MEMBER

pytestmark = pytest.mark.django_db

REFUSED = "Sie können keine Rechte vergeben, die Sie selbst nicht haben"


@pytest.fixture
def full_access_group(roles, operator):
    """A group with a permission the Administration does not hold."""
    held = operator.get_all_permissions()
    extra = next(
        p
        for p in Permission.objects.filter(
            content_type__app_label__in=["wagtailcore", "wagtailadmin", "auth"]
        )
        if f"{p.content_type.app_label}.{p.codename}" not in held
    )
    group = Group.objects.create(name="Vollzugriff")
    group.permissions.add(extra)
    return group


def new_user_data(email="neu@ikz-portal.nrw.example", **extra):
    return {
        "username": email,
        "email": email,
        "first_name": "Nina",
        "last_name": "Neu",
        "password1": "Sehr-geheimes-Passwort-2026",
        "password2": "Sehr-geheimes-Passwort-2026",
        **extra,
    }


def edit_data(user, **extra):
    return {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "is_active": "on",
        "groups": [g.pk for g in user.groups.all()],
        **extra,
    }


def group_ids(*names):
    return [g.pk for g in Group.objects.filter(name__in=names)]


def test_a_crafted_superuser_flag_is_ignored_on_create(client, operator):
    client.force_login(operator)
    response = client.post("/admin/users/new/", new_user_data(is_superuser="on"))
    assert response.status_code == 302
    assert not User.objects.get(email="neu@ikz-portal.nrw.example").is_superuser
    assert 'name="is_superuser"' not in client.get("/admin/users/new/").content.decode()


def test_a_crafted_superuser_flag_is_ignored_on_edit(client, operator, editor):
    client.force_login(operator)
    assert (
        client.post(f"/admin/users/edit/{editor.pk}/", edit_data(editor, is_superuser="on")).status_code
        == 302
    )
    editor.refresh_from_db()
    assert not editor.is_superuser


@pytest.mark.parametrize(
    "groups", [[ROLE_ADMIN], [ROLE_EDITOR], []], ids=["Administration", "Redaktion", "keine"]
)
def test_roles_within_the_own_rights_may_be_given(client, operator, groups):
    client.force_login(operator)
    response = client.post("/admin/users/new/", new_user_data(groups=group_ids(*groups)))
    assert response.status_code == 302
    assert set(
        User.objects.get(email="neu@ikz-portal.nrw.example").groups.values_list("name", flat=True)
    ) == set(groups)


@pytest.mark.parametrize("group", ["Vollzugriff", ROLE_MEMBER])
def test_a_group_beyond_the_own_rights_is_refused_on_create(client, operator, full_access_group, group):
    client.force_login(operator)
    response = client.post("/admin/users/new/", new_user_data(groups=group_ids(group)))
    assert response.status_code == 200 and REFUSED in response.content.decode()
    assert not User.objects.filter(email="neu@ikz-portal.nrw.example").exists()


def test_a_group_beyond_the_own_rights_is_refused_for_the_own_account(client, operator, full_access_group):
    client.force_login(operator)
    data = edit_data(operator, groups=group_ids(ROLE_ADMIN, "Vollzugriff"))
    data.pop("is_active")  # Wagtail leaves it out when people edit themselves
    response = client.post(f"/admin/users/edit/{operator.pk}/", data)
    assert response.status_code == 200 and REFUSED in response.content.decode()
    assert list(operator.groups.values_list("name", flat=True)) == [ROLE_ADMIN]


def test_a_superuser_account_is_out_of_reach(client, operator):
    root = User.objects.create_superuser(
        "root@ikz-portal.nrw.example", "root@ikz-portal.nrw.example", "x" * 20
    )
    client.force_login(operator)
    # Wagtail answers a refusal with a redirect to the dashboard and an error message.
    assert client.get(f"/admin/users/edit/{root.pk}/").status_code in (302, 403)
    response = client.post(f"/admin/users/edit/{root.pk}/", edit_data(root, email="mine@x.example"))
    assert response.status_code in (302, 403) and response.get("Location", "/admin/") == "/admin/"
    assert client.post(f"/admin/users/delete/{root.pk}/").status_code in (302, 403)
    root.refresh_from_db()
    assert root.email == "root@ikz-portal.nrw.example" and root.is_active


def group_form_data(client, url, **fields):
    """The group form as the browser would send it: every permission panel with no rows."""
    html = client.get(url).content.decode()
    data = {}
    for prefix in set(re.findall(r'name="([\w-]+)-TOTAL_FORMS"', html)):
        data.update(
            {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}
        )
    data.update(fields)
    return data


def test_a_permission_beyond_the_own_rights_is_refused_in_the_group_form(client, operator):
    admin_group = Group.objects.get(name=ROLE_ADMIN)
    before = set(admin_group.permissions.all())
    client.force_login(operator)
    url = f"/admin/groups/edit/{admin_group.pk}/"
    offered = re.findall(r'name="permissions" value="(\d+)"', client.get(url).content.decode())
    held = operator.get_all_permissions()
    extra = next(
        p
        for p in Permission.objects.filter(pk__in=offered).select_related("content_type")
        if f"{p.content_type.app_label}.{p.codename}" not in held
    )
    shown = [p.pk for p in before if str(p.pk) in offered]  # Wagtail keeps the others itself
    data = group_form_data(client, url, name=ROLE_ADMIN, permissions=[*shown, extra.pk])
    response = client.post(url, data)
    assert response.status_code == 200 and REFUSED in response.content.decode()
    assert set(admin_group.permissions.all()) == before
    # A new group with it is refused as well; one within the own rights is fine.
    data = group_form_data(client, "/admin/groups/new/", name="Hintertür", permissions=[extra.pk])
    assert REFUSED in client.post("/admin/groups/new/", data).content.decode()
    assert not Group.objects.filter(name="Hintertür").exists()
    within = Permission.objects.get(pk=shown[0])
    data = group_form_data(client, "/admin/groups/new/", name="Lesezugriff", permissions=[within.pk])
    assert client.post("/admin/groups/new/", data).status_code == 302
    assert list(Group.objects.get(name="Lesezugriff").permissions.all()) == [within]


def test_a_superuser_may_grant_everything(client, full_access_group):
    root = User.objects.create_superuser(
        "root@ikz-portal.nrw.example", "root@ikz-portal.nrw.example", "x" * 20
    )
    client.force_login(root)
    data = new_user_data(is_superuser="on", groups=group_ids("Vollzugriff"))
    assert client.post("/admin/users/new/", data).status_code == 302
    assert User.objects.get(email="neu@ikz-portal.nrw.example").is_superuser
