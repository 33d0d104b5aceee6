""" "Kumpulkan sekarang": an analyst asks one collector to run now instead of waiting for its
schedule (news feeds wait 30 minutes, insights a day).

The request only enqueues the collector's own beat task, so the run is the ordinary one: it
records its ``CollectionRun`` as usual and obeys the same routing (instaloader's single
queue) and rate limits. One request per collector per few minutes: a flood of clicks is one
run, and the person is told it is already on its way.
"""

from celery import current_app
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser, User
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from ..models import Collector

RUN_COLLECTOR = "insights.run_collector"
# Seconds before the same collector can be asked again.
COOL_DOWN = 5 * 60

# What can be run now: the collector's beat task (see cms/celery.py) and the button's label.
RUNNABLE: dict[str, tuple[str, str]] = {
    Collector.NEWS_FEEDS: ("insights.poll_news_feeds", "Umpan berita (kliping)"),
    Collector.INSTAGRAM_INSIGHTS: (
        "insights.collect_platform_insights",
        "Insights platform (Instagram, Facebook, X, Telegram)",
    ),
    Collector.INSTAGRAM_PUBLIC: ("insights.collect_instagram_public", "Instagram publik"),
    Collector.SITE_TRAFFIC: ("insights.flush_traffic", "Kunjungan dan klik situs"),
    Collector.CANARY: ("insights.run_instaloader_canary", "Kanari instaloader"),
}


def runnable_for(user: User | AnonymousUser) -> list[tuple[str, str]]:
    """(collector, label) pairs the user may run now; empty without the permission."""
    if not user.has_perm(RUN_COLLECTOR):
        return []
    return [(collector, label) for collector, (_, label) in RUNNABLE.items()]


@require_POST
def run_collector_now(request: HttpRequest, collector: str) -> HttpResponse:
    if not request.user.has_perm(RUN_COLLECTOR):
        raise PermissionDenied
    if collector not in RUNNABLE:
        raise Http404
    task, label = RUNNABLE[collector]
    if cache.add(f"collector-run-now:{collector}", request.user.pk, timeout=COOL_DOWN):
        current_app.send_task(task)
        messages.success(
            request,
            f"{label}: diminta berjalan sekarang. Hasilnya muncul di tabel ini dalam beberapa "
            "menit.",
        )
    else:
        messages.warning(
            request,
            f"{label} sudah diminta berjalan beberapa menit lalu; tunggu hasilnya di tabel ini.",
        )
    return redirect("campaigns_collector_status:index")
