"""RSS 2.0 feeds: one for the whole site and one per publication."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Rss201rev2Feed

from .models import ArticlePage, PublicationPage

FEED_LENGTH = 30


class SiteFeed(Feed):
    feed_type = Rss201rev2Feed
    title = "Benteng — berita Pemerintah Kota Tangerang"
    link = "/"
    description = "Artikel terbaru dari Koran Kota Benteng, Majalah LIVE dan Buletin Jumat."
    language = "id"

    def articles(self, obj=None):
        articles = ArticlePage.objects.live().public()
        if obj is not None:
            articles = articles.descendant_of(obj)
        return articles.order_by("-first_published_at")[:FEED_LENGTH]

    def items(self, obj=None):
        return self.articles(obj)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return item.get_url()

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class PublicationFeed(SiteFeed):
    def get_object(self, request, slug):
        return get_object_or_404(PublicationPage.objects.live(), slug=slug)

    def title(self, obj):
        return obj.title

    def link(self, obj):
        return obj.get_url()

    def description(self, obj):
        return f"Artikel terbaru dari {obj.title}."
