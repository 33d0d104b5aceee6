"""Social media managers pick (and upload) the images of their posts from the library."""

from django.db import migrations

GROUP = "Manajer Media Sosial"
ACTIONS = (
    ("add_image", "Can add image"),
    ("choose_image", "Can choose image"),
)


def grant(apps, schema_editor):
    Collection = apps.get_model("wagtailcore.Collection")
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    Permission = apps.get_model("auth.Permission")
    root = Collection.objects.filter(depth=1).first()
    group = Group.objects.filter(name=GROUP).first()
    if root is None or group is None:
        return
    # Wagtail checks image permissions on its base Image model, whatever the image model.
    content_type, _ = ContentType.objects.get_or_create(app_label="wagtailimages", model="image")
    for codename, name in ACTIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=permission
        )


def revoke(apps, schema_editor):
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    GroupCollectionPermission.objects.filter(
        group__name=GROUP,
        permission__codename__in=[codename for codename, _ in ACTIONS],
        permission__content_type__app_label="wagtailimages",
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0003_api_idempotency"),
        ("publications", "0005_search_index_title_body"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
