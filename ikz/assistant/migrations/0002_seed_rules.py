from django.db import migrations


def seed(apps, schema_editor):
    from ikz.assistant.loader import rules_sync

    rules_sync(rule_model=apps.get_model("assistant", "Rule"), programme_model=apps.get_model("assistant", "FundingProgramme"))


class Migration(migrations.Migration):
    dependencies = [("assistant", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
