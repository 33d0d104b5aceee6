"""Outlets carry a "media arus utama" flag; and http/https spellings of one article become one
clipping (https), the http twin of an article already stored as https removed, so that the
day's mention count no longer counts it twice."""

import datetime
from zoneinfo import ZoneInfo

from django.db import migrations, models

WIB = ZoneInfo("Asia/Jakarta")


def one_spelling(apps, schema_editor):
    Clipping = apps.get_model("campaigns", "Clipping")
    MetricSample = apps.get_model("campaigns", "MetricSample")
    touched = set()
    for clipping in Clipping.objects.filter(url__startswith="http://").iterator():
        https = "https://" + clipping.url[len("http://") :]
        touched.add(clipping.published_at.astimezone(WIB).date())
        if Clipping.objects.filter(url=https).exists():
            clipping.delete()
        else:
            clipping.url = https
            clipping.save(update_fields=["url"])
    for day in touched:
        start = datetime.datetime.combine(day, datetime.time.min, tzinfo=WIB)
        count = Clipping.objects.filter(
            published_at__gte=start, published_at__lt=start + datetime.timedelta(days=1)
        ).count()
        MetricSample.objects.filter(
            subject_kind="office", subject_id=0, metric="mentions", source="clippings", day=day
        ).update(value=count)


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0009_run_collector_now")]

    operations = [
        migrations.AddField(
            model_name="outlet",
            name="is_mainstream",
            field=models.BooleanField(
                default=True,
                help_text="Hanya pemberitaan media arus utama yang dihitung untuk angka Pemberitaan dan targetnya. Matikan untuk blog, agregator atau akun komunitas.",
                verbose_name="media arus utama",
            ),
        ),
        migrations.RunPython(one_spelling, migrations.RunPython.noop),
    ]
