from django.db import migrations


def seed(apps, schema_editor):
    from ikz.funding.content import applicant_types_sync

    applicant_types_sync(model=apps.get_model("funding", "ApplicantType"))


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
