"""Keep the page cache honest: whatever changes a page also purges the pages that show it.

Each handler takes a reading of ``paths_showing`` before the change where the change can
move a page away from somewhere (publishing new topics, moving, renaming a slug) and one
after it; ``schedule_purge`` sends both once the transaction commits. The page's own
URL goes out in the same batch: Wagtail's frontend-cache app, whose handlers purge only that
URL and before the commit, is not installed (its ``PurgeBatch`` works without it).
"""

import threading

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from taggit.models import Tag
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from core.pagecache import schedule_purge

from .models import ArticlePage, Author, NewsImage, Programme
from .popular import forget_most_read
from .purge import SITEWIDE_PATHS, paths_showing, shows_everything

_moves = threading.local()


def _is_specific_page(instance) -> bool:
    return isinstance(instance, Page) and type(instance) is not Page


def _purge_page(page: Page, before: set[str] | frozenset = frozenset()) -> None:
    schedule_purge({*before, *paths_showing(page)}, everything=shows_everything(page))


@receiver(pre_save)
def remember_where_live_page_shows(sender, instance, raw=False, update_fields=None, **kwargs):
    """Before a live page is saved whole (publish, unpublish), note where it shows now."""
    if raw or update_fields is not None or instance.pk is None:
        return
    if not _is_specific_page(instance):
        return
    before = type(instance).objects.filter(pk=instance.pk, live=True).first()
    if before is not None:
        instance._purge_paths_before = paths_showing(before)


@receiver(page_published)
@receiver(page_unpublished)
def purge_published_or_unpublished_page(sender, instance, **kwargs):
    _purge_page(instance, instance.__dict__.pop("_purge_paths_before", frozenset()))
    if isinstance(instance, ArticlePage):
        forget_most_read()  # its title or its being live may have changed


@receiver(pre_page_move)
def remember_where_moving_page_shows(sender, instance, **kwargs):
    if not hasattr(_moves, "before"):
        _moves.before = {}
    _moves.before[instance.pk] = paths_showing(instance)


@receiver(post_page_move)
def purge_moved_page(sender, instance, **kwargs):
    _purge_page(instance, getattr(_moves, "before", {}).pop(instance.pk, frozenset()))


@receiver(pre_delete)
def purge_deleted_page(sender, instance, **kwargs):
    """Read where a page shows while it still exists; the purge waits for the commit."""
    if _is_specific_page(instance):
        _purge_page(instance)
        if isinstance(instance, ArticlePage):
            forget_most_read()


@receiver(pre_save, sender=Author)
@receiver(pre_save, sender=Programme)
def remember_topic_path(sender, instance, raw=False, **kwargs):
    if instance.pk and not raw:
        before = sender.objects.filter(pk=instance.pk).first()
        instance._purge_paths_before = {before.get_absolute_url()} if before else set()


@receiver(post_save, sender=Author)
@receiver(post_save, sender=Programme)
@receiver(post_delete, sender=Author)
@receiver(post_delete, sender=Programme)
def purge_topic(sender, instance, created=False, **kwargs):
    """Names of authors and programmes show on many pages: purge the whole page cache.

    A new one shows nowhere yet, except on its own (until now 404) topic page.
    """
    before = instance.__dict__.pop("_purge_paths_before", set())
    paths = {*before, instance.get_absolute_url()}
    if created:
        schedule_purge(paths)
    else:
        schedule_purge({*SITEWIDE_PATHS, *paths}, everything=True)


@receiver(post_save, sender=NewsImage)
@receiver(post_save, sender=Tag)
@receiver(post_delete, sender=NewsImage)
@receiver(post_delete, sender=Tag)
def purge_pictures_and_tags(sender, instance, created=False, **kwargs):
    """A picture (its file, crop, caption or credit) or a tag's name shows on many pages
    (heroes, cards, covers, author photos, tag chips) and in the API's items: a changed one
    purges the whole page cache (which the API's kept items follow). A new one shows
    nowhere yet."""
    if not created:
        schedule_purge(SITEWIDE_PATHS, everything=True)
