"""Reader search reads a weighted tsvector stored on each article's row, GIN-indexed, and
ranks only the newest matches (``home.search``): at 200,000 articles the join to Wagtail's
index entries and the ranking of every match took 1.2 s. SQLite keeps the column empty."""

import django.contrib.postgres.search
from django.db import migrations

from core.sql import on_postgresql

INDEX = "publications_articlepage_search_vector"
CREATE = f"CREATE INDEX IF NOT EXISTS {INDEX} ON publications_articlepage USING gin (search_vector)"
DROP = f"DROP INDEX IF EXISTS {INDEX}"


def fill_vectors(apps, schema_editor):
    """The vectors of the articles already there, from their rows."""
    if schema_editor.connection.vendor != "postgresql":
        return
    from publications.search_vectors import vector_for

    ArticlePage = apps.get_model("publications", "ArticlePage")
    for page in ArticlePage.objects.using(schema_editor.connection.alias).iterator(chunk_size=500):
        ArticlePage.objects.filter(pk=page.pk).update(search_vector=vector_for(page))


class Migration(migrations.Migration):
    dependencies = [
        ("publications", "0006_collections_per_publication"),
    ]

    operations = [
        migrations.AddField(
            model_name="articlepage",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(fill_vectors, migrations.RunPython.noop),
        on_postgresql(CREATE, DROP),
    ]
