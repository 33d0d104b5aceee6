"""One public address: Wagtail's default Site follows ``PUBLIC_BASE_URL``.

Canonical links, Open Graph, feeds and tracked links are built from ``PUBLIC_BASE_URL``;
the sitemap, the API's ``html_url`` and every ``page.full_url`` from the default Site's
hostname and port. The Site record is therefore kept in line with the setting after every
``migrate`` and by ``seed_demo``, and a system check warns at start-up when they differ
(a database restored from elsewhere, a changed domain not yet migrated).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.db import DatabaseError
from wagtail.models import Site

# Wagtail's Site.root_url knows https only on port 443 and http on any other port.
DEFAULT_PORTS = {"http": 80, "https": 443}


def public_address(base_url: str) -> tuple[str, int]:
    """The (hostname, port) a Site needs so that its ``root_url`` is ``base_url``."""
    parts = urlsplit(base_url)
    return (parts.hostname or "", parts.port or DEFAULT_PORTS.get(parts.scheme, 80))


def expressible(base_url: str) -> bool:
    """Whether a Site can stand for ``base_url`` (no path; https only on 443)."""
    parts = urlsplit(base_url)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname or parts.path.strip("/"):
        return False
    return parts.scheme == "http" or public_address(base_url)[1] == 443


def sync_default_site(using: str = "default") -> bool:
    """Give the default Site the hostname and port of ``PUBLIC_BASE_URL``; True if changed."""
    base_url = settings.PUBLIC_BASE_URL
    site = Site.objects.using(using).filter(is_default_site=True).first()
    if site is None or not expressible(base_url):
        return False
    hostname, port = public_address(base_url)
    if (site.hostname, site.port) == (hostname, port):
        return False
    # Another site may hold that address already: it then keeps it and the default stays.
    if Site.objects.using(using).filter(hostname=hostname, port=port).exclude(pk=site.pk).exists():
        return False
    site.hostname, site.port = hostname, port
    site.save(using=using)  # the site caches (core.sites) drop their copies on save
    return True


def sync_after_migrate(sender, using: str = "default", **kwargs) -> None:
    """post_migrate: the Site table exists and the home page migration has made the site."""
    sync_default_site(using)


@checks.register(checks.Tags.urls)
def check_default_site(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Warn when the sitemap and API would give another address than canonical links."""
    base_url = settings.PUBLIC_BASE_URL
    if not expressible(base_url):
        return [
            checks.Warning(
                f"PUBLIC_BASE_URL={base_url!r} cannot be a Wagtail Site address (scheme and "
                "host only; https only on port 443): the sitemap and the API's html_url "
                "will not match canonical links.",
                id="home.W001",
            )
        ]
    try:
        site = Site.objects.filter(is_default_site=True).first()
    except DatabaseError:
        return []  # no database yet (a first `migrate` syncs it)
    if site is None or site.root_url == base_url:
        return []
    return [
        checks.Warning(
            f"The default Wagtail Site is {site.root_url} but PUBLIC_BASE_URL is {base_url}: "
            "the sitemap and the API's html_url would point elsewhere than canonical links.",
            hint="Run `python manage.py migrate` (it updates the Site from PUBLIC_BASE_URL).",
            id="home.W002",
        )
    ]
