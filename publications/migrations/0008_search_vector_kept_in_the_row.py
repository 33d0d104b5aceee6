"""The search vector kept in the article's own row (storage MAIN), the body moved out first.

Reader search checks the vector of every candidate it walks through; stored out of line
(TOAST, PostgreSQL's default for a value this size), each check cost further reads through
the TOAST index: a word in one article of twelve read 27,853 buffers at 200,000 articles,
7,801 with the vector in the row. Rows written from now on keep it inline; the rows already there move
when they are next saved (or at once with ``VACUUM FULL publications_articlepage``).
SQLite has no such setting and keeps the column empty.
"""

from django.db import migrations

from core.sql import on_postgresql

MAIN = "ALTER TABLE publications_articlepage ALTER COLUMN search_vector SET STORAGE MAIN"
EXTENDED = "ALTER TABLE publications_articlepage ALTER COLUMN search_vector SET STORAGE EXTENDED"


class Migration(migrations.Migration):
    dependencies = [
        ("publications", "0007_article_search_vector"),
    ]

    operations = [
        on_postgresql(MAIN, EXTENDED),
    ]
