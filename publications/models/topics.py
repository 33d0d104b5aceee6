"""What articles are about and who wrote them: pillars, programmes and authors."""

import functools

from django.conf import settings
from django.db import models
from django.urls import get_script_prefix, get_urlconf, reverse
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Pillar(models.TextChoices):
    """The four pillars of the Tangerang LIVE brand."""

    LIVEABLE = "liveable", "Liveable"
    INVESTABLE = "investable", "Investable"
    VISITABLE = "visitable", "Visitable"
    E_CITY = "e-city", "E-City"


def topic_url(route: str, slug: str) -> str:
    """The URL of a topic page (``topic_pillar``, ``topic_programme``, ``topic_author``).

    Remembered per URL configuration and prefix: a page's header, bylines and chips ask
    for the same few on every view, and ``reverse`` is among the costlier template steps.
    """
    return _reverse_topic(route, slug, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())


@functools.lru_cache(maxsize=4096)
def _reverse_topic(route: str, slug: str, urlconf: str, prefix: str) -> str:
    return reverse(route, args=[slug], urlconf=urlconf)


class Programme(index.Indexed, models.Model):
    """A city programme (Tangerang Hijau, Usir Banjir…) that articles and campaigns report on."""

    name = models.CharField("nama", max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    pillar = models.CharField("pilar", max_length=20, choices=Pillar.choices, blank=True)
    description = models.TextField("deskripsi", blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("pillar"),
        FieldPanel("description"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = "program"
        verbose_name_plural = "program"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return topic_url("topic_programme", self.slug)


class Author(index.Indexed, models.Model):
    """A writer or photographer credited on articles; one author can write for every publication."""

    name = models.CharField("nama", max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    role = models.CharField("jabatan", max_length=120, blank=True)
    photo = models.ForeignKey(
        "publications.NewsImage",
        verbose_name="foto",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField("biografi", blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("photo"),
        FieldPanel("bio"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = "penulis"
        verbose_name_plural = "penulis"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return topic_url("topic_author", self.slug)
