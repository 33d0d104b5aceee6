"""Who measures: analysts and the head of Humas see every dashboard and keep the measurement
lists (outlets, keywords, peers, clippings and their tone, outcome figures). Social media
managers see the dashboards of their own campaigns only (checked in the views, by owner)."""

from django.db import migrations

MEASURERS = ("Analis", "Kepala Humas")
READ = ("metricsample", "collectionrun", "trackedlink", "trafficevent")
KEEP = ("outlet", "keywordrule", "peeraccount", "clipping", "outcomefigure")


def permission(apps, model, action):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="campaigns", model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=f"{action}_{model}",
        defaults={"name": f"Can {action} {model}"},
    )
    return permission


def grants(apps):
    return [permission(apps, model, "view") for model in READ] + [
        permission(apps, model, action) for model in KEEP for action in ("add", "change", "view")
    ]


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    for group in Group.objects.filter(name__in=MEASURERS):
        group.permissions.add(*grants(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    for group in Group.objects.filter(name__in=MEASURERS):
        group.permissions.remove(*grants(apps))


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0005_metrics")]

    operations = [migrations.RunPython(grant, revoke)]
