import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = [("units", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="Errand",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("title", models.CharField(max_length=200)),
                ("status", models.CharField(default="draft", max_length=16)),
                ("approved_on", models.DateField(blank=True, null=True)),
                (
                    "unit",
                    models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="units.unit"),
                ),
            ],
            options={"verbose_name": "đề nghị"},
        ),
    ]
