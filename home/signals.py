"""Forget the cached office branding when it or its logo changes; purge the pages that show
the branding or the front-page settings when they change."""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.pagecache import schedule_purge
from publications.article_parts import forget_article_parts
from publications.models import NewsImage
from publications.purge import SITEWIDE_PATHS

from .models import BRANDING_CACHE_KEY, FRONT_PAGE_CACHE_KEY, BrandingSettings, FrontPageSettings


def leave_branding(request, branding: BrandingSettings) -> None:
    """Where ``BrandingSettings.load(request)`` looks first (``core.sites`` reads it)."""
    setattr(request, BrandingSettings.get_cache_attr_name(), branding)


def forget_branding() -> None:
    """Now, and again after the commit, so a page rendered during the change cannot
    leave the old row behind."""
    cache.delete(BRANDING_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(BRANDING_CACHE_KEY))


@receiver(post_save, sender=BrandingSettings)
@receiver(post_delete, sender=BrandingSettings)
def forget_changed_branding(sender, created=False, **kwargs):
    forget_branding()
    if not created:  # the office's name is in every article's structured data
        forget_article_parts()


@receiver(post_save, sender=NewsImage)
@receiver(post_delete, sender=NewsImage)
def forget_branding_with_changed_logo(sender, instance, **kwargs):
    branding = cache.get(BRANDING_CACHE_KEY)
    if branding is not None and branding.logo_id == instance.pk:
        forget_branding()


@receiver(post_save, sender=FrontPageSettings)
@receiver(post_delete, sender=FrontPageSettings)
def forget_changed_front_page(sender, **kwargs):
    cache.delete(FRONT_PAGE_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(FRONT_PAGE_CACHE_KEY))


@receiver(post_save, sender=FrontPageSettings)
def purge_front_page(sender, instance, created=False, **kwargs):
    """The lead story is on the home page; the breaking-news bar on every page."""
    if not created:
        schedule_purge(SITEWIDE_PATHS, everything=True)


@receiver(post_save, sender=BrandingSettings)
def purge_branding(sender, instance, created=False, **kwargs):
    """The office's name and links are in every page's header and footer.

    The row is created with its defaults on the first page view: nothing changes then.
    """
    if not created:
        schedule_purge(SITEWIDE_PATHS, everything=True)
