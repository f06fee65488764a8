"""The province key on every counted record, and the statistics indexes led by it (decision record 0006)."""

import danvan.stats.keys
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0003_stats_indexes"),
        ("units", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="initiative",
            name="initiative_stats_cells",
        ),
        migrations.RemoveIndex(
            model_name="initiative",
            name="initiative_stats_units",
        ),
        migrations.AddField(
            model_name="initiative",
            name="province_key",
            field=danvan.stats.keys.ProvinceKeyField(
                default="", editable=False, max_length=4, verbose_name="tỉnh (khóa thống kê)"
            ),
        ),
        migrations.AddField(
            model_name="resultvalue",
            name="province_key",
            field=danvan.stats.keys.ProvinceKeyField(
                default="", editable=False, max_length=4, unit="initiative__unit", verbose_name="tỉnh (khóa thống kê)"
            ),
        ),
        # Every existing record gets its key before the indexes that lead with it are built.
        migrations.RunPython(
            danvan.stats.keys.fill_keys("initiatives", "initiative", "unit"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            danvan.stats.keys.fill_keys("initiatives", "resultvalue", "initiative__unit"), migrations.RunPython.noop
        ),
        migrations.AddIndex(
            model_name="initiative",
            index=models.Index(
                fields=[
                    "province_key",
                    "kind",
                    "field",
                    "subfield",
                    "level",
                    "status",
                    "unit",
                    "registered_on",
                    "recognised_on",
                    "exemplary_on",
                    "replicated_on",
                ],
                name="initiative_stats_cells",
            ),
        ),
        migrations.AddIndex(
            model_name="initiative",
            index=models.Index(
                fields=["province_key", "unit", "registered_on", "recognised_on", "exemplary_on", "replicated_on"],
                name="initiative_stats_units",
            ),
        ),
        migrations.AddIndex(
            model_name="resultvalue",
            index=models.Index(fields=["province_key", "metric", "period_end", "value"], name="result_stats_cells"),
        ),
    ]
