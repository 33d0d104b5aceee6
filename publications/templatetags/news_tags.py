"""Template helpers for the reader site: navigation, topic links and query strings.

The navigation is read from the cache, so the header costs no SQL query on a page
render; an article card finds its publication from the same cached list.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from core.sites import links_key
from publications.models import Pillar, PublicationPage
from publications.models.articles import view_restricted
from publications.models.keys import picture_key
from publications.models.topics import topic_url

register = template.Library()

NAV_CACHE_KEY = "news:publication-nav:v1"
# Part of every card's and teaser's fragment key: a change to their templates bumps it.
TEASER_KEY_VERSION = 2
NAV_CACHE_SECONDS = 300


@dataclass(frozen=True)
class NavItem:
    title: str
    url: str
    path: str
    slug: str
    kind: str
    feed_url: str


@dataclass(frozen=True)
class PillarLink:
    slug: str
    label: str
    url: str


def publication_nav_items(request=None) -> list[NavItem]:
    """The live publications in tree order, cached for a few minutes, and kept on the
    request: the header, the footer and every card of a listing ask for them."""
    items = getattr(request, "_publication_nav_items", None)
    if items is not None:
        return items
    items = cache.get(NAV_CACHE_KEY)
    if items is None:
        items = [
            NavItem(
                title=page.title,
                url=page.get_url(request) or "",
                path=page.path,
                slug=page.slug,
                kind=page.kind,
                feed_url=reverse("feed_publication", args=[page.slug]),
            )
            for page in public_publications()
        ]
        cache.set(NAV_CACHE_KEY, items, NAV_CACHE_SECONDS)
    if request is not None:
        leave_nav_items(request, items)
    return items


def public_publications() -> list[PublicationPage]:
    """The live publications no view restriction applies to, in tree order, in one query
    (Wagtail's ``public()`` reads every restriction first, with a query of its own). The
    few rows are put in order here: ORDER BY cost more to compile than they cost to sort."""
    publications = (
        PublicationPage.objects.live()
        .alias(view_restricted=view_restricted())
        .filter(view_restricted=False)
        .order_by()
    )
    return sorted(publications, key=lambda page: page.path)


def leave_nav_items(request, items: list[NavItem]) -> None:
    """Where ``publication_nav_items`` looks first (``core.sites`` reads them with the site)."""
    request._publication_nav_items = items


@register.simple_tag(takes_context=True)
def publication_nav(context) -> list[NavItem]:
    return publication_nav_items(context.get("request"))


@register.simple_tag(takes_context=True)
def publication_of(context, page) -> NavItem | None:
    return publication_for(page, context.get("request"))


def publication_for(page, request=None) -> NavItem | None:
    """The publication a page belongs to (itself, an edition or an article), without a query."""
    path = getattr(page, "path", "")
    if not path:
        return None
    for item in publication_nav_items(request):
        if path.startswith(item.path):
            return item
    return None


def card_key(page, image_field: str, request=None) -> str:
    """What a card's or teaser's cached HTML depends on: the page's published version and
    place in the tree, its picture (file and focal point), its publication's title and the
    request's site. Publishing or moving the page, or changing the picture, gives a new
    key, so a listing renders again only the cards that changed."""
    publication = publication_for(page, request)
    published = page.last_published_at.isoformat() if page.last_published_at else ""
    return repr(
        (
            TEASER_KEY_VERSION,
            page.pk,
            page.live_revision_id,
            published,
            page.url_path,
            page.title,
            picture_key(getattr(page, image_field, None)),
            publication.title if publication else None,
            links_key(request),
        )
    )


@register.simple_tag
def pillar_links() -> list[PillarLink]:
    return [
        PillarLink(slug=value, label=label, url=topic_url("topic_pillar", value))
        for value, label in Pillar.choices
    ]


@register.filter
def pillar_url(value: str) -> str:
    """The pillar's topic page: ``{{ page.pillar|pillar_url }}``."""
    return topic_url("topic_pillar", value) if value in Pillar.values else ""


@register.filter
def pillar_label(value: str) -> str:
    return Pillar(value).label if value in Pillar.values else ""


@register.simple_tag
def search_query_string(query: str = "", publication=None, pillar: str = "") -> str:
    """The search filters as a query string, so pagination links keep them (``q=…&pilar=…``)."""
    params = {
        "q": query or "",
        "publikasi": getattr(publication, "slug", "") or "",
        "pilar": pillar or "",
    }
    return urlencode({key: value for key, value in params.items() if value})


@register.filter
def absolute_url(url: str) -> str:
    """Prefix a site-relative URL with the public address readers and platforms use."""
    if not url or url.startswith(("http://", "https://")):
        return url or ""
    if url.startswith("//"):
        return "https:" + url
    return settings.PUBLIC_BASE_URL + ("" if url.startswith("/") else "/") + url


@register.filter
def as_list(value) -> list:
    """Evaluate a queryset once, so a template can slice it without new queries."""
    return list(value or [])


SOCIAL_FIELDS = (
    ("instagram_url", "Instagram"),
    ("facebook_url", "Facebook"),
    ("x_url", "X"),
    ("telegram_url", "Telegram"),
    ("youtube_url", "YouTube"),
)


@register.simple_tag
def social_links(branding) -> list[tuple[str, str]]:
    """The office's social accounts that are filled in, as (network, url) pairs."""
    if branding is None:
        return []
    return [
        (label, getattr(branding, field))
        for field, label in SOCIAL_FIELDS
        if getattr(branding, field, "")
    ]


@register.simple_tag(takes_context=True)
def publishing_checks(context, page, authors) -> list:
    """The publishing checks an article fails, for its preview only (Wagtail's checks
    panel reads them there); readers never see them, and they cost no query."""
    request = context.get("request")
    if request is None or not getattr(request, "is_preview", False):
        return []
    from publications.checks import failed_checks

    return failed_checks(page, authors)


@register.simple_tag
def share_links(url: str, title: str) -> list[tuple[str, str, str]]:
    """Where a reader can share an article, WhatsApp first (what the city's readers use most):
    (network slug, label, link). Plain links to each network's share page: no script of
    theirs, nothing loaded until the reader clicks."""
    text = f"{title} {url}"
    return [
        ("whatsapp", "WhatsApp", "https://wa.me/?" + urlencode({"text": text})),
        (
            "facebook",
            "Facebook",
            "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        ),
        ("x", "X", "https://x.com/intent/post?" + urlencode({"text": title, "url": url})),
        (
            "telegram",
            "Telegram",
            "https://t.me/share/url?" + urlencode({"url": url, "text": title}),
        ),
    ]


@register.simple_tag
def reading_time(page) -> int:
    from publications.blocks import reading_minutes

    return reading_minutes(page.lead, page.body)


@register.simple_tag
def most_read():
    """The week's most read articles, from the cache (``publications.popular``)."""
    from publications.popular import most_read as cached_most_read

    return cached_most_read()
