"""Seed the editable search vocabulary from data/synonyms_de.tsv (edited in the admin later)."""

from django.db import migrations


def seed(apps, schema_editor):
    from ikz.search.synonyms import seed_rows

    SearchSynonym = apps.get_model("search", "SearchSynonym")
    existing = set(SearchSynonym.objects.values_list("term", flat=True))
    rows, seen = [], set(existing)
    for term, expansions, two_way in seed_rows():
        if term in seen:
            continue
        seen.add(term)
        rows.append(SearchSynonym(term=term, expansions="; ".join(expansions), two_way=two_way))
    SearchSynonym.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
