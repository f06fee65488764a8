"""The province key on every counted record, and the statistics indexes led by it (decision record 0006)."""

import danvan.stats.keys
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0006_letter_similar_to"),
        ("units", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="case",
            name="case_stats_cells",
        ),
        migrations.RemoveIndex(
            model_name="case",
            name="case_stats_units",
        ),
        migrations.RemoveIndex(
            model_name="letter",
            name="letter_stats_cells",
        ),
        migrations.RemoveIndex(
            model_name="letter",
            name="letter_stats_units",
        ),
        migrations.AddField(
            model_name="case",
            name="province_key",
            field=danvan.stats.keys.ProvinceKeyField(
                default="", editable=False, max_length=4, verbose_name="tỉnh (khóa thống kê)"
            ),
        ),
        migrations.AddField(
            model_name="letter",
            name="province_key",
            field=danvan.stats.keys.ProvinceKeyField(
                default="", editable=False, max_length=4, verbose_name="tỉnh (khóa thống kê)"
            ),
        ),
        migrations.AddField(
            model_name="receptionsession",
            name="province_key",
            field=danvan.stats.keys.ProvinceKeyField(
                default="", editable=False, max_length=4, verbose_name="tỉnh (khóa thống kê)"
            ),
        ),
        # Every existing record gets its key before the indexes that lead with it are built.
        migrations.RunPython(danvan.stats.keys.fill_keys("petitions", "case", "unit"), migrations.RunPython.noop),
        migrations.RunPython(danvan.stats.keys.fill_keys("petitions", "letter", "unit"), migrations.RunPython.noop),
        migrations.RunPython(
            danvan.stats.keys.fill_keys("petitions", "receptionsession", "unit"), migrations.RunPython.noop
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=[
                    "province_key",
                    "kind",
                    "outcome",
                    "route",
                    "resolution",
                    "unit",
                    "received_on",
                    "accepted_on",
                    "ended_on",
                    "resolved_on",
                    "due_at_decision",
                    "status",
                    "due_on",
                    "decided_on",
                    "money_recovered",
                    "land_recovered",
                    "discipline_proposed",
                ],
                name="case_stats_cells",
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["province_key", "unit", "received_on", "resolved_on"], name="case_stats_units"),
        ),
        migrations.AddIndex(
            model_name="letter",
            index=models.Index(
                fields=[
                    "province_key",
                    "kind",
                    "subject",
                    "unit",
                    "received_on",
                    "channel",
                    "co_signers",
                    "duplicate_of",
                    "eligible",
                ],
                name="letter_stats_cells",
            ),
        ),
        migrations.AddIndex(
            model_name="letter",
            index=models.Index(fields=["province_key", "unit", "received_on"], name="letter_stats_units"),
        ),
        migrations.AddIndex(
            model_name="receptionsession",
            index=models.Index(fields=["province_key", "kind", "form", "date"], name="session_stats_cells"),
        ),
    ]
