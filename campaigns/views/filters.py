"""The filters of the calendar, the delivery listing and the delivery log: campaign, account,
status. One definition, so the three screens answer the same question the same way."""

import datetime
from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.http import HttpRequest
from wagtail.admin.filters import WagtailFilterSet

from ..models import (
    AttemptOutcome,
    Campaign,
    Delivery,
    DeliveryAttempt,
    DeliveryStatus,
    SocialAccount,
)
from .common import WIB


def _campaigns(request: HttpRequest) -> QuerySet[Campaign]:
    campaigns: QuerySet[Campaign] = Campaign.objects.only("pk", "name").order_by("name")
    return campaigns


def _accounts(request: HttpRequest) -> QuerySet[SocialAccount]:
    return SocialAccount.objects.only("pk", "network", "handle").order_by("network", "handle")


class DeliveryFilterSet(WagtailFilterSet):
    campaign = django_filters.ModelChoiceFilter(
        label="Kampanye",
        field_name="post__campaign",
        queryset=_campaigns,  # type: ignore[arg-type]  # the stub forgets callables
        empty_label="Semua",
    )
    account = django_filters.ModelChoiceFilter(
        label="Akun",
        field_name="account",
        queryset=_accounts,  # type: ignore[arg-type]  # the stub forgets callables
        empty_label="Semua",
    )
    status = django_filters.MultipleChoiceFilter(
        label="Status",
        field_name="status",
        choices=DeliveryStatus.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    day = django_filters.DateFilter(
        label="Tanggal (WIB)",
        method="on_day",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Delivery
        fields = ["campaign", "account", "status", "day"]

    def on_day(self, queryset: QuerySet[Any], name: str, value: datetime.date) -> QuerySet[Any]:
        """Deliveries of one WIB day (by ``when``: published, scheduled or planned)."""
        start = datetime.datetime.combine(value, datetime.time(0), WIB)
        end = start + datetime.timedelta(days=1)
        return queryset.filter(when__gte=start, when__lt=end)


class DeliveryAttemptFilterSet(WagtailFilterSet):
    campaign = django_filters.ModelChoiceFilter(
        label="Kampanye",
        field_name="delivery__post__campaign",
        queryset=_campaigns,  # type: ignore[arg-type]  # the stub forgets callables
        empty_label="Semua",
    )
    account = django_filters.ModelChoiceFilter(
        label="Akun",
        field_name="delivery__account",
        queryset=_accounts,  # type: ignore[arg-type]  # the stub forgets callables
        empty_label="Semua",
    )
    status = django_filters.MultipleChoiceFilter(
        label="Status pengiriman",
        field_name="delivery__status",
        choices=DeliveryStatus.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    outcome = django_filters.MultipleChoiceFilter(
        label="Hasil percobaan",
        field_name="outcome",
        choices=AttemptOutcome.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    delivery = django_filters.NumberFilter(label="Nomor pengiriman", field_name="delivery_id")

    class Meta:
        model = DeliveryAttempt
        fields = ["campaign", "account", "status", "outcome", "delivery"]
