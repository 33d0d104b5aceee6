from django.db import migrations
from django.utils.text import slugify

# The city's own programmes (not demo content): name and LIVE pillar.
PROGRAMMES = [
    ("Tangerang Hijau", "liveable"),
    ("Tangerang Bersih", "liveable"),
    ("Tangerang Terang", "liveable"),
    ("Tangerang Berbenah", "liveable"),
    ("Tangerang Sehat", "liveable"),
    ("Tangerang Cerdas", "e-city"),
    ("Usir Banjir", "liveable"),
    ("Tangerang Siap Kerja", "investable"),
    ("Tangerang Tertib", "liveable"),
    ("Akhlakul Karimah", "liveable"),
    ("BRT Trans Tangerang", "liveable"),
    ("Air Bersih", "liveable"),
    ("Kampung Wisata", "visitable"),
    ("Festival Cisadane", "visitable"),
    ("Festival Budaya Nusantara", "visitable"),
]


def seed_programmes(apps, schema_editor):
    Programme = apps.get_model("publications.Programme")
    for name, pillar in PROGRAMMES:
        Programme.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "pillar": pillar}
        )


class Migration(migrations.Migration):
    dependencies = [("publications", "0002_create_publications")]

    operations = [migrations.RunPython(seed_programmes, migrations.RunPython.noop)]
