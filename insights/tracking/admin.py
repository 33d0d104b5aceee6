"""Admin view sets of this area, added to the "Pengukuran" menu group: "Tautan terlacak", a
read-only list of the short links our posts carried, with their clicks counted in SQL."""

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import path
from django.utils.functional import cached_property
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from campaigns.views.columns import WibColumn
from campaigns.views.common import menu_item_requiring, post_url

from ..models import TrackedLink, TrafficEvent
from .links import short_url

VIEW_TRACKED_LINK = "insights.view_trackedlink"


def clicks_of_each_link():
    """Clicks per link as a correlated subquery: counted only for the rows on the page."""
    counted = (
        TrafficEvent.objects.filter(link=OuterRef("pk"))
        .order_by()
        .values("link")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


class TrackedLinkIndexView(IndexView):
    model = TrackedLink
    permission_policy = ModelPermissionPolicy(TrackedLink)
    permission_required = "view"
    any_permission_required = None
    default_ordering = "-created_at"
    paginate_by = 50
    search_fields = ["code", "target_url"]
    search_backend_name = None
    page_title = "Tautan terlacak"
    header_icon = "link"
    index_url_name = "campaigns_tracked_links:index"
    index_results_url_name = "campaigns_tracked_links:index_results"

    def get_base_queryset(self):
        return TrackedLink.objects.select_related(
            "campaign", "delivery__post", "delivery__account"
        ).annotate(clicks=clicks_of_each_link())

    def order_queryset(self, queryset):
        return queryset.order_by(self.ordering or self.default_ordering, "-pk")

    @cached_property
    def columns(self):
        return [
            Column("code", label="Tautan pendek", accessor=short_url, width="16%"),
            Column("target_url", label="Tujuan (dengan UTM)", width="34%"),
            Column("network", label="Jaringan", sort_key="network", width="8%"),
            Column("campaign", label="Kampanye", width="12%"),
            TitleColumn(
                "post",
                label="Unggahan",
                accessor=lambda link: str(link.delivery.post) if link.delivery else "—",
                get_url=lambda link: post_url(link.delivery.post_id) if link.delivery else "",
                width="14%",
            ),
            Column("clicks", label="Klik", sort_key="clicks", width="6%"),
            WibColumn("created_at", label="Dibuat (WIB)", sort_key="created_at", width="10%"),
        ]


class TrackedLinkViewSet(ViewSet):
    name = "campaigns_tracked_links"
    url_prefix = "campaigns/tracked-links"
    icon = "link"
    menu_label = "Tautan terlacak"
    menu_item_class = menu_item_requiring(VIEW_TRACKED_LINK)

    def get_urlpatterns(self):
        return [
            path("", TrackedLinkIndexView.as_view(), name="index"),
            path("results/", TrackedLinkIndexView.as_view(results_only=True), name="index_results"),
        ]


VIEWSETS: list = [TrackedLinkViewSet()]
