from django.db import migrations


def seed(apps, schema_editor):
    from ikz.library.models.base import legal_forms_sync

    legal_forms_sync(apps.get_model("library", "LegalFormOption"))


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
