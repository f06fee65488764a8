from django.db import migrations


def forwards(apps, schema_editor):
    from danvan.petitions.reference import install_subjects

    install_subjects(apps.get_model("petitions", "Subject"))


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
