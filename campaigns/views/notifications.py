"""Each user's own notifications (``campaigns.notify``): a menu item with the unread count,
a list that marks what it shows as read, and a dashboard panel of the latest unread."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views import View
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.admin.views.generic.base import BaseListingView
from wagtail.admin.viewsets.base import ViewSet

from ..models import Notification
from .common import format_wib

PANEL_LIMIT = 5


def unread(user):
    return Notification.objects.filter(recipient=user, read_at__isnull=True)


class NotificationMenuItem(MenuItem):
    """The label reads "Notifikasi (3)": the count is read per request (one indexed COUNT)."""

    def render_component(self, request):
        count = unread(request.user).count()
        label = f"{self.label} ({count})" if count else self.label
        return LinkMenuItem(
            self.name,
            label,
            self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs={**self.attrs, "aria-label": f"{self.label}: {count} belum dibaca"},
        )


class NotificationIndexView(BaseListingView):
    """The user's notifications, newest first. Those shown are marked read once shown."""

    template_name = "campaigns/notifications/index.html"
    results_template_name = "campaigns/notifications/index_results.html"
    page_title = "Notifikasi"
    header_icon = "mail"
    paginate_by = 30
    index_url_name = "campaigns_notifications:index"

    def get_base_queryset(self):
        return Notification.objects.filter(recipient=self.request.user)

    def get_queryset(self):
        return self.get_base_queryset().order_by("-created_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        notifications = list(context["object_list"])
        for notification in notifications:
            notification.created_wib = format_wib(notification.created_at)
        context["notifications"] = notifications
        context["unread_count"] = unread(self.request.user).count()
        shown_unread = [n.pk for n in notifications if n.read_at is None]
        if shown_unread:
            Notification.objects.filter(pk__in=shown_unread, read_at__isnull=True).update(
                read_at=timezone.now()
            )
        return context


class MarkAllReadView(View):
    http_method_names = ["post"]

    def post(self, request):
        count = unread(request.user).update(read_at=timezone.now())
        messages.success(request, f"{count} notifikasi ditandai sudah dibaca.")
        return redirect("campaigns_notifications:index")


class NotificationViewSet(ViewSet):
    name = "campaigns_notifications"
    url_prefix = "notifications"
    icon = "mail"
    menu_label = "Notifikasi"
    menu_order = 150
    add_to_admin_menu = True
    menu_item_class = NotificationMenuItem

    def get_urlpatterns(self):
        return [
            path("", NotificationIndexView.as_view(), name="index"),
            path("mark-all-read/", MarkAllReadView.as_view(), name="mark_all_read"),
        ]


class UnreadNotificationsPanel(Component):
    name = "benteng_notifications"
    template_name = "campaigns/notifications/panel.html"
    order = 90

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        latest = list(unread(request.user)[:PANEL_LIMIT])
        for notification in latest:
            notification.created_wib = format_wib(notification.created_at)
        more = unread(request.user).count() - PANEL_LIMIT if len(latest) == PANEL_LIMIT else 0
        return {
            "notifications": latest,
            "more": more,
            "index_url": reverse("campaigns_notifications:index"),
        }


notification_viewset = NotificationViewSet()


@hooks.register("register_admin_viewset")
def register_notifications():
    return notification_viewset


@hooks.register("construct_homepage_panels")
def add_notifications_panel(request, panels):
    panels.append(UnreadNotificationsPanel())
