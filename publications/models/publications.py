from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.pagination import page_or_404
from core.restrictions import public

from .images import COVER_RENDITION_SPECS, renditions_of


class PublicationKind(models.TextChoices):
    KORAN = "koran", "Koran (edisi bertanggal)"
    MAJALAH = "majalah", "Majalah (nomor terbitan)"
    BULETIN = "buletin", "Buletin Jumat (terbit tiap Jumat)"


class PublicationPage(Page):
    """One of the office's publications: Koran Kota Benteng, Majalah LIVE or Buletin Jumat.

    Its kind decides which edition type editors can create under it, and its editors'
    group is granted rights on this page only (see ``publications.permissions``).
    """

    kind = models.CharField("jenis", max_length=20, choices=PublicationKind.choices, unique=True)
    masthead = models.CharField("masthead", max_length=255, blank=True)
    description = RichTextField("deskripsi", blank=True, features=["bold", "italic", "link"])
    frequency = models.CharField("frekuensi terbit", max_length=120, blank=True)
    logo = models.ForeignKey(
        "publications.NewsImage",
        verbose_name="logo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("masthead"),
        FieldPanel("description"),
        FieldPanel("frequency"),
        FieldPanel("logo"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("description")]

    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "publications.NewspaperEditionPage",
        "publications.MagazineIssuePage",
        "publications.BulletinIssuePage",
    ]

    class Meta:
        verbose_name = "publikasi"
        verbose_name_plural = "publikasi"

    @classmethod
    def edition_models(cls) -> dict:
        """The edition model of each kind of publication, as ``subpage_types`` allows them
        (Koran: NewspaperEditionPage, …)."""
        return {
            model.publication_kind: model
            for model in cls.allowed_subpage_models()
            if hasattr(model, "publication_kind")
        }

    def editions(self, request=None):
        """Live, public editions, newest first, with their covers, for listings: those of
        the edition type of this publication's kind (one query), whatever else sits here."""
        model = self.edition_models().get(self.kind)
        if model is None:
            return Page.objects.none()
        return (
            public(model.objects.live(), request)
            .child_of(self)
            .select_related("cover")
            .prefetch_related(renditions_of("cover", COVER_RENDITION_SPECS))
            .order_by("-first_published_at", "-id")
        )

    def get_context(self, request, *args, **kwargs):
        from .keys import keyed

        context = super().get_context(request, *args, **kwargs)
        # The editions' cards are cached: ``{% edition_cards %}`` (card_tags).
        editions = page_or_404(keyed(self.editions(request), "cover"), 12, request.GET.get("page"))
        editions.object_list = list(editions.object_list)
        context["editions"] = editions
        return context
