"""RSS 2.0 and Atom feeds: one of each for the whole site and for each publication.

Items carry title, absolute link, lead, publication date, a stable guid, the authors, the
pillar and programmes as categories, and the hero image as an enclosure (the library's
original file, whose size is stored: no rendition to make); all of it is fetched in a fixed
number of queries.
"""

import mimetypes

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape

from .models import ArticleAuthor, ArticlePage, Pillar, PublicationPage

FEED_LENGTH = 30


def public_url(url: str) -> str:
    """An absolute URL on ``PUBLIC_BASE_URL`` (Django would take the request's host)."""
    if url.startswith(("http://", "https://")):
        return url
    return settings.PUBLIC_BASE_URL + url


class SiteFeed(Feed):
    feed_type = Rss201rev2Feed
    title = "Benteng — berita Pemerintah Kota Tangerang"
    description = "Artikel terbaru dari Koran Kota Benteng, Majalah LIVE dan Buletin Jumat."
    language = "id"

    def link(self, obj=None):
        return public_url("/")

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed["feed_url"] = public_url(request.path)  # the feed's own atom:link
        return feed

    def articles(self, obj=None):
        articles = ArticlePage.objects.live().public()
        if obj is not None:
            articles = articles.descendant_of(obj)
        return (
            articles.select_related("hero_image")
            .prefetch_related(
                Prefetch(
                    "authors",
                    queryset=ArticleAuthor.objects.select_related("author").order_by("sort_order"),
                    to_attr="feed_bylines",
                ),
                Prefetch("programmes", to_attr="feed_programmes"),
            )
            .order_by("-first_published_at", "-id")[:FEED_LENGTH]
        )

    def items(self, obj=None):
        return self.articles(obj)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # RSS descriptions are HTML; the lead is plain text, so it goes in escaped.
        return escape(item.lead)

    def item_link(self, item):
        return public_url(item.get_url())

    def item_guid(self, item):
        # The page's own UUID: stays the same when the slug or the edition changes.
        return f"urn:uuid:{item.translation_key}"

    item_guid_is_permalink = False

    def item_author_name(self, item):
        return ", ".join(byline.author.name for byline in item.feed_bylines) or None

    def item_categories(self, item):
        categories = [Pillar(item.pillar).label] if item.pillar else []
        return categories + [programme.name for programme in item.feed_programmes]

    def item_enclosures(self, item):
        image = item.hero_image
        if image is None or not image.file:
            return []
        url = image.file.url
        if url.startswith("/"):
            url = settings.PUBLIC_BASE_URL.rstrip("/") + url
        mime_type = mimetypes.guess_type(image.file.name)[0] or "image/jpeg"
        return [Enclosure(url, str(image.file_size or 0), mime_type)]

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class PublicationFeed(SiteFeed):
    def get_object(self, request, slug):
        return get_object_or_404(PublicationPage.objects.live().public(), slug=slug)

    def title(self, obj):
        return obj.title

    def link(self, obj):
        return public_url(obj.get_url())

    def description(self, obj):
        return f"Artikel terbaru dari {obj.title}."


class SiteAtomFeed(SiteFeed):
    feed_type = Atom1Feed
    subtitle = SiteFeed.description


class PublicationAtomFeed(PublicationFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
