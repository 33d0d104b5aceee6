# The covering index as key columns: SQLite has no INCLUDE (models.W040 under `make run`).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0015_checking_state"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="metricsample",
            name="sample_metric_kind_day_idx",
        ),
        migrations.AddIndex(
            model_name="metricsample",
            index=models.Index(
                fields=["metric", "subject_kind", "day", "subject_id", "value", "network"],
                name="sample_metric_kind_day_idx",
            ),
        ),
    ]
