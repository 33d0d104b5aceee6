"""Sitemap sections: the page tree (Wagtail's) and the topic pages outside it."""

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

    def location(self, item):
        name, slug = item
        return reverse(name, args=[slug])


SITEMAPS = {"pages": PageSitemap, "topics": TopicSitemap}
