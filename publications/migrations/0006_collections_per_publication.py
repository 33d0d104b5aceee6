"""Each publication's files are its own: one collection per publication, and "Kantor".

Before, every editor could add, change and choose every image and document (granted on the
root collection): the Majalah editor replaced the Koran e-paper and the office logo. Now:

| group             | own collection         | other collections                         |
|-------------------|------------------------|-------------------------------------------|
| editor of X       | add, change, choose    | choose images (all); choose Kantor's docs |
| Kepala Humas      | add, change, choose on the root collection: everything               |

Files still in the root collection move to the collection of the publication whose pages
use them (Wagtail's reference index, and the editions' cover and e-paper fields); the office
branding, the publications' logos and files used by several publications go to "Kantor";
unused files to the publication of the editor who uploaded them, else to "Kantor".
Running it twice changes nothing.
"""

from collections import defaultdict

from django.db import migrations
from django.db.models import F

# Kept literal: a migration must not import the app's live code (roles.py may change later).
COLLECTION_BY_KIND = {
    "koran": "Koran Kota Benteng",
    "majalah": "Majalah LIVE",
    "buletin": "Buletin Jumat",
}
OFFICE_COLLECTION = "Kantor"
OFFICE = "office"
EDITORS_GROUP_BY_KIND = {
    "koran": "Editor Koran Kota Benteng",
    "majalah": "Editor Majalah LIVE",
    "buletin": "Editor Buletin Jumat",
}
PERMISSION_NAMES = {
    f"{action}_{model}": f"Can {action} {model}"
    for action in ("add", "change", "choose")
    for model in ("image", "document")
}
OWN = list(PERMISSION_NAMES)
SHARED = ["choose_image"]  # on the root: photos may be reused by every publication
OFFICE_SHARED = ["choose_document"]  # on Kantor: office-wide documents
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's, for collection paths
STEP_LENGTH = 4


def permission(apps, codename):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    model = codename.split("_", 1)[1]
    app_label = "wagtailimages" if model == "image" else "wagtaildocs"
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    found, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": PERMISSION_NAMES[codename]}
    )
    return found


def child_collection(apps, root, name):
    """The child of ``root`` named ``name``, made if missing (historical models have no
    treebeard methods, so the path is computed as treebeard would)."""
    Collection = apps.get_model("wagtailcore.Collection")
    children = Collection.objects.filter(depth=root.depth + 1, path__startswith=root.path)
    found = children.filter(name=name).first()
    if found is not None:
        return found
    last = children.order_by("-path").first()
    step = int(last.path[-STEP_LENGTH:], 36) + 1 if last else 1
    encoded = ""
    while step:
        step, digit = divmod(step, 36)
        encoded = ALPHABET[digit] + encoded
    collection = Collection.objects.create(
        name=name,
        depth=root.depth + 1,
        path=root.path + encoded.rjust(STEP_LENGTH, "0"),
        numchild=0,
    )
    Collection.objects.filter(pk=root.pk).update(numchild=F("numchild") + 1)
    return collection


def grant(apps, group, collection, codenames):
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    for codename in codenames:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission(apps, codename)
        )


def users_kind(apps):
    """User id → the publication whose editors' group they are in (the first one)."""
    Group = apps.get_model("auth.Group")
    kinds = {}
    for kind, name in EDITORS_GROUP_BY_KIND.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            for user_id in group.user_set.values_list("pk", flat=True):
                kinds.setdefault(user_id, kind)
    return kinds


def page_uses(apps, model_label):
    """File id → the publications (or OFFICE) whose pages use it."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    PublicationPage = apps.get_model("publications.PublicationPage")
    ReferenceIndex = apps.get_model("wagtailcore.ReferenceIndex")
    app_label, model = model_label.lower().split(".")
    uses = defaultdict(set)
    publications = list(PublicationPage.objects.values_list("pk", "path", "kind"))

    def add(page_id, path, file_id):
        for publication_id, publication_path, kind in publications:
            if page_id == publication_id:
                uses[file_id].add(OFFICE)  # the publication page's own logo: branding
            elif path.startswith(publication_path):
                uses[file_id].add(kind)

    page_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    file_type = ContentType.objects.filter(app_label=app_label, model=model).first()
    if page_type is not None and file_type is not None:
        references = ReferenceIndex.objects.filter(
            base_content_type=page_type, to_content_type=file_type
        ).values_list("object_id", "to_object_id")
        paths = dict(Page.objects.values_list("pk", "path"))
        for page_id, file_id in references:
            if page_id.isdigit() and file_id.isdigit() and int(page_id) in paths:
                add(int(page_id), paths[int(page_id)], int(file_id))
    # The fields named here count even where the reference index was never built.
    fields = {
        "publications.NewsImage": [
            ("publications.NewspaperEditionPage", "cover_id"),
            ("publications.MagazineIssuePage", "cover_id"),
            ("publications.BulletinIssuePage", "cover_id"),
            ("publications.ArticlePage", "hero_image_id"),
        ],
        "wagtaildocs.Document": [
            ("publications.NewspaperEditionPage", "epaper_id"),
            ("publications.MagazineIssuePage", "pdf_id"),
        ],
    }[model_label]
    for page_model, field in fields:
        rows = apps.get_model(page_model).objects.exclude(**{field: None})
        for page_id, path, file_id in rows.values_list("pk", "path", field):
            add(page_id, path, file_id)
    return uses


def move_files(apps, schema_editor):
    Collection = apps.get_model("wagtailcore.Collection")
    Group = apps.get_model("auth.Group")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    PublicationPage = apps.get_model("publications.PublicationPage")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    office = child_collection(apps, root, OFFICE_COLLECTION)
    collections = {OFFICE: office}
    for kind, name in COLLECTION_BY_KIND.items():
        collections[kind] = child_collection(apps, root, name)

    for kind, name in EDITORS_GROUP_BY_KIND.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        GroupCollectionPermission.objects.filter(
            group=group, collection=root, permission__codename__in=OWN
        ).delete()
        grant(apps, group, collections[kind], OWN)
        grant(apps, group, root, SHARED)
        grant(apps, group, office, OFFICE_SHARED)

    branding = apps.get_model("home.BrandingSettings").objects.exclude(logo=None)
    office_images = {
        *branding.values_list("logo_id", flat=True),
        *PublicationPage.objects.exclude(logo=None).values_list("logo_id", flat=True),
    }
    uploaders = users_kind(apps)
    for model_label, office_files in (
        ("publications.NewsImage", office_images),
        ("wagtaildocs.Document", set()),
    ):
        uses = page_uses(apps, model_label)
        targets = defaultdict(list)
        in_root = apps.get_model(model_label).objects.filter(collection=root)
        for file_id, uploader_id in in_root.values_list("pk", "uploaded_by_user_id"):
            used_by = uses.get(file_id, set())
            if file_id in office_files or OFFICE in used_by or len(used_by) > 1:
                target = OFFICE
            elif used_by:
                target = next(iter(used_by))
            else:
                target = uploaders.get(uploader_id, OFFICE)
            targets[target].append(file_id)
        for target, file_ids in targets.items():
            in_root.filter(pk__in=file_ids).update(collection=collections[target])


def move_files_back(apps, schema_editor):
    Collection = apps.get_model("wagtailcore.Collection")
    Group = apps.get_model("auth.Group")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    names = [OFFICE_COLLECTION, *COLLECTION_BY_KIND.values()]
    ours = Collection.objects.filter(depth=2, name__in=names)
    for model_label in ("publications.NewsImage", "wagtaildocs.Document"):
        apps.get_model(model_label).objects.filter(collection__in=ours).update(collection=root)
    for name in EDITORS_GROUP_BY_KIND.values():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            GroupCollectionPermission.objects.filter(group=group).delete()
            grant(apps, group, root, OWN)
    GroupCollectionPermission.objects.filter(collection__in=ours).delete()
    removed = ours.count()
    ours.delete()
    Collection.objects.filter(pk=root.pk).update(numchild=F("numchild") - removed)


class Migration(migrations.Migration):
    dependencies = [
        ("publications", "0005_search_index_title_body"),
        ("home", "0003_create_homepage"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(move_files, move_files_back)]
