"""The page cache's registries cover everything installed: a new view, page type or model fails here
until somebody decided whether anonymous visitors may share it and whether its writes matter."""

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.models import get_page_models

from ikz.core.pagecache import rules
from ikz.core.pagecache.invalidation import write_affects_pages


def _view_names(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = (
                f"{namespace}:{pattern.namespace}"
                if namespace and pattern.namespace
                else pattern.namespace or namespace
            )
            yield from _view_names(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and not prefix.startswith("admin/"):
            assert pattern.name, f"Adresse ohne Namen: {prefix}{pattern.pattern}"
            yield (
                (f"{namespace}:{pattern.name}" if namespace else pattern.name),
                prefix + str(pattern.pattern),
            )


def test_every_view_is_public_or_private():
    unregistered = [
        f"{name} ({path})"
        for name, path in _view_names(get_resolver().url_patterns)
        if not rules.view_rule(name)
    ]
    assert not unregistered, (
        f"In ikz/core/pagecache/rules.py eintragen (PUBLIC_VIEWS oder PRIVATE_VIEWS): {unregistered}"
    )


def test_no_view_is_both_and_no_entry_is_stale():
    names = {name for name, _ in _view_names(get_resolver().url_patterns)}
    namespaces = {name.rpartition(":")[0] for name in names}
    assert not set(rules.PUBLIC_VIEWS) & set(rules.PRIVATE_VIEWS)
    for entry in [*rules.PUBLIC_VIEWS, *rules.PRIVATE_VIEWS]:
        exists = entry[:-2] in namespaces if entry.endswith(":*") else entry in names
        assert exists, f"{entry} gibt es nicht mehr"
    public_namespaces = {name.rpartition(":")[0] for name in rules.PUBLIC_VIEWS}
    wildcards = {entry[:-2] for entry in rules.PRIVATE_VIEWS if entry.endswith(":*")}
    assert not public_namespaces & wildcards


def test_every_page_type_is_public_or_private():
    labels = {model._meta.label for model in get_page_models()}
    assert labels == set(rules.PUBLIC_PAGE_TYPES) | set(rules.PRIVATE_PAGE_TYPES), (
        "Seitentypen in ikz/core/pagecache/rules.py eintragen oder veraltete Einträge entfernen"
    )
    assert not set(rules.PUBLIC_PAGE_TYPES) & set(rules.PRIVATE_PAGE_TYPES)


def test_every_model_invalidates_unless_exempt_with_a_reason():
    exempt = set()
    for label, reason in rules.WRITE_EXEMPT.items():
        app_label, _, name = label.partition(".")
        apps.get_model(app_label, name)  # LookupError: a stale entry
        assert len(reason) >= 10, f"{label}: Begründung fehlt"
        exempt.add(label)
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        # Only classified, never executed.
        statements = [
            f'INSERT INTO "{table}" ("id") VALUES (%s)',  # noqa: S608
            f'UPDATE "{table}" SET "id" = %s WHERE "id" = %s',  # noqa: S608
            f'DELETE FROM "{table}" WHERE "id" IN (%s)',  # noqa: S608
            f'INSERT OR IGNORE INTO "{table}" ("id") VALUES (%s)',  # noqa: S608
            f"update {table} set x = 1",  # noqa: S608
        ]
        expected = model._meta.label not in exempt
        for sql in statements:
            assert write_affects_pages(sql) is expected, f"{model._meta.label}: {sql}"


@pytest.mark.parametrize(
    ("sql", "affects"),
    [
        ('SELECT "core_taskarea"."id" FROM "core_taskarea"', False),
        ('  SELECT 1 FROM "x" FOR UPDATE', False),
        ('SAVEPOINT "s1"', False),
        ('RELEASE SAVEPOINT "s1"', False),
        ("PRAGMA foreign_keys", False),
        ('CREATE TABLE "neu" ("id" integer)', True),
        ('ALTER TABLE "core_taskarea" ADD COLUMN "x" integer', True),
        ('WITH t AS (SELECT 1) UPDATE "core_taskarea" SET "name" = %s', True),
        ('TRUNCATE "django_session"', True),
        (b"UPDATE django_session SET x = 1", True),
        ('UPDATE "django_session" SET "expire_date" = %s', False),
    ],
)
def test_write_classification_fails_safe(sql, affects):
    assert write_affects_pages(sql) is affects


def test_check_refuses_a_cache_of_one_process(settings):
    from ikz.core.pagecache.checks import page_cache_shared

    settings.PAGE_CACHE_ENABLED = True
    assert [m.id for m in page_cache_shared()] == ["ikz.pagecache.W001"]  # the test settings' LocMem
    settings.CACHES = {
        **settings.CACHES,
        "pagecache": {"BACKEND": "django.core.cache.backends.redis.RedisCache"},
    }
    assert page_cache_shared() == []
    settings.CACHES = {"default": settings.CACHES["default"]}
    assert [m.id for m in page_cache_shared()] == ["ikz.pagecache.E001"]
    settings.PAGE_CACHE_ENABLED = False
    assert page_cache_shared() == []


@pytest.mark.parametrize(
    ("cache_url", "backend"),
    [("", "FileBasedCache"), ("redis://127.0.0.1:6379/0", "RedisCache")],
)
def test_production_shares_the_page_cache(cache_url, backend):
    """Production: files of the machine without CACHE_URL, the shared Redis with it; on by default."""
    import json
    import os
    import secrets
    import subprocess
    import sys

    from django.conf import settings

    env = {
        k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "PAGE_CACHE", "CACHE_URL"}
    }
    env.update(SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="ikz.example", CACHE_URL=cache_url)
    script = (
        "import json, config.settings.production as p; "
        "print(json.dumps([p.CACHES['pagecache']['BACKEND'], p.PAGE_CACHE_ENABLED]))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    found, enabled = json.loads(result.stdout)
    assert found.endswith(backend)
    assert enabled is True
