from django.apps import AppConfig
from django.db.models.signals import post_migrate
from wagtail.users.apps import WagtailUsersAppConfig


def _sync_roles_after_migrate(sender, app_config, using="default", **kwargs):
    """Keep the role groups in step with the code after every `migrate`.

    Runs once, for the last installed app, when every app's permissions exist.
    """
    from django.apps import apps
    from django.db import connections

    if app_config is not list(apps.get_app_configs())[-1]:
        return
    tables = set(connections[using].introspection.table_names())
    if not {"auth_group", "wagtailcore_page", "wagtailcore_collection"} <= tables:
        return  # a partial migration: nothing to sync yet

    # post_migrate reaches this receiver before auth's create_permissions has run for the
    # last app; create them all first so the order of INSTALLED_APPS does not matter.
    from django.contrib.auth.management import create_permissions

    for config in apps.get_app_configs():
        create_permissions(config, verbosity=0, using=using)

    from .roles import roles_sync

    roles_sync()


class AccountsConfig(AppConfig):
    default = True  # this module holds a second AppConfig (below)
    name = "ikz.accounts"
    label = "accounts"
    verbose_name = "Konten und Mitgliedschaften"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        post_migrate.connect(_sync_roles_after_migrate, dispatch_uid="ikz.accounts.roles_sync")
        from . import signals

        signals.connect()


class WagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user and group administration, limited to the grants the actor holds."""

    user_viewset = "ikz.accounts.admin_users.UserViewSet"
    group_viewset = "ikz.accounts.admin_users.GroupViewSet"
