from django.db import migrations


def load(apps, schema_editor):
    from netra.rules.loading import load_catalogue

    load_catalogue(apps.get_model("rules", "ViolationForm"), apps.get_model("rules", "DeadlineRule"))


class Migration(migrations.Migration):
    dependencies = [("rules", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
