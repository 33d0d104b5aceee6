"""Which URL paths show a page: what to purge from the page cache and the CDN when it changes.

Wagtail purges only the changed page itself; a newsroom needs every listing that shows it
purged too: its edition and publication, the home page, its topic pages, the date
archive, the feeds, the sitemap, search and the API. ``paths_showing`` reads the database
as it is *now*, so callers take one reading before a change and one after it and purge
both (a moved article leaves its old edition; a re-tagged one leaves its old programme).

Purges run when the transaction commits — never before, or a reader could re-cache the
old page in between — and all purges of one transaction go out as one batch
(``core.pagecache.schedule_purge``).
"""

from collections.abc import Iterable

from django.urls import reverse
from wagtail.models import Page, Site

# Pages that list or index every article.
SITEWIDE_PATHS = frozenset({"/", "/rss/", "/sitemap.xml", "/cari/", "/api/v2/pages/"})


def public_paths(url_path: str, cached_paths: Iterable[str] = ("/",)) -> set[str]:
    """The paths readers use for a page's ``url_path`` on every site that contains it."""
    paths = set()
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path):
            base = url_path[len(root.root_path) - 1 :]
            paths.update(base + cached.lstrip("/") for cached in cached_paths)
    return paths


def api_detail_path(page_id: int) -> str:
    """The page in the city API (purged with the page: ``publications.api_items`` keeps
    its listing items by the purges of this path)."""
    return f"/api/v2/pages/{page_id}/"


def _page_paths(page: Page, cached_paths: Iterable[str] = ("/",)) -> set[str]:
    return {*public_paths(page.url_path, cached_paths), api_detail_path(page.pk)}


def archive_paths(date) -> set[str]:
    """The date archive pages for a display date, in both spellings of the month."""
    return {
        reverse("archive_year", args=[date.year]),
        reverse("archive_month", args=[date.year, date.month]),
        f"/arsip/{date.year}/{date.month:02d}/",
    }


def article_paths(article_id: int) -> set[str]:
    """Topic and archive pages that list an article, and articles that link to it."""
    from .models import ArticleAuthor, ArticlePage, Programme, RelatedArticle

    row = ArticlePage.objects.filter(pk=article_id).values("pillar", "display_date").first()
    if row is None:
        return set()
    paths = archive_paths(row["display_date"]) if row["display_date"] else set()
    if row["pillar"]:
        paths.add(reverse("topic_pillar", args=[row["pillar"]]))
    paths.update(
        reverse("topic_programme", args=[slug])
        for slug in Programme.objects.filter(articles=article_id).values_list("slug", flat=True)
    )
    paths.update(
        reverse("topic_author", args=[slug])
        for slug in ArticleAuthor.objects.filter(page_id=article_id).values_list(
            "author__slug", flat=True
        )
    )
    for page_id, url_path in RelatedArticle.objects.filter(article_id=article_id).values_list(
        "page_id", "page__url_path"
    ):
        paths.update(public_paths(url_path))
        paths.add(api_detail_path(page_id))
    return paths


def paths_showing(page: Page) -> set[str]:
    """Every path whose content includes ``page`` as the database holds it now."""
    from .models import ArticlePage

    page = page.specific_deferred
    paths = set(SITEWIDE_PATHS) | _page_paths(page, page.get_cached_paths())
    for ancestor in page.get_ancestors().filter(depth__gt=1):
        paths |= _page_paths(ancestor, ancestor.specific_deferred.get_cached_paths())
    publication_slug = next(
        (part for path in public_paths(page.url_path) for part in path.split("/") if part), None
    )
    if publication_slug:
        paths.add(reverse("feed_publication", args=[publication_slug]))
    # Pages below an edition show its name; the home page and publications purge everything.
    if page.numchild and not shows_everything(page):
        for descendant in page.get_descendants().only("id", "url_path"):
            paths |= _page_paths(descendant)
    if isinstance(page, ArticlePage):
        paths |= article_paths(page.pk)
    return paths


def shows_everything(page: Page) -> bool:
    """The home page and the publications appear around every page (navigation, breadcrumbs)."""
    return page.depth <= 3
