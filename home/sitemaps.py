"""Sitemap sections: the page tree (Wagtail's) and the topic pages outside it."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap as PageSitemap

from publications.models import Author, Pillar, Programme


class TopicSitemap(Sitemap):
    """Programme, pillar and author pages: landing pages readers arrive at from search engines."""

    changefreq = "daily"

    def items(self):
        pillars = [("topic_pillar", value) for value in Pillar.values]
        programmes = [
            ("topic_programme", slug) for slug in Programme.objects.values_list("slug", flat=True)
        ]
        authors = [("topic_author", slug) for slug in Author.objects.values_list("slug", flat=True)]
        return pillars + programmes + authors

    # On PUBLIC_BASE_URL like the page entries (from the Site, see home.public_site), not on
    # whatever host the request came in by.
    def get_protocol(self, protocol=None):
        return urlsplit(settings.PUBLIC_BASE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.PUBLIC_BASE_URL).netloc

    def location(self, item):
        name, slug = item
        return reverse(name, args=[slug])


SITEMAPS = {"pages": PageSitemap, "topics": TopicSitemap}
