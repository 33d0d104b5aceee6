from django.core.cache import cache
from django.db import models
from django.http import Http404
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction, Site

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
        from publications.models.articles import edition_title, view_restricted

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
                .annotate(view_restricted=view_restricted(), edition_title=edition_title())
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

    def get_view_restrictions(self):
        """Wagtail's rule without its two queries while nothing restricts the front page:
        its only ancestor is the tree's root (never an alias), so unless it is an alias
        itself, only a restriction on the root or on it applies, and the restricted pages'
        paths are kept (``core.restrictions``)."""
        from core.restrictions import restricted_paths

        if self.alias_of_id is None and not any(
            self.path.startswith(path) for path in restricted_paths()
        ):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def get_context(self, request, *args, **kwargs):
        from publications.cards import Listing, keyed, listings

        context = super().get_context(request, *args, **kwargs)
        full = front_page_articles(request)  # evaluated only for cards not in the cache
        latest = list(keyed(full, "hero_image")[:FRONT_PAGE_ARTICLES])
        lead = self.lead_story(latest, full)
        teasers = [article for article in latest if article != lead]
        teaser = "components/article_card_body.html"
        compact = {
            "card_class": "card-compact",
            "image_sizes": "(min-width: 64em) 22rem, 7.5rem",
            "no_lead": True,
        }
        lead_head, lead_cards, front_cards, latest_cards = listings(
            request,
            full,
            Listing([lead] if lead else [], template=LEAD_HEAD, name="lead-head"),
            Listing([lead] if lead else [], template=LEAD, name="lead"),
            Listing(
                teasers[:3], template=teaser, name="teaser", variables=[compact] * len(teasers[:3])
            ),
            Listing(teasers[3:], template=teaser, name="teaser"),
        )
        context.update(
            lead_story=lead,
            lead_head=lead_head,
            lead_cards=lead_cards,
            front_cards=front_cards,
            latest_cards=latest_cards,
            latest_editions=newest_editions(request),
        )
        return context

    def lead_story(self, latest: list, articles):
        """The article an editor pinned, while it is live and public; otherwise the newest
        with a photo (a lead without one leaves a large empty column); otherwise the newest.

        The pinned article costs a query only when it is not among the latest already.
        """
        from publications.cards import keyed

        pinned_id = FrontPageSettings.load().lead_article_id
        if pinned_id is not None:
            for article in latest:
                if article.pk == pinned_id:
                    return article
            pinned = keyed(articles, "hero_image").filter(pk=pinned_id).first()
            if pinned is not None:
                return pinned
        with_photo = (article for article in latest if article.hero_image_id is not None)
        return next(with_photo, latest[0] if latest else None)


def newest_editions(request) -> list:
    """Cards of the newest live, public edition of each publication, in publication order:
    one query per kind of edition for what the cards' keys read."""
    from publications.cards import cards, keyed
    from publications.models import EditionPage, PublicationPage
    from publications.models.images import COVER_RENDITION_SPECS, renditions_of

    latest = EditionPage.latest_ids_per_publication(request)
    editions = sorted(
        (
            edition
            for model in PublicationPage.edition_models().values()
            for edition in keyed(model.objects.filter(pk__in=latest), "cover")
        ),
        key=lambda edition: edition.path,
    )
    full = Page.objects.specific().prefetch_related(
        "cover", renditions_of("cover", COVER_RENDITION_SPECS)
    )
    return cards(
        request,
        editions,
        full,
        template="home/edition_card.html",
        name="home-edition",
        as_variable="edition",
        image_field="cover",
    )


# The home page's newest articles: the lead story and the teasers beside and below it.
FRONT_PAGE_ARTICLES = 12
LEAD = "home/lead_story.html"
LEAD_HEAD = "home/lead_story_head.html"


def front_page_articles(request=None):
    """Live, public articles, newest first, with what the lead story and teasers show."""
    from core.restrictions import public
    from publications.models import ArticlePage
    from publications.models.images import FRONT_PAGE_SPECS, renditions_of

    return (
        public(ArticlePage.objects.live(), request)
        .select_related("hero_image")
        .prefetch_related(renditions_of("hero_image", FRONT_PAGE_SPECS))
        .defer("search_vector")
        .order_by("-first_published_at")
    )


BRANDING_CACHE_KEY = "home:branding:v1"
BRANDING_CACHE_SECONDS = 3600


class CachedGenericSetting(BaseGenericSetting):
    """A setting whose one row every page reads: kept in the cache under ``cache_key`` (and
    on the request, as Wagtail does), and forgotten by ``home.signals`` when it changes."""

    cache_key: str

    class Meta:
        abstract = True

    @classmethod
    def load(cls, request_or_site=None):
        request = None if isinstance(request_or_site, Site) else request_or_site
        attribute = cls.get_cache_attr_name()
        if request is not None and hasattr(request, attribute):
            return getattr(request, attribute)
        setting = cache.get(cls.cache_key)
        if setting is None:
            setting = super().load()
            cache.set(cls.cache_key, setting, BRANDING_CACHE_SECONDS)
        if request is not None:
            setattr(request, attribute, setting)
        return setting


@register_setting(icon="site")
class BrandingSettings(CachedGenericSetting):
    """The office's name, logo and social links, shown in the header, footer and structured data."""

    # The article's structured data shows the logo: fetch it with the settings, in one query.
    select_related = ["logo"]
    # Every page shows it; it changes only when an editor saves it or its logo.
    cache_key = BRANDING_CACHE_KEY

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


FRONT_PAGE_CACHE_KEY = "home:front-page:v1"


@register_setting(icon="pick")
class FrontPageSettings(CachedGenericSetting):
    """What editors decide about the front page: the lead story, and an optional
    breaking-news bar over every page until it expires."""

    # Every page asks for the breaking-news bar.
    cache_key = FRONT_PAGE_CACHE_KEY

    lead_article = models.ForeignKey(
        "publications.ArticlePage",
        verbose_name="berita utama (disematkan)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Kosongkan agar berita utama adalah artikel terbaru yang berfoto.",
    )
    breaking_text = models.CharField("teks berita terkini", max_length=200, blank=True)
    breaking_url = models.CharField(
        "tautan berita terkini",
        max_length=500,
        blank=True,
        help_text="Alamat di situs ini (/koran-kota-benteng/…) atau https://…",
    )
    breaking_until = models.DateTimeField(
        "tampil sampai", null=True, blank=True, help_text="Setelah waktu ini bilah hilang."
    )

    panels = [
        FieldPanel("lead_article"),
        MultiFieldPanel(
            [FieldPanel("breaking_text"), FieldPanel("breaking_url"), FieldPanel("breaking_until")],
            heading="Bilah berita terkini",
        ),
    ]

    class Meta:
        verbose_name = "halaman depan"

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        url = self.breaking_url.strip()
        if (
            url
            and not (url.startswith("/") and not url.startswith("//"))
            and not url.startswith("https://")
        ):
            raise ValidationError(
                {"breaking_url": "Pakai alamat di situs ini (diawali /) atau https://…"}
            )
        if self.breaking_text and self.breaking_until is None:
            raise ValidationError(
                {"breaking_until": "Berita terkini perlu waktu berakhir agar tidak tertinggal."}
            )

    def breaking_news_now(self) -> bool:
        from django.utils import timezone

        return bool(
            self.breaking_text and self.breaking_until and timezone.now() < self.breaking_until
        )
