from django.db import migrations


def forwards(apps, schema_editor):
    from danvan.petitions.reference import install_templates

    install_templates(apps.get_model("petitions", "DocumentTemplate"))


class Migration(migrations.Migration):
    dependencies = [("petitions", "0002_subjects")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
