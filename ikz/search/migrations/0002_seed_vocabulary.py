"""Seed the editable search vocabulary from data/synonyms_de.tsv (edited in the admin later)."""

from django.db import migrations


def seed(apps, schema_editor):
    from ikz.search.synonyms import vocabulary_seed

    vocabulary_seed(apps.get_model("search", "SearchSynonym"))


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
