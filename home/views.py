"""Reader-facing views outside the page tree: search, topic pages and the date archive."""

import calendar
import datetime

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from publications.models import ArticlePage, Author, Pillar, Programme, PublicationPage

PER_PAGE = 12


def live_articles():
    return (
        ArticlePage.objects.live()
        .public()
        .select_related("hero_image")
        .order_by("-display_date", "-first_published_at")
    )


def _topic(request, title, articles, description=""):
    page_obj = Paginator(articles, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "home/topic_page.html",
        {"topic_title": title, "topic_description": description, "articles": page_obj},
    )


@require_GET
def programme_topic(request, slug):
    programme = get_object_or_404(Programme, slug=slug)
    return _topic(
        request,
        programme.name,
        live_articles().filter(programmes=programme),
        programme.description,
    )


@require_GET
def pillar_topic(request, slug):
    if slug not in Pillar.values:
        raise Http404("Pilar tidak dikenal")
    return _topic(request, f"Pilar {Pillar(slug).label}", live_articles().filter(pillar=slug))


@require_GET
def author_topic(request, slug):
    author = get_object_or_404(Author, slug=slug)
    return _topic(request, author.name, live_articles().filter(authors__author=author), author.bio)


@require_GET
def archive(request, year, month=None):
    if not 2000 <= year <= 2100 or (month is not None and not 1 <= month <= 12):
        raise Http404("Arsip tidak ditemukan")
    start = datetime.date(year, month or 1, 1)
    end = (
        datetime.date(year, month, calendar.monthrange(year, month)[1])
        if month
        else datetime.date(year, 12, 31)
    )
    title = f"Arsip {start:%m/%Y}" if month else f"Arsip {year}"
    return _topic(request, title, live_articles().filter(display_date__range=(start, end)))


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    publications = PublicationPage.objects.live().order_by("path")
    articles = live_articles()
    publication_slug = request.GET.get("publikasi", "")
    publication = publications.filter(slug=publication_slug).first() if publication_slug else None
    if publication:
        articles = articles.descendant_of(publication)
    pillar = request.GET.get("pilar", "")
    if pillar in Pillar.values:
        articles = articles.filter(pillar=pillar)
    results = articles.search(query) if query else articles.none()
    page_obj = Paginator(results, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "home/search.html",
        {
            "query": query,
            "results": page_obj,
            "publications": publications,
            "pillars": Pillar.choices,
            "selected_publication": publication,
            "selected_pillar": pillar if pillar in Pillar.values else "",
        },
    )


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /cari/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
