"""Grant the office's roles their campaign permissions (the groups come from publications).

| role                 | accounts, personas | campaigns, posts       | deliveries, log | approve |
|----------------------|--------------------|------------------------|-----------------|---------|
| Manajer Media Sosial | add, change, view  | add, change, view      | view            | no      |
| Kepala Humas         | add, change, view  | add, change, view, del | view            | yes     |
| Analis               | view               | view                   | view            | no      |
"""

from django.db import migrations

MANAGE = ("add", "change", "view")
MODELS_MANAGED = ("socialaccount", "persona", "campaign", "campaigntarget", "post", "postimage")
MODELS_READ = ("delivery", "deliveryattempt", "approval")

GRANTS = {
    "Manajer Media Sosial": [(model, action) for model in MODELS_MANAGED for action in MANAGE]
    + [(model, "view") for model in MODELS_READ],
    "Kepala Humas": [(model, action) for model in MODELS_MANAGED for action in MANAGE]
    + [("post", "delete"), ("campaign", "delete"), ("post", "approve")]
    + [(model, "view") for model in MODELS_READ],
    "Analis": [(model, "view") for model in MODELS_MANAGED + MODELS_READ],
}


def permission(apps, model, action):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="campaigns", model=model)
    codename = f"{action}_{model}"
    names = {"approve": "Dapat menyetujui atau menolak unggahan"}
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": names.get(action, f"Can {action} {model}")},
    )
    return permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    for group_name, grants in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(*(permission(apps, model, action) for model, action in grants))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="campaigns"))


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0001_initial"),
        ("publications", "0004_editorial_groups_and_workflow"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
