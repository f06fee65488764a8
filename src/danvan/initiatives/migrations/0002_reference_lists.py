from django.db import migrations


def forwards(apps, schema_editor):
    from danvan.initiatives.reference import install

    install(apps.get_model("initiatives", "Field"), apps.get_model("initiatives", "Criterion"), apps.get_model("initiatives", "Metric"))


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
