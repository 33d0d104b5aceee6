"""The article: what readers read, the app fetches and campaigns promote."""

from django.db import models
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from publications.blocks import ArticleBodyBlock

from .topics import Pillar


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey("publications.ArticlePage", related_name="tagged_items")


class ArticlePage(Page):
    """A news story, feature or column in one edition of a publication.

    Its pillar, programmes, authors and tags let topic pages gather it together with
    articles from the other publications.
    """

    kicker = models.CharField("kicker", max_length=120, blank=True)
    lead = models.TextField("lead (dek)", max_length=600)
    display_date = models.DateField("tanggal tampil", default=timezone.localdate, db_index=True)
    hero_image = models.ForeignKey(
        "publications.NewsImage",
        verbose_name="foto utama",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_caption = models.CharField(
        "keterangan foto utama",
        max_length=500,
        blank=True,
        help_text="Kosongkan untuk memakai keterangan dari pustaka gambar.",
    )
    body = StreamField(ArticleBodyBlock(), verbose_name="isi", blank=True)
    pillar = models.CharField(
        "pilar LIVE", max_length=20, choices=Pillar.choices, blank=True, db_index=True
    )
    programmes = ParentalManyToManyField(
        "publications.Programme",
        verbose_name="program",
        blank=True,
        related_name="articles",
    )
    tags = ClusterTaggableManager("tag", through=ArticleTag, blank=True)

    content_panels = [
        FieldPanel("kicker"),
        FieldPanel("title", heading="Judul (headline)"),
        FieldPanel("lead"),
        InlinePanel("authors", label="Penulis", heading="Penulis"),
        FieldPanel("display_date"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_caption")], heading="Foto utama"
        ),
        FieldPanel("body"),
        InlinePanel("corrections", label="Koreksi", heading="Koreksi"),
    ]
    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel(
            [FieldPanel("pillar"), FieldPanel("programmes"), FieldPanel("tags")],
            heading="Topik",
        ),
        InlinePanel("related_links", label="Artikel terkait", heading="Artikel terkait"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("kicker"),
        index.SearchField("lead", boost=1.5),
        index.SearchField("body"),
        index.FilterField("pillar"),
        index.FilterField("display_date"),
        index.RelatedFields("programmes", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    parent_page_types = [
        "publications.NewspaperEditionPage",
        "publications.MagazineIssuePage",
        "publications.BulletinIssuePage",
    ]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "artikel"
        verbose_name_plural = "artikel"

    @property
    def headline(self) -> str:
        return self.title

    def get_context(self, request, *args, **kwargs):
        """Everything the article template shows, fetched in a fixed number of queries."""
        context = super().get_context(request, *args, **kwargs)
        context.update(
            authors=[
                byline.author
                for byline in self.authors.select_related("author__photo").order_by("sort_order")
            ],
            programmes=list(self.programmes.all()),
            tags=list(self.tags.all()),
            related_articles=[
                link.article
                for link in self.related_links.select_related("article__hero_image").filter(
                    article__live=True
                )
            ],
            corrections=list(self.corrections.order_by("date")),
        )
        return context

    @property
    def caption(self) -> str:
        if self.hero_caption:
            return self.hero_caption
        return self.hero_image.caption if self.hero_image else ""


class ArticleAuthor(Orderable):
    """An author's byline on an article, in the order the byline reads."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="authors")
    author = models.ForeignKey(
        "publications.Author",
        verbose_name="penulis",
        on_delete=models.PROTECT,
        related_name="+",
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        unique_together = [("page", "author")]


class RelatedArticle(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_links")
    article = models.ForeignKey(
        ArticlePage, verbose_name="artikel", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("article")]


class ArticleCorrection(Orderable):
    """A dated correction note. Once published it stays: editors may add, never silently remove."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="corrections")
    date = models.DateTimeField("waktu koreksi", default=timezone.now)
    note = models.TextField("isi koreksi")

    panels = [FieldPanel("date"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = "koreksi"
        verbose_name_plural = "koreksi"
