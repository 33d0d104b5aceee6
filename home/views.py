"""Reader-facing views outside the page tree: search, topic pages and the date archive.

Every listing is a queryset paginated in SQL, fetched in a fixed number of queries
whatever the number of articles; nonsense in ``?page=`` gives the first page, and a number
past the last one a 404.
"""

import calendar
import datetime

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET
from wagtail import views as wagtail_views

from core.pagination import KeptCount, page_or_404
from core.restrictions import public
from core.sites import with_site
from publications.cards import cards, keyed
from publications.models import ArticlePage, Author, Pillar, Programme
from publications.models.images import CARD_RENDITION_SPECS, renditions_of
from publications.templatetags.news_tags import publication_nav_items

from .search import (
    attach_excerpts,
    clean_query,
    find_articles,
    page_articles,
    planned_for_its_terms,
    result_cards,
)

PER_PAGE = 12
TOPIC_COUNT_SECONDS = 86400
ARCHIVE_YEARS = range(2000, 2101)


def live_articles(request: HttpRequest) -> QuerySet:
    """Live, public articles of all three publications, newest first, with their hero images."""
    return (
        public(ArticlePage.objects.live(), request)
        .select_related("hero_image")
        .prefetch_related(renditions_of("hero_image", CARD_RENDITION_SPECS))
        .defer("search_vector")
        .order_by("-display_date", "-first_published_at", "-id")
    )


def paginate(request: HttpRequest, items, count: KeptCount | None = None) -> PaginatorPage:
    """One page of ``items`` in SQL; nonsense in ``?page=`` gives the first page, a number
    past the last page a 404. ``count``: the total, kept (``core.pagination``)."""
    return page_or_404(items, PER_PAGE, request.GET.get("page"), count=count)


def _topic(request, title, articles, *, kind, description="", **context):
    # The total is kept as long as this page's cached copy would be (core.pagination).
    count = KeptCount(articles, request.path, TOPIC_COUNT_SECONDS)
    page_obj = paginate(request, keyed(articles, "hero_image"), count)
    page_obj.object_list = list(page_obj.object_list)
    # The first card's picture is above the fold on a phone: not lazily loaded.
    variables = [{"image_loading": "eager"} if n == 0 else {} for n in range(len(page_obj))]
    article_cards = cards(
        request,
        page_obj.object_list,
        articles,
        template="components/article_card_body.html",
        name="teaser",
        variables=variables,
    )
    return render(
        request,
        "home/topic_page.html",
        {
            "topic_title": title,
            "topic_description": description,
            "topic_kind": kind,
            "articles": page_obj,
            "article_cards": article_cards,
            **context,
        },
    )


# Wagtail's page view, with the request's site from the cache instead of two queries.
serve_page = with_site(wagtail_views.serve)


@require_GET
@with_site
def programme_topic(request, slug):
    programme = get_object_or_404(Programme, slug=slug)
    return _topic(
        request,
        programme.name,
        live_articles(request).filter(programmes=programme),
        kind="programme",
        description=programme.description,
        programme=programme,
    )


@require_GET
@with_site
def pillar_topic(request, slug):
    if slug not in Pillar.values:
        raise Http404("Pilar tidak dikenal")
    pillar = Pillar(slug)
    return _topic(
        request,
        f"Pilar {pillar.label}",
        live_articles(request).filter(pillar=slug),
        kind="pillar",
        pillar=pillar,
        programmes=Programme.objects.filter(pillar=slug),
    )


@require_GET
@with_site
def author_topic(request, slug):
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    return _topic(
        request,
        author.name,
        live_articles(request).filter(authors__author=author),
        kind="author",
        description=author.bio,
        author=author,
    )


@require_GET
@with_site
def archive(request, year, month=None):
    if year not in ARCHIVE_YEARS or (month is not None and not 1 <= month <= 12):
        raise Http404("Arsip tidak ditemukan")
    start = datetime.date(year, month or 1, 1)
    end = (
        datetime.date(year, month, calendar.monthrange(year, month)[1])
        if month
        else datetime.date(year, 12, 31)
    )
    title = f"Arsip {start:%m/%Y}" if month else f"Arsip {year}"
    return _topic(
        request,
        title,
        live_articles(request).filter(display_date__range=(start, end)),
        kind="archive",
        archive_year=year,
        archive_month=month,
        # The months that have articles, newest first, for an archive index (one query).
        archive_months=public(ArticlePage.objects.live(), request).dates(
            "display_date", "month", order="DESC"
        ),
    )


@require_GET
@with_site
def search(request):
    query = clean_query(request.GET.get("q", ""))
    # The live, public publications from the navigation's cache entry: no query.
    publications = publication_nav_items(request)
    articles = live_articles(request)
    publication_slug = request.GET.get("publikasi", "")
    publication = next((item for item in publications if item.slug == publication_slug), None)
    if publication:
        articles = articles.filter(path__startswith=publication.path)
    pillar = request.GET.get("pilar", "")
    if pillar not in Pillar.values:
        pillar = ""
    if pillar:
        articles = articles.filter(pillar=pillar)
    with planned_for_its_terms():
        found = find_articles(articles, query)
        page_obj = paginate(request, found.results)
        # What the cards' keys read, and the words the excerpts are cut from.
        rows = keyed(ArticlePage.objects.all(), "hero_image", "lead", "body")
        page_obj.object_list = page_articles(page_obj.object_list, rows)
        attach_excerpts(page_obj.object_list, query)
    return render(
        request,
        "home/search.html",
        {
            "query": query,
            "results": page_obj,
            "result_cards": result_cards(request, page_obj.object_list, articles),
            "publications": publications,
            "pillars": Pillar.choices,
            "selected_publication": publication,
            "selected_pillar": pillar,
            "more_results": found.more,
            "candidates": found.limit,
        },
    )


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /cari/",
        "Disallow: /api/",
        f"Sitemap: {settings.PUBLIC_BASE_URL}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
