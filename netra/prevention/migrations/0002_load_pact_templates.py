from django.db import migrations


def load(apps, schema_editor):
    from netra.prevention.loading import load_pact_templates

    load_pact_templates(apps.get_model("prevention", "PactTemplate"))


class Migration(migrations.Migration):
    dependencies = [("prevention", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
