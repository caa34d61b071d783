"""The portal's roles as Django groups, each with exactly the permissions it needs.

`roles_sync()` is the single source of truth: it runs after every `migrate` (see apps.py),
from `manage.py sync_roles` and from the demo set-up. Other apps add permissions for a role
by declaring `role_permissions = {ROLE_MEMBER: ["projects.add_project"]}` on their AppConfig,
so this module does not need to know every app.
"""

import logging

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction

logger = logging.getLogger(__name__)

ROLE_PUBLIC = "Öffentlichkeit"
ROLE_MEMBER = "Mitglied"
ROLE_EDITOR = "Redaktion"
ROLE_ADMIN = "Administration"
ROLES = [ROLE_PUBLIC, ROLE_MEMBER, ROLE_EDITOR, ROLE_ADMIN]

# Model and admin permissions, as "app_label.codename".
_EDITOR_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "accounts.view_membership",
    "accounts.change_membership",
    "municipalities.view_municipality",
]
_ADMIN_EXTRA_PERMISSIONS = [
    "accounts.add_user",
    "accounts.change_user",
    "accounts.delete_user",
    "accounts.view_user",
    "auth.add_group",
    "auth.change_group",
    "auth.delete_group",
    "auth.view_group",
    "core.change_portalsettings",
]
ROLE_PERMISSIONS: dict[str, list[str]] = {
    ROLE_PUBLIC: [],
    ROLE_MEMBER: [],
    ROLE_EDITOR: _EDITOR_PERMISSIONS,
    ROLE_ADMIN: _EDITOR_PERMISSIONS + _ADMIN_EXTRA_PERMISSIONS,
}

# Wagtail object permissions: pages below the tree root, documents and images in the root
# collection. Editors and administrators get the same.
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
COLLECTION_PERMISSIONS = [
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.delete_document",
    "wagtaildocs.choose_document",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.delete_image",
    "wagtailimages.choose_image",
]
ROLES_WITH_CONTENT_RIGHTS = [ROLE_EDITOR, ROLE_ADMIN]


def role_permissions() -> dict[str, list[str]]:
    """The permissions per role: the ones above plus those other apps declare."""
    merged = {role: list(perms) for role, perms in ROLE_PERMISSIONS.items()}
    for app_config in apps.get_app_configs():
        for role, perms in getattr(app_config, "role_permissions", {}).items():
            merged[role].extend(perms)
            if role == ROLE_EDITOR:
                merged[ROLE_ADMIN].extend(perms)
    return merged


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".", 1)
    try:
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)
    except Permission.DoesNotExist:
        raise LookupError(f"Berechtigung {dotted} gibt es nicht – Migrationen ausgeführt?") from None


@transaction.atomic
def roles_sync() -> None:
    """Create or update the four role groups so they hold exactly the listed permissions."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    for role, perms in role_permissions().items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set([_permission(p) for p in dict.fromkeys(perms)])

        wanted_content = role in ROLES_WITH_CONTENT_RIGHTS
        root_page = Page.get_first_root_node()
        GroupPagePermission.objects.filter(group=group).exclude(
            page=root_page, permission__codename__in=PAGE_PERMISSIONS if wanted_content else []
        ).delete()
        if wanted_content and root_page is not None:
            for codename in PAGE_PERMISSIONS:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=_permission(f"wagtailcore.{codename}")
                )
        elif wanted_content:
            logger.warning("Kein Wurzelknoten im Seitenbaum: Seitenrechte für %s fehlen.", role)

        root_collection = Collection.get_first_root_node()
        collection_perms = (
            [_permission(p) for p in COLLECTION_PERMISSIONS] if wanted_content and root_collection else []
        )
        GroupCollectionPermission.objects.filter(group=group).exclude(
            collection=root_collection, permission__in=collection_perms
        ).delete()
        for perm in collection_perms:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=perm
            )
