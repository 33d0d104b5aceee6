from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The front page of the city's news site: the latest from all three publications."""

    intro = RichTextField("pengantar", blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["publications.PublicationPage"]
    max_count = 1

    class Meta:
        verbose_name = "beranda"

    def get_context(self, request, *args, **kwargs):
        from publications.models import ArticlePage

        context = super().get_context(request, *args, **kwargs)
        context["latest_articles"] = (
            ArticlePage.objects.live()
            .public()
            .select_related("hero_image")
            .order_by("-first_published_at")[:12]
        )
        return context


@register_setting(icon="site")
class BrandingSettings(BaseGenericSetting):
    """The office's name, logo and social links, shown in the header, footer and structured data."""

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
