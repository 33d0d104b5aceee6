"""The content calendar: every post's deliveries by day, month or week, in WIB.

A day shows its first few deliveries and "+N lainnya", a link to the delivery listing
filtered to that day (a campaign day of 1,100 deliveries stays a small page). One light
query reads the period's ids and times, a second the shown deliveries with their post,
campaign and account. Each day offers "+ unggahan" to write a post for that day.
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from core.indonesian import MONTHS, WEEKDAYS

from ..health import scheduler_health
from ..models import Delivery
from .common import (
    ADD_POST,
    STATUS_TONES,
    VIEW_DELIVERY,
    WIB,
    add_post_url,
    format_day,
    menu_item_requiring,
    post_url,
    when_ordering,
    with_when,
)
from .filters import DeliveryFilterSet

MONTH, WEEK = "month", "week"
SHOWN_PER_DAY = {MONTH: 4, WEEK: 12}  # the rest of a day: "+N lainnya"
DEFAULT_HOUR = 9  # "+ unggahan" on a future day suggests 09.00 WIB


@dataclass
class CalendarItem:
    delivery: Delivery
    time: str
    url: str

    @property
    def tone(self) -> str:
        return STATUS_TONES.get(self.delivery.status, "neutral")


@dataclass
class CalendarDay:
    date: datetime.date
    in_period: bool
    is_today: bool
    add_url: str = ""
    items: list[CalendarItem] = field(default_factory=list)
    more: int = 0  # deliveries of the day not shown
    more_url: str = ""

    @property
    def label(self) -> str:
        return format_day(self.date)


def period(mode: str, anchor: datetime.date) -> tuple[datetime.date, datetime.date]:
    """First and last day shown: whole weeks (Monday to Sunday) around the month or week."""
    if mode == WEEK:
        start = anchor - datetime.timedelta(days=anchor.weekday())
        return start, start + datetime.timedelta(days=6)
    first = anchor.replace(day=1)
    last = shift(first, MONTH, 1) - datetime.timedelta(days=1)
    return (
        first - datetime.timedelta(days=first.weekday()),
        last + datetime.timedelta(days=6 - last.weekday()),
    )


def shift(anchor: datetime.date, mode: str, step: int) -> datetime.date:
    """The anchor of the previous (step -1) or next (+1) month or week."""
    if mode == WEEK:
        return anchor + datetime.timedelta(weeks=step)
    months = anchor.year * 12 + anchor.month - 1 + step
    return datetime.date(months // 12, months % 12 + 1, 1)


def utc_bounds(first: datetime.date, last: datetime.date):
    """WIB midnight of the first day to WIB midnight after the last, as aware datetimes."""
    start = datetime.datetime.combine(first, datetime.time(0), WIB)
    end = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time(0), WIB)
    return start, end


def suggested_time(day: datetime.date, now_wib: datetime.datetime) -> datetime.datetime | None:
    """When a new post for ``day`` should start: 09.00, or the next full hour today."""
    if day > now_wib.date():
        return datetime.datetime.combine(day, datetime.time(DEFAULT_HOUR), WIB)
    if day == now_wib.date():
        next_hour = now_wib.replace(minute=0, second=0, microsecond=0) + datetime.timedelta(hours=1)
        return next_hour if next_hour.date() == day else None
    return None


class CalendarView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    permission_policy = ModelPermissionPolicy(Delivery)
    permission_required = "view"
    template_name = "campaigns/calendar/index.html"
    page_title = "Kalender konten"
    header_icon = "date"
    index_url_name = "campaigns_calendar:index"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    @cached_property
    def mode(self) -> str:
        return WEEK if self.request.GET.get("view") == WEEK else MONTH

    @cached_property
    def now_wib(self) -> datetime.datetime:
        return timezone.now().astimezone(WIB)

    @cached_property
    def anchor(self) -> datetime.date:
        try:
            return datetime.date.fromisoformat(self.request.GET.get("date", ""))
        except ValueError:
            return self.now_wib.date()

    @cached_property
    def filters(self) -> DeliveryFilterSet:
        return DeliveryFilterSet(data=self.request.GET or None, request=self.request)

    def deliveries(self, first: datetime.date, last: datetime.date) -> QuerySet:
        start, end = utc_bounds(first, last)
        queryset = with_when(Delivery.objects.select_related("post__campaign", "account")).filter(
            when__gte=start, when__lt=end
        )
        if self.filters.is_bound and self.filters.is_valid():
            queryset = self.filters.filter_queryset(queryset)
        return queryset.order_by(*when_ordering(), "account__network", "account__handle")

    def days(self) -> list[CalendarDay]:
        first, last = period(self.mode, self.anchor)
        today = self.now_wib.date()
        add_url = add_post_url() if self.request.user.has_perm(ADD_POST) else ""
        campaign = self.request.GET.get("campaign", "")
        by_date = {}
        day = first
        while day <= last:
            in_period = self.mode == WEEK or day.month == self.anchor.month
            by_date[day] = CalendarDay(day, in_period, day == today)
            start = suggested_time(day, self.now_wib) if add_url else None
            if start:
                query = {"scheduled_at": f"{start:%Y-%m-%dT%H:%M}"}
                if campaign.isdigit():
                    query["campaign"] = campaign
                by_date[day].add_url = f"{add_url}?{urlencode(query)}"
            day += datetime.timedelta(days=1)
        shown = self.place(by_date, first, last)
        for delivery in self.deliveries(first, last).filter(pk__in=shown):
            local = delivery.when.astimezone(WIB)
            item = CalendarItem(delivery, f"{local:%H.%M}", post_url(delivery.post_id))
            by_date[local.date()].items.append(item)
        return list(by_date.values())

    def place(self, by_date: dict, first: datetime.date, last: datetime.date) -> list[int]:
        """The ids shown on each day (the first few, in time order); the rest are counted
        into the day's "+N lainnya" link to the listing of that day."""
        limit = SHOWN_PER_DAY[self.mode]
        listing = reverse("campaigns_deliveries:index")
        shown = []
        counts: dict[datetime.date, int] = {}
        for pk, when in self.deliveries(first, last).values_list("pk", "when"):
            date = when.astimezone(WIB).date()
            counts[date] = counts.get(date, 0) + 1
            if counts[date] <= limit:
                shown.append(pk)
        for date, count in counts.items():
            if count > limit:
                query = self.request.GET.copy()
                for name in ("view", "date"):
                    query.pop(name, None)
                query["day"] = date.isoformat()
                by_date[date].more = count - limit
                by_date[date].more_url = f"{listing}?{query.urlencode()}"
        return shown

    def link(self, **changes) -> str:
        query = self.request.GET.copy()
        for key, value in changes.items():
            query[key] = value
        return f"{reverse(self.index_url_name)}?{query.urlencode()}"

    def period_label(self) -> str:
        if self.mode == MONTH:
            return f"{MONTHS[self.anchor.month - 1]} {self.anchor.year}"
        first, last = period(WEEK, self.anchor)
        if first.month == last.month:
            return f"{first.day}\u2013{last.day} {MONTHS[last.month - 1]} {last.year}"
        return (
            f"{first.day} {MONTHS[first.month - 1]} {first.year} \u2013 "
            f"{last.day} {MONTHS[last.month - 1]} {last.year}"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        days = self.days()
        today = self.now_wib.date().isoformat()
        context.update(
            mode=self.mode,
            days=days,
            weeks=[days[index : index + 7] for index in range(0, len(days), 7)],
            weekdays=WEEKDAYS,
            period_label=self.period_label(),
            previous_url=self.link(date=shift(self.anchor, self.mode, -1).isoformat()),
            next_url=self.link(date=shift(self.anchor, self.mode, 1).isoformat()),
            today_url=self.link(date=today),
            month_url=self.link(view=MONTH),
            week_url=self.link(view=WEEK),
            filters=self.filters,
            selected_statuses=self.request.GET.getlist("status"),
            health=scheduler_health(),
            deliveries_url=reverse("campaigns_deliveries:index"),
        )
        return context


class CalendarViewSet(ViewSet):
    name = "campaigns_calendar"
    url_prefix = "campaigns/calendar"
    icon = "date"
    menu_label = "Kalender konten"
    menu_item_class = menu_item_requiring(VIEW_DELIVERY)

    def get_urlpatterns(self):
        return [path("", CalendarView.as_view(), name="index")]


calendar_viewset = CalendarViewSet()
