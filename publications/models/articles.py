"""The article: what readers read, the app fetches and campaigns promote."""

from collections.abc import Callable
from typing import Any, ClassVar

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from rest_framework.fields import CharField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, TitleFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index

from core.sql import column, table
from publications import api_fields
from publications.blocks import ArticleBodyBlock
from publications.checks import SubmitDespiteChecksPanel
from publications.corrections import published_corrections, silently_changed_corrections
from publications.forms import ArticlePageForm

from .publications import PublicationPage
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
    # The live row's words for reader search (``publications.search_vectors``); GIN-indexed
    # on PostgreSQL by its migration (article_search_vector), empty elsewhere.
    search_vector = SearchVectorField(null=True, editable=False)

    content_panels = [
        # Shown only after a submit stopped on publishing checks (``ArticlePageForm``).
        SubmitDespiteChecksPanel("submit_despite_checks"),
        FieldPanel("kicker"),
        # TitleFieldPanel keeps the slug in step with the headline as the editor types.
        TitleFieldPanel("title", heading="Judul (headline)"),
        FieldPanel("lead"),
        InlinePanel("authors", label="Penulis", heading="Penulis"),
        FieldPanel("display_date"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_caption")], heading="Foto utama"
        ),
        # On the content tab: an editor sets the topics while writing, not as an afterthought.
        MultiFieldPanel(
            [FieldPanel("pillar"), FieldPanel("programmes"), FieldPanel("tags")],
            heading="Topik",
        ),
        FieldPanel("body"),
        InlinePanel("corrections", label="Koreksi", heading="Koreksi"),
    ]
    promote_panels = [
        *Page.promote_panels,
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
    api_fields = [
        APIField("headline", serializer=api_fields.HeadlineField()),
        APIField("kicker"),
        APIField("lead"),
        APIField("display_date"),
        APIField("publication", serializer=api_fields.PublicationField(PublicationPage)),
        APIField("pillar"),
        APIField("programmes", serializer=api_fields.ProgrammesField()),
        APIField("authors", serializer=api_fields.BylinesField()),
        APIField("hero_image"),
        *(
            APIField(name, serializer=api_fields.RenditionField(spec, source="hero_image"))
            for name, spec in api_fields.HERO_SIZES.items()
        ),
        APIField("hero_caption", serializer=CharField(source="caption", read_only=True)),
        APIField(
            "hero_credit",
            serializer=CharField(source="hero_image.credit", read_only=True, allow_null=True),
        ),
        APIField("body", serializer=api_fields.StreamHTMLField()),
        APIField("tags", serializer=api_fields.TagNamesField()),
        APIField("corrections", serializer=api_fields.CorrectionsField()),
        APIField("related_articles", serializer=api_fields.RelatedArticlesField()),
    ]

    parent_page_types = [
        "publications.NewspaperEditionPage",
        "publications.MagazineIssuePage",
        "publications.BulletinIssuePage",
    ]
    subpage_types: list[str] = []
    base_form_class = ArticlePageForm

    class Meta:
        verbose_name = "artikel"
        verbose_name_plural = "artikel"

    def clean(self):
        """Backstop for every path that skips the admin form: published corrections stay."""
        super().clean()
        published = published_corrections(self)
        if published:
            kept = [(c.pk, c.date, c.note) for c in self.corrections.all()]
            if messages := silently_changed_corrections(published, kept):
                raise ValidationError(messages)

    @property
    def headline(self) -> str:
        return self.title

    # What the article template shows is gathered by ``publications.article_context``,
    # which reads the cached parts and cards (they stand above the models): set at start-up.
    gather_context: ClassVar[Callable[..., dict[str, Any]]]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        return ArticlePage.gather_context(self, request, context)

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        parts = (getattr(response, "context_data", None) or {}).get("article_parts")
        if parts is not None and hasattr(response, "add_post_render_callback"):
            response.add_post_render_callback(lambda rendered: parts.keep())
        return response

    def edition_link(self, request) -> tuple[str, str] | None:
        """(title, url) of the article's edition for the breadcrumb. The title comes with
        the article when routing fetched it (``edition_title``); a preview asks for it."""
        title = getattr(self, "edition_title", None)
        if title is None:
            parent = self.get_parent() if self.pk else None
            title = parent.title if parent else None
        url = self.get_url(request) if self.pk else None
        if not title or not url:
            return None
        return title, url[: url.rstrip("/").rfind("/") + 1]

    def related_article_ids(self) -> list[int]:
        """The ids of the articles an editor linked, in their order."""
        links = sorted(
            self.related_links.order_by().values_list("sort_order", "article_id"),
            key=lambda link: link[0] or 0,
        )
        return [article_id for _position, article_id in links]

    def get_view_restrictions(self):
        """Wagtail's rule (restrictions on the page, its ancestors, or the pages they are
        aliases of) in one query instead of two: the ancestors are known from the path.

        No query at all when the page was fetched with ``view_restricted`` (as routing
        does) and nothing restricts it.
        """
        if getattr(self, "view_restricted", None) is False:
            return PageViewRestriction.objects.none()
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        sources = (
            Page.objects.filter(path__in=paths)
            .annotate(source=Coalesce("alias_of_id", "id"))
            .values("source")
        )
        return PageViewRestriction.objects.filter(page_id__in=sources)

    @property
    def caption(self) -> str:
        if self.hero_caption:
            return self.hero_caption
        return self.hero_image.caption if self.hero_image else ""


def view_restricted() -> RawSQL:
    """Whether a view restriction applies to the page a query fetches: one on the page, on
    an ancestor, or on a page either of them is an alias of (Wagtail's rule), as a
    condition of that query, so serving the page needs no query of its own.

    Written in SQL because the ORM takes longer to compile the same condition than the
    separate query it replaces; the ancestors are the pages whose path starts the page's.
    """
    page, restriction = table(Page), table(PageViewRestriction)
    restricted, alias_of = column(PageViewRestriction, "page"), column(Page, "alias_of")
    # Only names from the models go into the SQL; it takes no parameters.
    return RawSQL(  # noqa: S611
        f"EXISTS (SELECT 1 FROM {restriction} r INNER JOIN {page} a"  # noqa: S608
        f" ON (a.id = r.{restricted} OR a.{alias_of} = r.{restricted})"
        f" AND r.{restricted} = COALESCE(a.{alias_of}, a.id)"
        f" WHERE a.path = SUBSTR({page}.path, 1, LENGTH(a.path)))",
        (),
        output_field=models.BooleanField(),
    )


def edition_title() -> RawSQL:
    """The title of the article's edition (its parent page), as a column of the query that
    fetches the article, for the breadcrumb: no query of its own.

    In SQL for the same reason as ``view_restricted``: the ORM's subquery took longer to
    compile (0.4 ms, on every article request) than the database takes to answer it.
    """
    page, title = table(Page), column(Page, "title")
    # Only names from the models go into the SQL; the path step is a parameter.
    return RawSQL(  # noqa: S611
        f"(SELECT e.{title} FROM {page} e"  # noqa: S608
        f" WHERE e.path = SUBSTR({page}.path, 1, LENGTH({page}.path) - %s) LIMIT 1)",
        (Page.steplen,),
        output_field=models.CharField(),
    )


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
