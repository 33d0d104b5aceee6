"""What articles are about and who wrote them: pillars, programmes and authors."""

from django.db import models
from django.urls import reverse
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Pillar(models.TextChoices):
    """The four pillars of the Tangerang LIVE brand."""

    LIVEABLE = "liveable", "Liveable"
    INVESTABLE = "investable", "Investable"
    VISITABLE = "visitable", "Visitable"
    E_CITY = "e-city", "E-City"


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
        return reverse("topic_programme", args=[self.slug])


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
        return reverse("topic_author", args=[self.slug])
