"""The office's roles as Wagtail groups, and the "Review Humas" workflow on every publication.

Written like Wagtail's own data migrations (wagtailcore 0002 and 0048): historical models,
permissions and content types fetched with get_or_create because post_migrate has not run
yet on a fresh database. Running it twice changes nothing.
"""

from django.db import migrations

# Kept literal: a migration must not import the app's live code (roles.py may change later).
EDITORS_GROUP_BY_KIND = {
    "koran": "Editor Koran Kota Benteng",
    "majalah": "Editor Majalah LIVE",
    "buletin": "Editor Buletin Jumat",
}
HEAD_OF_HUMAS_GROUP = "Kepala Humas"
SOCIAL_MEDIA_MANAGERS_GROUP = "Manajer Media Sosial"
ANALYSTS_GROUP = "Analis"
REVIEW_WORKFLOW_NAME = "Review Humas"
REVIEW_TASK_NAME = "Persetujuan Kepala Humas"

EDITOR_PAGE_ACTIONS = ["add", "change"]
HEAD_PAGE_ACTIONS = ["add", "change", "publish"]
MEDIA_ACTIONS = [
    ("wagtailimages", "image", "add_image", "Can add image"),
    ("wagtailimages", "image", "choose_image", "Can choose image"),
    ("wagtailimages", "image", "change_image", "Can change image"),
    ("wagtaildocs", "document", "add_document", "Can add document"),
    ("wagtaildocs", "document", "choose_document", "Can choose document"),
    ("wagtaildocs", "document", "change_document", "Can change document"),
]
# Editors register new bylines; the head also keeps the city's list of programmes.
EDITOR_SNIPPET_PERMISSIONS = [("author", "penulis", action) for action in ("add", "change", "view")]
HEAD_SNIPPET_PERMISSIONS = [
    *EDITOR_SNIPPET_PERMISSIONS,
    *[("programme", "program", action) for action in ("add", "change", "view")],
]


def get_permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def page_permission(apps, action):
    names = {"add": "Can add page", "change": "Can change page", "publish": "Publish any page"}
    return get_permission(apps, "wagtailcore", "page", f"{action}_page", names[action])


def grant_pages(apps, group, page_id, actions):
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    for action in actions:
        GroupPagePermission.objects.get_or_create(
            group=group, page_id=page_id, permission=page_permission(apps, action)
        )


def grant_media(apps, group):
    Collection = apps.get_model("wagtailcore.Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is None:
        return
    for app_label, model, codename, name in MEDIA_ACTIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=root_collection,
            permission=get_permission(apps, app_label, model, codename, name),
        )


def grant_snippets(apps, group, snippet_permissions):
    for model, verbose_name, action in snippet_permissions:
        group.permissions.add(
            get_permission(
                apps, "publications", model, f"{action}_{model}", f"Can {action} {verbose_name}"
            )
        )


def create_groups_and_workflow(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    PublicationPage = apps.get_model("publications.PublicationPage")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")

    access_admin = get_permission(
        apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"
    )
    home = Page.objects.filter(
        depth=2, content_type__app_label="home", content_type__model="homepage"
    ).first()

    for kind, name in EDITORS_GROUP_BY_KIND.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        grant_media(apps, group)
        grant_snippets(apps, group, EDITOR_SNIPPET_PERMISSIONS)
        publication = PublicationPage.objects.filter(kind=kind).first()
        if publication is not None:
            grant_pages(apps, group, publication.pk, EDITOR_PAGE_ACTIONS)

    head, _ = Group.objects.get_or_create(name=HEAD_OF_HUMAS_GROUP)
    head.permissions.add(access_admin)
    grant_media(apps, head)
    grant_snippets(apps, head, HEAD_SNIPPET_PERMISSIONS)
    if home is not None:
        grant_pages(apps, head, home.pk, HEAD_PAGE_ACTIONS)

    for name in (SOCIAL_MEDIA_MANAGERS_GROUP, ANALYSTS_GROUP):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=REVIEW_TASK_NAME, content_type=task_type, active=True
        )
    task.groups.add(head)
    workflow, _ = Workflow.objects.get_or_create(
        name=REVIEW_WORKFLOW_NAME, defaults={"active": True}
    )
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if home is not None:
        # Assigned to the home page, so it covers the three publications and all below them.
        WorkflowPage.objects.update_or_create(page_id=home.pk, defaults={"workflow": workflow})


def remove_groups_and_workflow(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Task = apps.get_model("wagtailcore.Task")
    Workflow = apps.get_model("wagtailcore.Workflow")

    Workflow.objects.filter(name=REVIEW_WORKFLOW_NAME).delete()
    Task.objects.filter(name=REVIEW_TASK_NAME).delete()
    Group.objects.filter(
        name__in=[
            *EDITORS_GROUP_BY_KIND.values(),
            HEAD_OF_HUMAS_GROUP,
            SOCIAL_MEDIA_MANAGERS_GROUP,
            ANALYSTS_GROUP,
        ]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("publications", "0003_seed_programmes"),
        ("home", "0003_create_homepage"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_groups_and_workflow, remove_groups_and_workflow)]
