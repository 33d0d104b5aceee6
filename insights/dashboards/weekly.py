"""The weekly report by e-mail: every Monday at 07.00 WIB, each subscriber of a campaign that
ran last week gets its KPI cards and targets, a link to the dashboard, and the report of the
week as PDF. HTML with a plain-text part.

A subscription is claimed for the week with a conditional update before sending, so a second
beat, or the task run twice, sends nothing more; a person who may no longer read the campaign
gets nothing.
"""

import datetime
import logging

from celery import shared_task
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import User
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_POST

from campaigns.models import Campaign

from ..models import ReportSubscription
from . import access, board
from .pdf import render_report_pdf
from .queries import Scope
from .report import campaign_for

logger = logging.getLogger(__name__)


def previous_week(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Monday to Sunday of the week before ``today``'s."""
    monday = today - datetime.timedelta(days=today.weekday() + 7)
    return monday, monday + datetime.timedelta(days=6)


def is_subscribed(user: User, campaign: Campaign) -> bool:
    return ReportSubscription.objects.filter(user=user, campaign=campaign).exists()


@shared_task(name="insights.send_weekly_reports", ignore_result=True)
def send_weekly_reports(today: str | None = None) -> int:
    """Send last week's report to every subscriber; returns the number of e-mails sent."""
    day = datetime.date.fromisoformat(today) if today else access.today_wib()
    start, end = previous_week(day)
    due = (
        ReportSubscription.objects.filter(
            campaign__starts_on__lte=end, campaign__ends_on__gte=start
        )
        .filter(Q(last_sent_week__isnull=True) | Q(last_sent_week__lt=start))
        .select_related("user", "campaign")
        .order_by("campaign", "pk")
    )
    pdfs: dict[int, bytes] = {}
    sent = 0
    for subscription in due:
        user, campaign = subscription.user, subscription.campaign
        if not (user.is_active and user.email and access.can_read_campaign(user, campaign)):
            continue
        claimed = (
            ReportSubscription.objects.filter(pk=subscription.pk)
            .filter(Q(last_sent_week__isnull=True) | Q(last_sent_week__lt=start))
            .update(last_sent_week=start)
        )
        if not claimed:
            continue  # another run sent it
        try:
            if campaign.pk not in pdfs:
                pdfs[campaign.pk] = render_report_pdf(campaign, start, end)
            weekly_email(campaign, start, end, user.email, pdfs[campaign.pk]).send()
        except Exception:
            logger.exception("Weekly report of campaign %s to user %s failed", campaign.pk, user.pk)
            ReportSubscription.objects.filter(pk=subscription.pk).update(
                last_sent_week=subscription.last_sent_week
            )
            continue
        sent += 1
    return sent


def weekly_email(
    campaign: Campaign, start: datetime.date, end: datetime.date, to: str, pdf: bytes
) -> EmailMultiAlternatives:
    data = board.build(start, end, Scope(campaign_id=campaign.pk), campaign)
    dashboard = (
        f"{settings.PUBLIC_BASE_URL}{reverse('campaigns_dashboard:campaign', args=[campaign.pk])}"
        f"?start={start.isoformat()}&end={end.isoformat()}"
    )
    context = {
        "campaign": campaign,
        "start": start,
        "end": end,
        "cards": data["cards"],
        "kpis": data["kpis"],
        "dashboard_url": dashboard,
    }
    subject = f"Laporan mingguan: {campaign.name} ({start:%d-%m} s.d. {end:%d-%m-%Y})"
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("insights/report/weekly_email.txt", context),
        to=[to],
    )
    message.attach_alternative(
        render_to_string("insights/report/weekly_email.html", context), "text/html"
    )
    message.attach(f"laporan-{start:%Y%m%d}-{end:%Y%m%d}.pdf", pdf, "application/pdf")
    return message


@require_POST
def toggle_subscription(request, pk: int):
    """ "Kirimi saya laporan mingguan" on the report page, and its undo."""
    campaign = campaign_for(request, pk)
    subscription, created = ReportSubscription.objects.get_or_create(
        user=request.user, campaign=campaign
    )
    if created:
        where = request.user.email or "(belum ada alamat surel di profil Anda)"
        messages.success(
            request, f"Laporan mingguan dikirim ke {where} setiap Senin pukul 07.00 WIB."
        )
    else:
        subscription.delete()
        messages.success(request, "Langganan laporan mingguan dihentikan.")
    return redirect("campaigns_report:report", pk=campaign.pk)
