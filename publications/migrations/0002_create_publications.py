from django.db import migrations

# The office's three publications are part of the product, not demo content.
PUBLICATIONS = [
    (
        "koran",
        "Koran Kota Benteng",
        "koran-kota-benteng",
        "Terbit mingguan",
        "Koran resmi Pemerintah Kota Tangerang",
    ),
    ("majalah", "Majalah LIVE", "majalah-live", "Terbit bulanan", "Majalah Tangerang LIVE"),
    (
        "buletin",
        "Buletin Jumat",
        "buletin-jumat",
        "Terbit setiap Jumat",
        "Buletin Jumat Kota Tangerang",
    ),
]


def create_publications(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    HomePage = apps.get_model("home.HomePage")
    PublicationPage = apps.get_model("publications.PublicationPage")

    home = HomePage.objects.get(depth=2, slug="home")
    content_type, _ = ContentType.objects.get_or_create(
        model="publicationpage", app_label="publications"
    )
    for position, (kind, title, slug, frequency, masthead) in enumerate(PUBLICATIONS, start=1):
        if PublicationPage.objects.filter(kind=kind).exists():
            continue
        PublicationPage.objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            kind=kind,
            masthead=masthead,
            frequency=frequency,
            content_type=content_type,
            path=f"{home.path}{position:04d}",
            depth=home.depth + 1,
            numchild=0,
            url_path=f"{home.url_path}{slug}/",
            locale_id=home.locale_id,
            live=True,
            has_unpublished_changes=False,
        )
    home.numchild = PublicationPage.objects.filter(depth=home.depth + 1).count()
    home.save(update_fields=["numchild"])


def remove_publications(apps, schema_editor):
    apps.get_model("publications.PublicationPage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("publications", "0001_initial"),
        ("home", "0003_create_homepage"),
    ]

    operations = [migrations.RunPython(create_publications, remove_publications)]
