from django.core.cache import cache
from django.db import models
from django.http import Http404
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

# Home → publication → edition → article: articles sit three levels below the home page.
ARTICLE_LEVEL = 3
# Deeper URL paths are looked up level by level (by Wagtail), as no page sits that deep.
MAX_ROUTED_DEPTH = 6


class HomePage(Page):
    """The front page of the city's news site: the latest from all three publications."""

    intro = RichTextField("pengantar", blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["publications.PublicationPage"]
    max_count = 1

    class Meta:
        verbose_name = "beranda"

    def route(self, request, path_components):
        """Find the page a URL names in one or two queries, not two per level of the tree.

        Articles (three levels down, and the pages most read) are looked up first, with
        their hero image and whether a view restriction applies; other pages by the
        deepest ``url_path`` that exists. The rest of the path goes to that page's own
        ``route`` (the Buletin print view, or a 404).
        """
        if not path_components:
            return super().route(request, path_components)
        from publications.models import ArticlePage
        from publications.models.articles import view_restricted

        url_paths = [
            self.url_path + "/".join(path_components[:length]) + "/"
            for length in range(1, min(len(path_components), MAX_ROUTED_DEPTH) + 1)
        ]
        slugs = path_components[: len(url_paths)]  # slugs are indexed, url paths are not
        page = None
        if len(url_paths) >= ARTICLE_LEVEL:
            level = ARTICLE_LEVEL - 1
            # One row at most (a URL names one page): no ordering needed.
            articles = (
                ArticlePage.objects.filter(slug=slugs[level], url_path=url_paths[level])
                .select_related("hero_image")
                .annotate(view_restricted=view_restricted())
                .order_by()[:1]
            )
            page = next(iter(articles), None)
        if page is None:
            deepest = (
                Page.objects.filter(slug__in=slugs, url_path__in=url_paths)
                .order_by("-depth")
                .first()
            )
            if deepest is None:
                raise Http404
            page = deepest.specific
        return page.route(request, path_components[page.depth - self.depth :])

    def get_context(self, request, *args, **kwargs):
        from publications.models import ArticlePage, EditionPage

        context = super().get_context(request, *args, **kwargs)
        context["latest_articles"] = (
            ArticlePage.objects.live()
            .public()
            .select_related("hero_image")
            .prefetch_related("hero_image__renditions")
            .order_by("-first_published_at")[:12]
        )
        context["latest_editions"] = EditionPage.latest_per_publication()
        return context


BRANDING_CACHE_KEY = "home:branding:v1"
BRANDING_CACHE_SECONDS = 3600


@register_setting(icon="site")
class BrandingSettings(BaseGenericSetting):
    """The office's name, logo and social links, shown in the header, footer and structured data."""

    # The article's structured data shows the logo: fetch it with the settings, in one query.
    select_related = ["logo"]

    organisation_name = models.CharField(
        "nama lembaga", max_length=255, default="Humas Pemerintah Kota Tangerang"
    )
    tagline = models.CharField("slogan", max_length=255, default="Tangerang LIVE")
    logo = models.ForeignKey(
        "publications.NewsImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    instagram_url = models.URLField("Instagram", blank=True)
    facebook_url = models.URLField("Facebook", blank=True)
    x_url = models.URLField("X", blank=True)
    telegram_url = models.URLField("Telegram", blank=True)
    youtube_url = models.URLField("YouTube", blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("tagline"),
                FieldPanel("logo"),
            ],
            heading="Identitas",
        ),
        MultiFieldPanel(
            [
                FieldPanel("instagram_url"),
                FieldPanel("facebook_url"),
                FieldPanel("x_url"),
                FieldPanel("telegram_url"),
                FieldPanel("youtube_url"),
            ],
            heading="Media sosial",
        ),
    ]

    class Meta:
        verbose_name = "identitas & media sosial"

    @classmethod
    def _get_or_create(cls):
        """The one row, from the cache: every page shows it, and it changes only when an
        editor saves it or its logo (``home.signals`` forgets it then)."""
        branding = cache.get(BRANDING_CACHE_KEY)
        if branding is None:
            branding = super()._get_or_create()
            cache.set(BRANDING_CACHE_KEY, branding, BRANDING_CACHE_SECONDS)
        return branding
