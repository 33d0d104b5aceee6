from collections.abc import Iterable
from typing import Any

from django.apps import AppConfig
from django.db.migrations import Migration
from django.db.models.signals import post_migrate


def forget_cache_of_new_database(
    plan: Iterable[tuple[Migration, bool]] | None = None, **kwargs: Any
) -> None:
    """A database migrated from nothing starts with an empty cache: what the cache holds
    belongs to a database that is gone (a deleted SQLite file, a recreated PostgreSQL one),
    and its sites, branding and ids would be served as this one's."""
    created = any(
        migration.app_label == "contenttypes" and migration.name == "0001_initial"
        for migration, backwards in plan or ()
        if not backwards
    )
    if created:
        from django.core.cache import cache

        cache.clear()


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Inti"

    def ready(self) -> None:
        from . import restrictions, sites  # noqa: F401 - handlers that forget what they cache
        from .csp import nonce_wagtail_choosers

        nonce_wagtail_choosers()
        post_migrate.connect(forget_cache_of_new_database, sender=self)
