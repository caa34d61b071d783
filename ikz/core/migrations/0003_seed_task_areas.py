from django.db import migrations


def seed(apps, schema_editor):
    from ikz.core.taxonomy import task_areas_sync

    task_areas_sync(apps.get_model("core", "TaskArea"))


class Migration(migrations.Migration):
    dependencies = [("core", "0002_taskarea")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
