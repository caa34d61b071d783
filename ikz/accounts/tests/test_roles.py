import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page

from ikz.accounts.demo import DEMO_EDITOR_EMAIL, DEMO_MEMBER_EMAIL, demo_accounts_create
from ikz.accounts.models import User
from ikz.accounts.roles import ROLE_ADMIN, ROLE_EDITOR, ROLE_MEMBER, ROLE_PUBLIC, ROLES, roles_sync

pytestmark = pytest.mark.django_db


def perms(role):
    return {
        f"{ct}.{code}"
        for ct, code in Group.objects.get(name=role).permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def declared_by_apps(role):
    """What the other apps declare for a role on their AppConfig (`role_permissions`)."""
    from django.apps import apps

    return {
        p for config in apps.get_app_configs() for p in getattr(config, "role_permissions", {}).get(role, [])
    }


def test_roles_have_exactly_their_permissions():
    roles_sync()
    assert set(Group.objects.filter(name__in=ROLES).values_list("name", flat=True)) == set(ROLES)
    assert perms(ROLE_PUBLIC) == set()
    assert perms(ROLE_MEMBER) == declared_by_apps(ROLE_MEMBER)
    assert perms(ROLE_EDITOR) == {
        "wagtailadmin.access_admin",
        "accounts.view_membership",
        "accounts.change_membership",
        "municipalities.view_municipality",
    } | declared_by_apps(ROLE_EDITOR)
    assert perms(ROLE_ADMIN) - perms(ROLE_EDITOR) == declared_by_apps(ROLE_ADMIN) | {
        "accounts.add_user",
        "accounts.change_user",
        "accounts.delete_user",
        "accounts.view_user",
        "auth.add_group",
        "auth.change_group",
        "auth.delete_group",
        "auth.view_group",
        "core.change_portalsettings",
    }
    root = Page.get_first_root_node()
    for role in (ROLE_EDITOR, ROLE_ADMIN):
        page_perms = GroupPagePermission.objects.filter(group__name=role)
        assert {p.permission.codename for p in page_perms} == {"add_page", "change_page", "publish_page"}
        assert {p.page_id for p in page_perms} == {root.pk}
        assert GroupCollectionPermission.objects.filter(group__name=role).count() == 8
    for role in (ROLE_PUBLIC, ROLE_MEMBER):
        assert not GroupPagePermission.objects.filter(group__name=role).exists()


def test_roles_sync_is_idempotent_and_repairs_drift():
    roles_sync()
    editor = Group.objects.get(name=ROLE_EDITOR)
    from django.contrib.auth.models import Permission

    editor.permissions.add(Permission.objects.get(codename="delete_user"))
    before = (GroupPagePermission.objects.count(), GroupCollectionPermission.objects.count())
    roles_sync()
    roles_sync()
    assert "accounts.delete_user" not in perms(ROLE_EDITOR)
    assert (GroupPagePermission.objects.count(), GroupCollectionPermission.objects.count()) == before
    assert Group.objects.filter(name__in=ROLES).count() == 4


def test_sync_roles_command(capsys):
    from django.core.management import call_command

    call_command("sync_roles")
    assert "Rollen abgeglichen" in capsys.readouterr().out


def test_demo_accounts(monkeypatch, municipality_factory):
    hueckeswagen = municipality_factory("05374016")
    monkeypatch.setenv("IKZ_DEMO_PASSWORD", "Demo-Passwort-123")
    first = demo_accounts_create()
    again = demo_accounts_create()
    assert (
        first
        == again
        == [
            (ROLE_EDITOR, DEMO_EDITOR_EMAIL, "Demo-Passwort-123"),
            (ROLE_MEMBER, DEMO_MEMBER_EMAIL, "Demo-Passwort-123"),
        ]
    )
    editor = User.objects.get(email=DEMO_EDITOR_EMAIL)
    member = User.objects.get(email=DEMO_MEMBER_EMAIL)
    assert editor.is_staff and editor.has_perm("wagtailadmin.access_admin")
    assert member.groups.filter(name=ROLE_MEMBER).exists() and not member.is_staff
    assert list(member.memberships.values_list("municipality", "status")) == [(hueckeswagen.pk, "confirmed")]
    assert member.check_password("Demo-Passwort-123")
