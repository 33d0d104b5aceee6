"""Analysts and the head of Humas may run a collector now ("Kumpulkan sekarang")."""

from django.db import migrations

MEASURERS = ("Analis", "Kepala Humas")


def run_permission(apps):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="campaigns", model="collectionrun"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="run_collector",
        defaults={"name": "Menjalankan pengumpul sekarang"},
    )
    return permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    for group in Group.objects.filter(name__in=MEASURERS):
        group.permissions.add(run_permission(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    for group in Group.objects.filter(name__in=MEASURERS):
        group.permissions.remove(run_permission(apps))


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0008_account_destination_hold")]

    operations = [
        migrations.AlterModelOptions(
            name="collectionrun",
            options={
                "ordering": ["-started_at", "-pk"],
                "permissions": [("run_collector", "Menjalankan pengumpul sekarang")],
                "verbose_name": "proses pengumpulan",
                "verbose_name_plural": "proses pengumpulan",
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
