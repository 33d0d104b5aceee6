"""Seed the bench database with many articles in bulk: pages, relations, search vectors.

Pages go in with Django's own bulk INSERT (a thousand rows a statement) on the treebeard
paths, depths, numchild and url_paths Wagtail would have given them, each article with
the search vector reader search reads (``publications.search_vectors``: the same words and
weights, turned into vectors by PostgreSQL two thousand at a time before the INSERT).
Wagtail's own search index (admin and API search) is not built for them: reader search
does not read it, and it took 60 % of a 200,000-article seed.
Run inside a configured Django (``scripts/bench.py``); deterministic for a given seed.
"""

import datetime
import importlib
import io
import random
import time
from collections.abc import Iterator

from bench_text import GENERAL_WORDS, PLACES, SUBJECTS, TOPICS, paragraph, sentence
from django.core.files.images import ImageFile
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw
from taggit.models import Tag
from wagtail.models import Page
from wagtail.rich_text import RichText

from publications.models import (
    ArticleAuthor,
    ArticlePage,
    ArticleTag,
    Author,
    BulletinIssuePage,
    MagazineIssuePage,
    NewsImage,
    NewspaperEditionPage,
    Programme,
    PublicationPage,
    RelatedArticle,
)
from publications.search_vectors import search_config, searchable_texts

# The migration that made the search vectors' GIN index: the same index, dropped during
# the inserts and built afterwards in one pass, with this much memory.
SEARCH_INDEX = importlib.import_module("publications.migrations.0007_article_search_vector")
INDEX_MEMORY = "256MB"
# Share of the articles and articles per edition, by publication kind.
PLAN = {"koran": (0.5, 25), "majalah": (0.25, 50), "buletin": (0.25, 20)}
TAGS = sorted({*(word for topic in TOPICS.values() for word in topic), *GENERAL_WORDS[:40]})


def chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def picture_file(rng: random.Random, number: int) -> ImageFile:
    width, height = 1600, 1000
    image = Image.new("RGB", (width, height), tuple(rng.randrange(40, 200) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for band in range(0, width, 80):
        draw.rectangle([band, 0, band + 40, height], fill=tuple(rng.randrange(256) for _ in "rgb"))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return ImageFile(buffer, name=f"bench-{number}.jpg")


def copy_rows(model, objects, fields=None) -> None:
    """Write the rows of ``objects`` with PostgreSQL's COPY (psycopg's ``copy``), each value
    prepared as Django's INSERT would (``pre_save``, ``get_db_prep_save``); without ``fields``
    every local column but an automatic id, which the table's default then numbers."""
    if fields is None:
        fields = [field for field in model._meta.local_concrete_fields if not field.primary_key]
    database = connections[DEFAULT_DB_ALIAS]  # not the per-thread proxy, for every value
    columns = ", ".join(database.ops.quote_name(field.column) for field in fields)
    sql = f"COPY {database.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
    with database.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for item in objects:
            copy.write_row(
                [field.get_db_prep_save(field.pre_save(item, True), database) for field in fields]
            )


def insert_pages(pages: list[Page]) -> None:
    """Insert specific pages (the page row, then the specific row), with ids taken from the
    page table's sequence beforehand."""
    model = type(pages[0])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence('wagtailcore_page', 'id'))"
            " FROM generate_series(1, %s)",
            [len(pages)],
        )
        for page, (pk,) in zip(pages, cursor.fetchall(), strict=True):
            page.id = page.page_ptr_id = pk
    copy_rows(Page, pages, Page._meta.local_concrete_fields)
    copy_rows(model, pages, model._meta.local_concrete_fields)


def child(parent: Page, model, position: int, slug: str, **fields) -> Page:
    """An unsaved live page at ``position`` (1-based) under ``parent``, as add_child places it."""
    published = fields.pop("published")
    return model(
        path=model._get_path(parent.path, parent.depth + 1, position),
        depth=parent.depth + 1,
        numchild=0,
        slug=slug,
        url_path=f"{parent.url_path}{slug}/",
        draft_title=fields["title"],
        live=True,
        has_unpublished_changes=False,
        first_published_at=published,
        last_published_at=published,
        locale_id=parent.locale_id,
        **fields,
    )


def edition_fields(kind: str, number: int, day: datetime.date) -> tuple:
    if kind == "koran":
        title = f"Edisi {number} — {day:%d-%m-%Y}"
        return NewspaperEditionPage, f"edisi-{number}", {"date": day, "number": number}, title
    if kind == "majalah":
        fields = {"volume": 1 + number // 12, "number": number, "theme": f"Tema {number}"}
        return MagazineIssuePage, f"vol-{fields['volume']}-no-{number}", fields, f"No. {number}"
    friday = day + datetime.timedelta(days=(4 - day.weekday()) % 7)
    fields = {"date": friday, "theme": "Kebersihan sebagian dari iman", "preacher": "Ustaz Ahmad"}
    return BulletinIssuePage, f"buletin-{number}", fields, f"Buletin {friday:%d-%m-%Y}"


def article_body(rng: random.Random, subject: str, place: str, pictures: list) -> list:
    body = [("paragraph", RichText(f"<p>{paragraph(rng, subject, place)}</p>")) for _ in range(4)]
    if rng.random() < 0.3:
        block = {"image": rng.choice(pictures), "alt_text": "Foto kegiatan", "caption": ""}
        body.insert(2, ("image", block))
    return body


@transaction.atomic
def seed(total: int, rng_seed: int = 8) -> dict:
    """Create ``total`` live articles in editions of the three publications; returns the
    counts and the seconds each phase took (``phases``, in order)."""
    clock = Phases()
    rng = random.Random(rng_seed)
    pictures = [
        NewsImage.objects.create(title=f"Foto {n}", file=picture_file(rng, n), credit="Humas")
        for n in range(30)
    ]
    authors = [
        Author.objects.create(
            name=f"Penulis {n}",
            slug=f"penulis-{n}",
            role="Reporter",
            bio=sentence(rng, rng.choice(SUBJECTS)),
            photo=pictures[n % len(pictures)] if n % 3 == 0 else None,
        )
        for n in range(60)
    ]
    programmes = list(Programme.objects.order_by("pk"))
    tags = Tag.objects.bulk_create([Tag(name=name, slug=slugify(name)) for name in TAGS])
    publications = {page.kind: page for page in PublicationPage.objects.all()}
    start = timezone.now() - datetime.timedelta(days=730)
    clock.done("pictures, authors, tags")

    editions, articles, texts = [], [], []
    for kind, (share, per_edition) in PLAN.items():
        publication = publications[kind]
        count = round(total * share / per_edition)
        for number in range(1, count + 1):
            published = start + datetime.timedelta(minutes=number * 700 * 730 // count)
            day = timezone.localtime(published).date()
            model, slug, fields, title = edition_fields(kind, number, day)
            edition = child(
                publication,
                model,
                number,
                slug,
                title=title,
                cover=rng.choice(pictures),
                published=published,
                **fields,
            )
            edition.numchild = per_edition
            editions.append(edition)
            for position in range(1, per_edition + 1):
                subject, place = rng.choice(SUBJECTS), rng.choice(PLACES)
                title = f"{subject} di {place.replace('-', ' ')}"
                article = child(
                    edition,
                    ArticlePage,
                    position,
                    f"{slugify(title)}-{position}",
                    title=title,
                    kicker=rng.choice(["Berita", "Lingkungan", "Layanan", "Budaya"]),
                    lead=sentence(rng, subject, 24),
                    display_date=day,
                    hero_image=rng.choice(pictures),
                    pillar=rng.choice(["liveable", "investable", "visitable", "e-city"]),
                    body=article_body(rng, subject, place, pictures),
                    published=published + datetime.timedelta(minutes=position),
                    programmes=rng.sample(programmes, rng.randint(1, 2)),
                    tagged_items=[ArticleTag(tag=tag) for tag in rng.sample(tags, 3)],
                )
                article.bylines = rng.sample(authors, rng.randint(1, 3))
                names = [p.name for p in article.programmes.all()]
                names += [item.tag.name for item in article.tagged_items.all()]
                texts.append(searchable_texts(article, names))
                articles.append(article)
        PublicationPage.objects.filter(pk=publication.pk).update(numchild=count)

    clock.done("article objects (Python)")
    attach_vectors(articles, texts)
    clock.done("search vectors (PostgreSQL)")
    with connection.cursor() as cursor:
        cursor.execute(SEARCH_INDEX.DROP)  # built once below, not entry by entry
    for model in (NewspaperEditionPage, MagazineIssuePage, BulletinIssuePage):
        insert_pages([edition for edition in editions if type(edition) is model])
    insert_pages(articles)
    clock.done("page inserts")
    give_live_revisions()
    clock.done("live revisions")
    insert_relations(rng, articles)
    clock.done("relation inserts")
    with connection.cursor() as cursor:
        # The foreign keys are checked at commit; an index is built only once none is pending.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        clock.done("foreign key checks")
        cursor.execute(f"SET LOCAL maintenance_work_mem = '{INDEX_MEMORY}'")
        cursor.execute(SEARCH_INDEX.CREATE)
    clock.done("search index (GIN)")
    return {"editions": len(editions), "articles": len(articles), "phases": clock.phases}


# Every seeded page gets the live revision publishing leaves behind: reader pages key their
# cached fragments (an article's body, a listing's cards) on it. Its content is a stub, as
# no reader page reads it; the admin edits a page without a latest revision from its row.
LIVE_REVISIONS_SQL = """
WITH made AS (
    INSERT INTO wagtailcore_revision
        (created_at, content, object_id, content_type_id, base_content_type_id, object_str)
    SELECT last_published_at, jsonb_build_object('pk', id, 'title', title), id::text,
           content_type_id, %(page_type)s, title
    FROM wagtailcore_page
    WHERE live AND live_revision_id IS NULL AND depth > 3
    RETURNING id, object_id
)
UPDATE wagtailcore_page AS page SET live_revision_id = made.id
FROM made WHERE page.id = made.object_id::integer
"""


def give_live_revisions() -> None:
    from django.contrib.contenttypes.models import ContentType

    page_type = ContentType.objects.get_for_model(Page).pk
    with connection.cursor() as cursor:
        cursor.execute(LIVE_REVISIONS_SQL, {"page_type": page_type})


class Phases:
    """Seconds per phase, each measured from the end of the one before."""

    def __init__(self):
        self.phases: dict[str, float] = {}
        self.last = time.perf_counter()

    def done(self, name: str) -> None:
        now = time.perf_counter()
        self.phases[name] = now - self.last
        self.last = now


# What ``publications.search_vectors.vector_for`` writes, for many articles in one query.
VECTORS_SQL = """
SELECT (setweight(to_tsvector(%(config)s::regconfig, t), 'A')
        || setweight(to_tsvector(%(config)s::regconfig, l), 'B')
        || setweight(to_tsvector(%(config)s::regconfig, r), 'C'))::text
FROM unnest(%(titles)s::text[], %(leads)s::text[], %(rests)s::text[]) WITH ORDINALITY
     AS v(t, l, r, n)
ORDER BY n
"""


def attach_vectors(articles: list[ArticlePage], texts: list[tuple]) -> None:
    """Each article's search vector, computed by PostgreSQL in batches and inserted with
    the row as a value (no expression to compile per row, no UPDATE afterwards)."""
    with connection.cursor() as cursor:
        for batch in chunks(list(zip(articles, texts, strict=True)), 2000):
            titles, leads, rests = zip(*(text for _article, text in batch), strict=True)
            params = {"config": search_config(), "titles": list(titles)}
            params.update(leads=list(leads), rests=list(rests))
            cursor.execute(VECTORS_SQL, params)
            for (article, _text), (vector,) in zip(batch, cursor.fetchall(), strict=True):
                article.search_vector = vector


def insert_relations(rng: random.Random, articles: list[ArticlePage]) -> None:
    through = ArticlePage.programmes.through
    copy_rows(
        through,
        (
            through(articlepage_id=article.pk, programme_id=programme.pk)
            for article in articles
            for programme in article.programmes.all()
        ),
    )
    copy_rows(
        ArticleTag,
        (
            ArticleTag(content_object_id=article.pk, tag_id=item.tag_id)
            for article in articles
            for item in article.tagged_items.all()
        ),
    )
    copy_rows(
        ArticleAuthor,
        (
            ArticleAuthor(page_id=article.pk, author_id=author.pk, sort_order=position)
            for article in articles
            for position, author in enumerate(article.bylines)
        ),
    )
    copy_rows(
        RelatedArticle,
        (
            RelatedArticle(page_id=article.pk, article_id=articles[rng.randrange(index)].pk)
            for index, article in enumerate(articles)
            if index and rng.random() < 0.5
        ),
    )


# The properties of a treebeard materialised-path tree that Wagtail relies on, each counted
# over the whole page table in one aggregate (treebeard's ``find_problems`` walks every node
# in Python with queries per node, and did not finish above 20,000 articles). Each parent is
# found by cutting the last step off a path (4 characters, Wagtail's steplen).
TREE_CHECKS = {
    "bad characters in path": "SELECT count(*) FROM wagtailcore_page WHERE path !~ '^[0-9A-Z]+$'",
    "bad path length": "SELECT count(*) FROM wagtailcore_page WHERE length(path) % 4 <> 0",
    "wrong depth": "SELECT count(*) FROM wagtailcore_page WHERE depth <> length(path) / 4",
    "duplicate paths": "SELECT count(*) - count(DISTINCT path) FROM wagtailcore_page",
    "orphans": """
        SELECT count(*) FROM wagtailcore_page child
        LEFT JOIN wagtailcore_page parent ON parent.path = left(child.path, -4)
        WHERE child.depth > 1 AND parent.id IS NULL""",
    "wrong numchild": """
        SELECT count(*) FROM wagtailcore_page parent
        LEFT JOIN (SELECT left(path, -4) AS path, count(*) AS found FROM wagtailcore_page
                   WHERE depth > 1 GROUP BY 1) children ON children.path = parent.path
        WHERE parent.numchild <> coalesce(children.found, 0)""",
    "wrong url_path": """
        SELECT count(*) FROM wagtailcore_page child
        JOIN wagtailcore_page parent ON parent.path = left(child.path, -4)
        WHERE child.depth > 2 AND child.url_path <> parent.url_path || child.slug || '/'""",
}


def tree_problems() -> list[str]:
    """What a fixtree would have to repair (and url_paths Wagtail would not have given),
    as readable lines: one aggregate query per property, whatever the number of pages."""
    problems = []
    with connection.cursor() as cursor:
        for name, sql in TREE_CHECKS.items():
            cursor.execute(sql)
            (count,) = cursor.fetchone()
            if count:
                problems.append(f"{name}: {count} pages")
    return problems


def vacuum_analyze() -> None:
    """Fresh planner statistics and visibility map, as autovacuum would have made after a
    bulk load (a count from the search index then needs no row)."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
