"""A flushed database (after every transactional test, or by an operator) gets back the rows
that migrations create: without them uploads fail and role permissions lack the page root."""

import pytest
from django.core.management import call_command
from wagtail.models import Collection, Locale, Page

from ikz.core.taxonomy import TaskArea


@pytest.mark.django_db(transaction=True)
def test_flush_gives_back_the_tree_roots_locale_and_task_areas():
    call_command("flush", interactive=False, verbosity=0)
    assert Collection.objects.filter(depth=1).count() == 1
    assert Page.objects.filter(depth=1).count() == 1
    assert Locale.objects.filter(language_code="de").exists()
    assert TaskArea.objects.filter(parent=None).count() >= 10
    call_command("flush", interactive=False, verbosity=0)  # idempotent: still one root each
    assert Collection.objects.filter(depth=1).count() == 1
    assert Page.objects.filter(depth=1).count() == 1
