from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ikz.core"
    label = "core"
    verbose_name = "Portal"
    # The Redaktion maintains the task-area vocabulary and watches the delivery of outgoing mail
    # (see ikz.accounts.roles).
    role_permissions = {
        "Redaktion": [
            "core.add_taskarea",
            "core.change_taskarea",
            "core.delete_taskarea",
            "core.view_taskarea",
            "core.view_outgoingmail",
            "core.resend_outgoingmail",
        ],
    }

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from . import pagecache
        from .collation import register

        post_migrate.connect(_base_rows_ensure, sender=self)
        connection_created.connect(register, dispatch_uid="ikz.core.collation")
        pagecache.connect()


def _base_rows_ensure(*, using="default", **kwargs) -> None:
    """Give back the rows that migrations create and a flush removes: the locale, the roots of
    Wagtail's page and collection trees and the starting task areas.

    `flush` (run after every transactional test, or by an operator) empties every table and then
    sends post_migrate; without these rows the next document upload fails on its collection and
    role permissions miss their page root. Idempotent; does nothing before the tables exist.
    """
    from django.apps import apps
    from django.conf import settings
    from django.contrib.contenttypes.management import create_contenttypes
    from django.contrib.contenttypes.models import ContentType
    from django.db import connections

    tables = set(connections[using].introspection.table_names())
    if not {"wagtailcore_page", "wagtailcore_collection", "wagtailcore_locale", "core_taskarea"} <= tables:
        return
    from wagtail.models import Collection, Locale, Page

    # This app comes first in INSTALLED_APPS, so its post_migrate runs before contenttypes has
    # recreated the content types a flush removed; the root page needs its own.
    for config in apps.get_app_configs():
        create_contenttypes(config, verbosity=0, using=using)
    ContentType.objects.clear_cache()

    from .taxonomy import task_areas_sync

    Locale.objects.using(using).get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Collection.objects.using(using).filter(depth=1).exists():
        Collection.add_root(name="Root")
    if not Page.objects.using(using).filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root"))
    task_areas_sync()
