"""Add the shipped vocabulary entries that are missing (the GkG NRW block of data/synonyms_de.tsv,
30.11.2026); entries the Redaktion has edited or deleted-and-recreated stay as they are."""

from django.db import migrations


def seed(apps, schema_editor):
    from ikz.search.synonyms import vocabulary_seed

    vocabulary_seed(apps.get_model("search", "SearchSynonym"))


class Migration(migrations.Migration):
    dependencies = [("search", "0004_search_prior")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
