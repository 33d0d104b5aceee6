"""Wagtail API v2 for the city app: live, public content only, paginated.

On top of Wagtail's endpoints: filters by publication, programme and pillar, listings
fetched in a fixed number of queries (an article listing serialises only the articles
that changed, and counts only after a change: ``api_items``), and bad filter values
answered with 400, not 500.
No public request may tie up the database: each tag is one more join (60 tags took
gigabytes of PostgreSQL memory), each search word one more level of a nested query (300
words overflowed Python's stack) and an offset past PostgreSQL's bigint fails in SQL, so all
three are capped and answered with 400.
"""

import functools
import re

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Prefetch, QuerySet
from rest_framework.filters import BaseFilterBackend
from rest_framework.renderers import BrowsableAPIRenderer
from taggit.managers import TaggableManager
from wagtail.api.v2 import filters as wagtail_filters
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.utils import BadRequestError, parse_fields_parameter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, Site

from core import restrictions
from core.sites import read_shared_entries

from .api_fields import AUTHOR_PHOTO_SIZE, COVER_SIZES, HERO_SIZES, HtmlUrlField
from .api_items import ListingCount, listed_items
from .api_json import ItemsJSONRenderer
from .collections import published_documents
from .models import (
    ArticleAuthor,
    ArticleCorrection,
    ArticlePage,
    ArticleTag,
    EditionPage,
    NewsRendition,
    PublicationPage,
    RelatedArticle,
)
from .models.images import renditions_of

MAX_TAGS = 5
MAX_ORDER_FIELDS = 3
MAX_SEARCH_WORDS = 20
# Deeper than any app pages (Elasticsearch stops at the same window); filter by date,
# publication or edition instead. Far below PostgreSQL's bigint.
MAX_OFFSET = 10_000
WORD = re.compile(r"\w+")


class FieldsFilter(wagtail_filters.FieldsFilter):
    """Wagtail's field filter, answering a wrongly typed value (``?display_date=x``) with 400,
    and a tag list longer than ``MAX_TAGS`` too (one join per tag)."""

    def filter_queryset(self, request, queryset, view):
        for name, value in request.GET.items():
            field = _model_field(queryset.model, name)
            if isinstance(field, TaggableManager) and len(set(value.split(","))) > MAX_TAGS:
                raise BadRequestError(
                    f"field filter error: at most {MAX_TAGS} {name} may be given at once"
                )
        try:
            return super().filter_queryset(request, queryset, view)
        except (ValueError, ValidationError) as error:
            raise BadRequestError(f"field filter error: {error}") from error


def _model_field(model, name: str):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


class OrderingFilter(wagtail_filters.OrderingFilter):
    def filter_queryset(self, request, queryset, view):
        if len(request.GET.get("order", "").split(",")) > MAX_ORDER_FIELDS:
            raise BadRequestError(f"cannot order by more than {MAX_ORDER_FIELDS} fields")
        return super().filter_queryset(request, queryset, view)


class PublicationFilter(BaseFilterBackend):
    """``?publication=<slug>``: only pages inside that publication."""

    def filter_queryset(self, request, queryset, view):
        slug = request.GET.get("publication")
        if slug is None:
            return queryset
        publication = view.get_base_queryset().type(PublicationPage).filter(slug=slug).first()
        if publication is None:
            raise BadRequestError(f"publication '{slug}' does not exist")
        return queryset.descendant_of(publication)


class TopicFilter(BaseFilterBackend):
    """``?programme=<slug>`` and ``?pillar=<value>``, for article listings and mixed ones alike."""

    def filter_queryset(self, request, queryset, view):
        programme = request.GET.get("programme")
        pillar = request.GET.get("pillar")
        if programme is None and (pillar is None or issubclass(queryset.model, ArticlePage)):
            return queryset  # a typed article listing filters pillar as a field
        articles = ArticlePage.objects.all()
        if programme is not None:
            articles = articles.filter(programmes__slug=programme)
        if pillar is not None:
            articles = articles.filter(pillar=pillar)
        return queryset.filter(id__in=articles.values("id"))


class SearchFilter(wagtail_filters.SearchFilter):
    def filter_queryset(self, request, queryset, view):
        search = request.GET.get("search", "")
        if "\x00" in search:
            raise BadRequestError("search error: null characters are not allowed")
        if len(WORD.findall(search)) > MAX_SEARCH_WORDS:
            raise BadRequestError(f"search error: at most {MAX_SEARCH_WORDS} words are allowed")
        return super().filter_queryset(request, queryset, view)


class Pagination(WagtailPagination):
    """Wagtail's limit and offset, with the offset capped (``?offset=99999999999999999999``
    was a 500: PostgreSQL's bigint overflowed)."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "")
        if offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class PagePagination(Pagination):
    """Pages are counted once per change of the pages (``api_items.ListingCount``), not on
    every request: 20,000 articles took a third of an uncached listing's time. The count
    is read when the response is made, with an article listing's kept items."""

    def paginate_queryset(self, queryset, request, view=None):
        self.listing_count = ListingCount(queryset)
        return super().paginate_queryset(_CountedLater(queryset), request, view)

    def get_paginated_response(self, data):
        self.total_count = self.listing_count.value()
        return super().get_paginated_response(data)


class _CountedLater:
    """What Wagtail's pagination asks of a queryset (``count()`` and a slice), counting
    nothing yet: ``PagePagination.get_paginated_response`` gives the count."""

    def __init__(self, queryset):
        self.queryset = queryset

    def count(self) -> None:
        return None

    def __getitem__(self, index):
        return self.queryset[index]


class CityEndpoint:
    """What every endpoint of the city API shares."""

    pagination_class = Pagination


class CityPageSerializer(PageSerializer):
    html_url = HtmlUrlField()


class CityPagesAPIViewSet(CityEndpoint, PagesAPIViewSet):
    """Wagtail's pages endpoint, with what each request reads built once: the site and
    its root paths from the shared cache, the public pages (each build asks the database
    for the view restrictions), the queryset and the serializer; and only the relations
    of the fields a listing shows fetched."""

    base_serializer_class = CityPageSerializer
    pagination_class = PagePagination
    # Wagtail's renderers, with kept listing items spliced into the JSON (``api_json``).
    renderer_classes = [ItemsJSONRenderer, BrowsableAPIRenderer]
    filter_backends = [
        FieldsFilter,
        wagtail_filters.ChildOfFilter,
        wagtail_filters.AncestorOfFilter,
        wagtail_filters.DescendantOfFilter,
        PublicationFilter,
        TopicFilter,
        OrderingFilter,
        wagtail_filters.TranslationOfFilter,
        wagtail_filters.LocaleFilter,
        SearchFilter,  # last: search results cannot be filtered further
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(
        ["publication", "programme", "pillar"]
    )
    # A body is rendered HTML with its own images: one article at a time, never in a listing.
    detail_only_fields = [*PagesAPIViewSet.detail_only_fields, "body"]

    def initial(self, request, *args, **kwargs):
        read_shared_entries(request._request)
        super().initial(request, *args, **kwargs)

    def listing_view(self, request):
        """Wagtail's listing; an article listing's items are serialised, their relations
        fetched, only for pages that changed since (``api_items.listed_items``)."""
        queryset = self.get_queryset()
        prefetches = getattr(self, "_listing_relations", None)
        if prefetches is None:
            return super().listing_view(request)
        self.check_query_parameters(queryset)
        pages = self.paginate_queryset(self.filter_queryset(queryset))
        items = listed_items(self, pages, prefetches, self.paginator.listing_count)
        return self.get_paginated_response(items)

    def get_base_queryset(self):
        if getattr(self, "_base_queryset", None) is None:
            public = self._public_pages()
            self._base_queryset = super().get_base_queryset() if public is None else public
        return self._base_queryset

    def _public_pages(self) -> QuerySet | None:
        """Wagtail's public pages of the request's site (``get_public_pages_queryset``),
        the view restrictions read from the cache every page shares (``core.restrictions``),
        for a request none of them can let in: no session, no credentials. None for any
        other (and for ``?site=`` or translations): Wagtail asks the database."""
        request = self.request
        if (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            or "HTTP_AUTHORIZATION" in request.META
            or request.GET.get("site")
            or getattr(settings, "WAGTAIL_I18N_ENABLED", False)
        ):
            return None
        pages = restrictions.public(Page.objects.live(), request._request)
        site = Site.find_for_request(request)
        return pages.none() if site is None else pages.descendant_of(site.root_page, inclusive=True)

    def get_queryset(self):
        if getattr(self, "_queryset", None) is None:
            self._queryset = self._optimised(super().get_queryset())
        return self._queryset

    def get_serializer_class(self):
        if getattr(self, "_serializer_class", None) is None:
            self._serializer_class = super().get_serializer_class()
        return self._serializer_class

    def _listing_fields(self, model) -> set[str] | None:
        """The fields a listing shows (Wagtail's rules for ``?fields=``); None on a detail
        view, which shows them all."""
        if self.action != "listing_view":
            return None
        config = []
        if "fields" in self.request.GET:
            try:
                config = parse_fields_parameter(self.request.GET["fields"])
            except ValueError as error:
                raise BadRequestError(f"fields error: {error}") from error
        router = self.request.wagtailapi_router
        self._serializer_class = self._get_serializer_class(router, model, config)
        return set(self._serializer_class.Meta.fields)

    def _optimised(self, queryset):
        if issubclass(queryset.model, ArticlePage):
            fields = self._listing_fields(queryset.model)
            if fields is None:
                queryset = optimise_articles(queryset)
            else:  # a listing fetches relations for the items it serialises (listing_view)
                queryset = queryset.select_related("locale").defer("search_vector", "body")
                self._listing_relations = functools.partial(
                    article_prefetches, fields, hero_image=True
                )
            return queryset.order_by("-display_date", "-first_published_at", "-id")
        if issubclass(queryset.model, EditionPage):
            fields = self._listing_fields(queryset.model)
            return optimise_editions(queryset, fields).order_by("-first_published_at", "-id")
        return queryset


class CityImagesAPIViewSet(CityEndpoint, ImagesAPIViewSet):
    filter_backends = [FieldsFilter, OrderingFilter, SearchFilter]

    def get_queryset(self):
        return super().get_queryset().prefetch_renditions()


class CityDocumentsAPIViewSet(CityEndpoint, DocumentsAPIViewSet):
    filter_backends = [FieldsFilter, OrderingFilter, SearchFilter]

    def get_queryset(self):
        """Only documents a live page uses: an embargoed e-paper is not listed, nor found."""
        return published_documents(super().get_queryset())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", CityPagesAPIViewSet)
api_router.register_endpoint("images", CityImagesAPIViewSet)
api_router.register_endpoint("documents", CityDocumentsAPIViewSet)


def _wanted(fields: set[str] | None, *names: str) -> bool:
    return fields is None or any(name in fields for name in names)


def optimise_articles(queryset: QuerySet, fields: set[str] | None = None) -> QuerySet:
    """Fetch what the article fields read in a fixed number of queries per listing, and
    only for the ``fields`` the response shows (None: all of them). Renditions come in
    one query, of the sizes the API gives only."""
    queryset = queryset.select_related("locale").defer("search_vector")
    if _wanted(fields, *HERO_FIELDS):
        queryset = queryset.select_related("hero_image")
    return queryset.prefetch_related(*article_prefetches(fields))


HERO_FIELDS = ("hero_image", "hero_credit", "hero_caption", *HERO_SIZES)


def article_prefetches(fields: set[str] | None, hero_image: bool = False) -> list:
    """The relations the article ``fields`` read (None: all of them), one query each;
    with ``hero_image``, the picture too (else selected with the article)."""
    lookups: list = []
    if hero_image and _wanted(fields, *HERO_FIELDS):
        lookups.append("hero_image")
    if _wanted(fields, *HERO_SIZES):
        lookups.append(renditions_of("hero_image", HERO_SIZES.values()))
    photos = NewsRendition.objects.filter(filter_spec=AUTHOR_PHOTO_SIZE)
    relations = {
        "authors": Prefetch(
            "authors",
            queryset=ArticleAuthor.objects.select_related("author__photo")
            .prefetch_related(
                Prefetch("author__photo__renditions", photos, to_attr="prefetched_renditions")
            )
            .order_by("sort_order"),
            to_attr="api_bylines",
        ),
        "programmes": Prefetch("programmes", to_attr="api_programmes"),
        "tags": Prefetch(
            "tagged_items",
            queryset=ArticleTag.objects.select_related("tag"),
            to_attr="api_tagged_items",
        ),
        "corrections": Prefetch(
            "corrections",
            queryset=ArticleCorrection.objects.order_by("date"),
            to_attr="api_corrections",
        ),
        "related_articles": Prefetch(
            "related_links",
            queryset=RelatedArticle.objects.filter(article__live=True).select_related("article"),
            to_attr="api_related_links",
        ),
    }
    return lookups + [lookup for name, lookup in relations.items() if _wanted(fields, name)]


def optimise_editions(queryset: QuerySet, fields: set[str] | None = None) -> QuerySet:
    """Covers, their renditions (of the API's size) and PDFs of an edition listing,
    fetched once, for the ``fields`` the response shows (None: all of them)."""
    model = queryset.model
    documents = [
        name
        for name in ("epaper", "pdf")
        if any(f.name == name for f in model._meta.fields) and _wanted(fields, name, f"{name}_url")
    ]
    queryset = queryset.select_related("locale", *documents)
    if _wanted(fields, "cover", *COVER_SIZES):
        queryset = queryset.select_related("cover")
    if _wanted(fields, *COVER_SIZES):
        queryset = queryset.prefetch_related(renditions_of("cover", COVER_SIZES.values()))
    return queryset
