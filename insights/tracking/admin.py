"""Admin view sets of this area, added to the "Pengukuran" menu group: "Tautan terlacak", a
read-only list of the short links our posts carried, with their clicks counted in SQL,
filtered and exported as CSV or XLSX."""

import django_filters
from django import forms
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.coreutils import multigetattr

from campaigns.models import Campaign, Network
from campaigns.views.columns import WibColumn
from campaigns.views.common import post_url
from campaigns.views.listings import ReadOnlyIndexView, ReadOnlyModelViewSet

from ..models import TrackedLink, TrafficEvent
from .links import short_url


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


def post_of(link: TrackedLink) -> str:
    return str(link.delivery.post) if link.delivery else ""


def _campaigns(request):
    return Campaign.objects.only("pk", "name").order_by("name")


class TrackedLinkFilterSet(WagtailFilterSet):
    campaign = django_filters.ModelChoiceFilter(
        label="Kampanye",
        field_name="campaign",
        queryset=_campaigns,  # type: ignore[arg-type]  # the stub forgets callables
        empty_label="Semua",
    )
    network = django_filters.MultipleChoiceFilter(
        label="Jaringan",
        field_name="network",
        choices=Network.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = TrackedLink
        fields = ["campaign", "network"]


class TrackedLinkIndexView(ReadOnlyIndexView):
    page_title = "Tautan terlacak"
    default_ordering = "-created_at"

    def get_base_queryset(self):
        return TrackedLink.objects.select_related(
            "campaign", "delivery__post", "delivery__account"
        ).annotate(clicks=clicks_of_each_link())

    def order_queryset(self, queryset):
        return queryset.order_by(self.ordering or self.default_ordering, "-pk")

    def to_row_dict(self, item):
        """The short link as the post carried it, and its post (a link may have none)."""
        computed = {"code": short_url, "post": post_of}
        return {
            field: computed[field](item) if field in computed else multigetattr(item, field)
            for field in self.list_export
        }


class TrackedLinkViewSet(ReadOnlyModelViewSet):
    """The short links our posts carried, each with its target and its clicks: read,
    filtered and exported; they are made by the dispatcher, never here."""

    model = TrackedLink
    name = "campaigns_tracked_links"
    url_prefix = "campaigns/tracked-links"
    icon = "link"
    menu_label = "Tautan terlacak"
    index_view_class = TrackedLinkIndexView
    filterset_class = TrackedLinkFilterSet
    search_fields = ["code", "target_url"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        Column("code", label="Tautan pendek", accessor=short_url, width="16%"),
        Column("target_url", label="Tujuan (dengan UTM)", width="34%"),
        Column("network", label="Jaringan", sort_key="network", width="8%"),
        Column("campaign", label="Kampanye", width="12%"),
        TitleColumn(
            "post",
            label="Unggahan",
            accessor=lambda link: post_of(link) or "—",
            get_url=lambda link: post_url(link.delivery.post_id) if link.delivery else "",
            width="14%",
        ),
        Column("clicks", label="Klik", sort_key="clicks", width="6%"),
        WibColumn("created_at", label="Dibuat (WIB)", sort_key="created_at", width="10%"),
    ]
    list_export = ["code", "target_url", "network", "campaign", "post", "clicks", "created_at"]
    export_headings = {
        "code": "Tautan pendek",
        "target_url": "Tujuan (dengan UTM)",
        "network": "Jaringan",
        "campaign": "Kampanye",
        "post": "Unggahan",
        "clicks": "Klik",
        "created_at": "Dibuat (WIB)",
    }
    export_filename = "tautan-terlacak"


VIEWSETS: list = [TrackedLinkViewSet()]
