"""The moved models' content types follow them from ``campaigns`` to ``insights``.

A permission belongs to a content type, and groups (analysts, social media managers, the
head of Humas…) hold permissions: renaming the content type's app keeps every grant, so
``campaigns.view_metricsample`` held yesterday is ``insights.view_metricsample`` today.
Without this, Django would make new, ungranted permissions for insights, and the measurers
would lose their dashboards and lists.

When insights' content types exist already (a ``migrate`` stopped between 0001 and here has
run ``post_migrate``, which makes them, with fresh permissions that nobody holds yet),
each grant moves onto the insights permission of the same codename instead."""

from django.db import migrations

MODELS = (
    "clipping",
    "collectionrun",
    "dailyrollup",
    "keywordrule",
    "metricsample",
    "outcomefigure",
    "outlet",
    "peeraccount",
    "postpeak",
    "reportsubscription",
    "trackedlink",
    "trafficevent",
)


def move(apps, source: str, target: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model in MODELS:
        old = ContentType.objects.filter(app_label=source, model=model).first()
        if old is None:
            continue  # never made (a database that had no rows nor grants for it)
        new = ContentType.objects.filter(app_label=target, model=model).first()
        if new is None:
            old.app_label = target
            old.save(update_fields=["app_label"])
            continue
        for permission in Permission.objects.filter(content_type=old):
            twin = Permission.objects.filter(content_type=new, codename=permission.codename)
            twin = twin.first()
            if twin is None:
                permission.content_type = new
                permission.save(update_fields=["content_type"])
                continue
            twin.group_set.add(*permission.group_set.all())
            twin.user_set.add(*permission.user_set.all())
            permission.delete()


def forwards(apps, schema_editor):
    move(apps, "campaigns", "insights")


def backwards(apps, schema_editor):
    move(apps, "insights", "campaigns")


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0001_initial"),
        ("campaigns", "0021_measuring_moved_to_insights"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
