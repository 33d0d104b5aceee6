"""Who reads which numbers: analysts, Kepala Humas and superusers read every dashboard;
a social media manager reads the dashboards of the campaigns they own; nobody else."""

import datetime
from typing import Any

from django import forms
from django.contrib.auth.models import AnonymousUser, User
from django.utils import timezone

from campaigns.models import Campaign
from campaigns.policy import owns
from core.indonesian import WIB
from core.roles import SOCIAL_MEDIA_MANAGERS_GROUP

READ_METRICS = "insights.view_metricsample"
DEFAULT_DAYS = 30
MAX_DAYS = 366


def can_read_office(user: User | AnonymousUser) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm(READ_METRICS))


def is_social_manager(user: User | AnonymousUser) -> bool:
    return user.groups.filter(name=SOCIAL_MEDIA_MANAGERS_GROUP).exists()


def can_read_campaign(user: User | AnonymousUser, campaign: Campaign) -> bool:
    if can_read_office(user):
        return True
    return is_social_manager(user) and owns(user, campaign)


def today_wib() -> datetime.date:
    return timezone.now().astimezone(WIB).date()


class DateRangeForm(forms.Form):
    """The dashboard's period, in WIB days, from GET parameters ``start`` and ``end``."""

    start = forms.DateField(
        label="Dari tanggal", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label="Sampai tanggal", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(
        self, *args: Any, default: tuple[datetime.date, datetime.date], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.default = default

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start = data.get("start") or self.default[0]
        end = data.get("end") or self.default[1]
        if start > end:
            raise forms.ValidationError(
                "Tanggal awal harus sebelum atau sama dengan tanggal akhir."
            )
        if (end - start).days + 1 > MAX_DAYS:
            raise forms.ValidationError(f"Rentang paling panjang {MAX_DAYS} hari.")
        data["start"], data["end"] = start, end
        return data

    def period(self) -> tuple[datetime.date, datetime.date]:
        """The chosen period, or the default one when the input is invalid."""
        if self.is_valid():
            return self.cleaned_data["start"], self.cleaned_data["end"]
        return self.default


def office_default() -> tuple[datetime.date, datetime.date]:
    today = today_wib()
    return today - datetime.timedelta(days=DEFAULT_DAYS - 1), today


def campaign_default(campaign: Campaign) -> tuple[datetime.date, datetime.date]:
    """The campaign's own period, up to today (a campaign is judged over its dates)."""
    end = min(campaign.ends_on, max(today_wib(), campaign.starts_on))
    return campaign.starts_on, end
