"""Editions: a dated Koran, a numbered Majalah, a Friday Buletin."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Subquery
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from core.restrictions import public
from publications import api_fields

from .images import TOC_RENDITION_SPECS, renditions_of
from .publications import PublicationKind, PublicationPage

FRIDAY = 4


class EditionPage(Page):
    """Shared fields and behaviour of the three edition types (abstract)."""

    cover = models.ForeignKey(
        "publications.NewsImage",
        verbose_name="sampul",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    publication_kind: str = ""
    cover_api_fields = [
        APIField("publication", serializer=api_fields.PublicationField(PublicationPage)),
        APIField("cover"),
        *(
            APIField(name, serializer=api_fields.RenditionField(spec, source="cover"))
            for name, spec in api_fields.COVER_SIZES.items()
        ),
    ]
    parent_page_types = ["publications.PublicationPage"]
    subpage_types = ["publications.ArticlePage"]

    class Meta:
        abstract = True

    @classmethod
    def can_create_at(cls, parent):
        """An edition type belongs to one kind of publication only."""
        return super().can_create_at(parent) and (
            getattr(parent.specific_deferred, "kind", None) == cls.publication_kind
        )

    @staticmethod
    def latest_ids_per_publication(request=None):
        """The ids of the newest live edition of each publication (the home page's)."""
        newest = (
            public(Page.objects.live(), request)
            .filter(path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1)
            .order_by("-first_published_at")
            .values("pk")[:1]
        )
        # No ``public()`` here (one more query for the view restrictions): an edition of a
        # private publication is not public, so ``newest`` finds none for it.
        return (
            PublicationPage.objects.live()
            .annotate(latest=Subquery(newest))
            .values_list("latest", flat=True)
        )

    def articles(self, request=None):
        """Its live, public articles in order, with what a table-of-contents card shows
        (the cards are cached: ``{% toc_cards %}``)."""
        from .articles import ArticlePage

        return (
            public(ArticlePage.objects.live(), request)
            .child_of(self)
            .order_by("path")
            .select_related("hero_image")
            .prefetch_related(renditions_of("hero_image", TOC_RENDITION_SPECS))
            .defer("search_vector")
        )


class NewspaperEditionPage(EditionPage):
    """A dated edition of Koran Kota Benteng, with its e-paper PDF."""

    date = models.DateField("tanggal terbit")
    number = models.PositiveIntegerField("nomor edisi")
    epaper = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="e-paper (PDF)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("date"), FieldPanel("number")], heading="Edisi"),
        FieldPanel("cover"),
        FieldPanel("epaper"),
    ]
    search_fields = [*Page.search_fields, index.FilterField("date")]
    api_fields = [
        APIField("date"),
        APIField("number"),
        *EditionPage.cover_api_fields,
        APIField("epaper"),
        APIField("epaper_url", serializer=api_fields.DocumentURLField(source="epaper")),
    ]
    publication_kind = PublicationKind.KORAN
    template = "publications/edition_page.html"

    class Meta:
        verbose_name = "edisi koran"
        verbose_name_plural = "edisi koran"

    def clean(self):
        super().clean()
        from publications.uploads import validate_epaper_document

        if self.epaper_id:
            validate_epaper_document(self.epaper, field="epaper")


class MagazineIssuePage(EditionPage):
    """A numbered issue of Majalah LIVE, with its theme and an optional PDF."""

    volume = models.PositiveIntegerField("volume")
    number = models.PositiveIntegerField("nomor")
    theme = models.CharField("tema", max_length=255, blank=True)
    pdf = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="PDF majalah",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("volume"), FieldPanel("number"), FieldPanel("theme")],
            heading="Nomor",
        ),
        FieldPanel("cover"),
        FieldPanel("pdf"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("theme")]
    api_fields = [
        APIField("volume"),
        APIField("number"),
        APIField("theme"),
        *EditionPage.cover_api_fields,
        APIField("pdf"),
        APIField("pdf_url", serializer=api_fields.DocumentURLField(source="pdf")),
    ]
    publication_kind = PublicationKind.MAJALAH
    template = "publications/edition_page.html"

    class Meta:
        verbose_name = "nomor majalah"
        verbose_name_plural = "nomor majalah"

    def clean(self):
        super().clean()
        from publications.uploads import validate_epaper_document

        if self.pdf_id:
            validate_epaper_document(self.pdf, field="pdf")


class BulletinIssuePage(RoutablePageMixin, EditionPage):
    """A Friday issue of Buletin Jumat, printed on A4 and handed out after Friday prayers."""

    date = models.DateField("tanggal terbit (Jumat)")
    theme = models.CharField("tema", max_length=255, blank=True)
    preacher = models.CharField("khatib / penulis", max_length=255, blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("theme"), FieldPanel("preacher")],
            heading="Terbitan",
        ),
        FieldPanel("cover"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("theme")]
    api_fields = [
        APIField("date"),
        APIField("theme"),
        APIField("preacher"),
        *EditionPage.cover_api_fields,
    ]
    publication_kind = PublicationKind.BULETIN
    template = "publications/edition_page.html"

    class Meta:
        verbose_name = "terbitan buletin jumat"
        verbose_name_plural = "terbitan buletin jumat"

    def clean(self):
        super().clean()
        if self.date and self.date.weekday() != FRIDAY:
            raise ValidationError(
                {"date": "Buletin Jumat terbit hari Jumat: pilih tanggal hari Jumat."}
            )

    def get_cached_paths(self):
        """The issue and its print view: both are purged when an article changes."""
        return ["/", "/cetak/"]

    @path("")
    def index_route(self, request, *args, **kwargs):
        return self.render(request)

    @path("cetak/")
    def print_view(self, request):
        """The whole issue on A4 sheets, for the printer."""
        return self.render(
            request,
            template="publications/bulletin_print.html",
            context_overrides={"articles": self.articles().prefetch_related("authors__author")},
        )
