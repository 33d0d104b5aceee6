"""Wagtail API v2 for the city app: live, public content only, paginated.

On top of Wagtail's endpoints: filters by publication, programme and pillar, listings
fetched in a fixed number of queries, and bad filter values answered with 400, not 500.
"""

from django.core.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2 import filters as wagtail_filters
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from .api_fields import optimise_articles, optimise_editions
from .models import ArticlePage, EditionPage, PublicationPage


class FieldsFilter(wagtail_filters.FieldsFilter):
    """Wagtail's field filter, answering a wrongly typed value (``?display_date=x``) with 400."""

    def filter_queryset(self, request, queryset, view):
        try:
            return super().filter_queryset(request, queryset, view)
        except (ValueError, ValidationError) as error:
            raise BadRequestError(f"field filter error: {error}") from error


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
        if "\x00" in request.GET.get("search", ""):
            raise BadRequestError("search error: null characters are not allowed")
        return super().filter_queryset(request, queryset, view)


class CityPagesAPIViewSet(PagesAPIViewSet):
    filter_backends = [
        FieldsFilter,
        wagtail_filters.ChildOfFilter,
        wagtail_filters.AncestorOfFilter,
        wagtail_filters.DescendantOfFilter,
        PublicationFilter,
        TopicFilter,
        wagtail_filters.OrderingFilter,
        wagtail_filters.TranslationOfFilter,
        wagtail_filters.LocaleFilter,
        SearchFilter,  # last: search results cannot be filtered further
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(
        ["publication", "programme", "pillar"]
    )
    # A body is rendered HTML with its own images: one article at a time, never in a listing.
    detail_only_fields = [*PagesAPIViewSet.detail_only_fields, "body"]

    def get_queryset(self):
        queryset = super().get_queryset()
        if issubclass(queryset.model, ArticlePage):
            return optimise_articles(queryset).order_by(
                "-display_date", "-first_published_at", "-id"
            )
        if issubclass(queryset.model, EditionPage):
            return optimise_editions(queryset).order_by("-first_published_at", "-id")
        return queryset


class CityImagesAPIViewSet(ImagesAPIViewSet):
    filter_backends = [FieldsFilter, wagtail_filters.OrderingFilter, SearchFilter]

    def get_queryset(self):
        return super().get_queryset().prefetch_renditions()


class CityDocumentsAPIViewSet(DocumentsAPIViewSet):
    filter_backends = [FieldsFilter, wagtail_filters.OrderingFilter, SearchFilter]


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", CityPagesAPIViewSet)
api_router.register_endpoint("images", CityImagesAPIViewSet)
api_router.register_endpoint("documents", CityDocumentsAPIViewSet)
