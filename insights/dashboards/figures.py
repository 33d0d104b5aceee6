"""The figures of a dashboard or report, each with its method stated, built from ``queries``.

A ``Figure`` is a number plus how it was obtained; the dashboards, the report and the exports
all read the same figures so they never disagree.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone

from campaigns.models import Campaign, CampaignTarget, KpiMetric
from campaigns.views.common import WIB

from ..models import Metric
from . import formulas, queries
from .queries import OFFICE, Scope

# How a page view is counted (insights.tracking): the dashboards' and the report's note.
COUNTED_ONCE_NOTE = (
    "bot, pramuat dan halaman situs lain dikecualikan; satu pembaca (sidik alamat dan "
    "peramban dengan garam harian, tidak disimpan) dihitung sekali per halaman tiap {} menit"
)


def once_minutes() -> int:
    return settings.TRAFFIC_COUNT_ONCE_SECONDS // 60


@dataclass
class Figure:
    key: str
    label: str
    value: float | int | None
    method: str
    is_rate: bool = False
    # The same figure over the previous period of the same length (set by the dashboard).
    previous: float | int | None = None

    @property
    def shown(self) -> str:
        if self.is_rate:
            return formulas.format_rate(self.value)
        return formulas.format_count(self.value)

    @property
    def change_shown(self) -> str:
        """'▲ 12,5 %' against the previous period; for a rate, the difference in points."""
        if self.value is None or self.previous is None:
            return "—"
        if self.is_rate:
            delta = self.value - self.previous
            return f"{_arrow(delta)} {formulas.format_number(abs(delta), 2)} poin"
        if not self.previous:
            return "—"
        delta = (self.value - self.previous) / abs(self.previous) * 100
        return f"{_arrow(delta)} {formulas.format_number(abs(delta), 1)} %"


def _arrow(delta: float) -> str:
    return "▲" if delta > 0 else ("▼" if delta < 0 else "=")


@dataclass
class Progress:
    target: CampaignTarget
    actual: Figure
    percent: float | None
    # The campaign's own period, over which every target is scored.
    period: tuple[datetime.date, datetime.date] | None = None

    @property
    def bar(self) -> float:
        """Width of the progress bar, 0-100."""
        return max(0.0, min(self.percent or 0.0, 100.0))

    @property
    def met(self) -> bool:
        return self.percent is not None and self.percent >= 100

    @property
    def target_shown(self) -> str:
        if self.target.metric == KpiMetric.ENGAGEMENT_RATE:
            return formulas.format_rate(float(self.target.target_value))
        return formulas.format_count(self.target.target_value)


SUM_NOTE = "jumlah nilai harian (bukan orang unik)"


def figures(
    start: datetime.date, end: datetime.date, scope: Scope = OFFICE, series: dict | None = None
) -> dict:
    """Every headline number for the range, keyed, with its method. ``series`` (per metric,
    per day), when given, saves re-reading the daily flows."""
    series = series or {}

    def total(metric):
        return queries.total(metric, start, end, scope, series.get(metric))

    campaign = bool(scope.campaign_id)
    posts_note = "nilai seumur unggahan terakhir dalam rentang, dijumlah per unggahan"
    flow_note = posts_note if campaign else SUM_NOTE
    start_followers = queries.stock_at(Metric.FOLLOWERS, start, end, scope, first=True)
    end_followers = queries.stock_at(Metric.FOLLOWERS, start, end, scope)
    reach = total(Metric.REACH)
    views = total(Metric.VIEWS)
    parts = {m: total(m) for m in queries.ENGAGEMENT_PARTS}
    known = [v for v in parts.values() if v is not None]
    engagements = sum(known) if known else None
    clicks = total(Metric.LINK_CLICKS)
    page_views = total(Metric.PAGE_VIEWS)
    clippings = queries.clipping_totals(start, end, scope)
    published = queries.published_posts(start, end, scope)
    items = [
        Figure(
            "followers",
            "Pengikut",
            end_followers,
            "Jumlah pengikut terakhir tiap akun dalam rentang (dua sumber: nilai terbesar).",
        ),
        Figure(
            "follower_growth",
            "Pertambahan pengikut",
            formulas.follower_growth(start_followers, end_followers),
            "F_akhir - F_awal (nilai pertama dan terakhir tiap akun dalam rentang).",
        ),
        Figure(
            "follower_growth_rate",
            "Laju pertumbuhan pengikut",
            formulas.follower_growth_rate(start_followers, end_followers),
            "(F_akhir - F_awal) ÷ F_awal x 100. Penyebut: pengikut di awal rentang.",
            is_rate=True,
        ),
        Figure("reach", "Jangkauan", reach, f"Reach dari API resmi; {flow_note}."),
        Figure("views", "Tayangan", views, f"Tayangan termasuk ulangan; {flow_note}."),
        Figure(
            "engagements",
            "Interaksi",
            engagements,
            "Suka + komentar + bagikan + simpan (yang tersedia).",
        ),
        Figure(
            "engagement_rate",
            "Tingkat interaksi per jangkauan",
            formulas.engagement_rate_by_reach(engagements, reach),
            "Interaksi ÷ jangkauan x 100. Penyebut: jangkauan (reach) rentang yang sama.",
            is_rate=True,
        ),
        Figure(
            "link_clicks",
            "Klik tautan",
            clicks,
            "Klik tautan terlacak /l/…, bot dikecualikan; satu pembaca dihitung sekali per "
            f"tautan tiap {once_minutes()} menit; jumlah harian.",
        ),
        Figure(
            "ctr",
            "Rasio klik (CTR)",
            formulas.click_through_rate(clicks, views),
            "Klik tautan terlacak ÷ tayangan x 100. Penyebut: tayangan.",
            is_rate=True,
        ),
        Figure(
            "page_views",
            "Kunjungan halaman",
            page_views,
            f"Penghitung situs sendiri, tanpa cookie; {COUNTED_ONCE_NOTE.format(once_minutes())}"
            + ("; halaman yang ditautkan unggahan kampanye." if campaign else "."),
        ),
        Figure(
            "posts_published",
            "Unggahan terbit",
            sum(published.values()),
            "Pengiriman berstatus terbit dalam rentang (tanggal WIB), semua kanal.",
        ),
        Figure(
            "mentions",
            "Pemberitaan media",
            clippings["total"],
            "Kliping dari umpan RSS media (cocok kata kunci) dan entri manual, tanpa duplikat URL.",
        ),
        Figure(
            "potential_reach",
            "Jangkauan potensial",
            clippings["potential_reach"],
            "Σ perkiraan audiens media yang memberitakan (tiap media sekali): batas atas, "
            "bukan jumlah orang yang membaca.",
        ),
        Figure(
            "net_sentiment",
            "Sentimen bersih",
            formulas.net_sentiment(clippings["positive"], clippings["negative"]),
            "(positif - negatif) ÷ (positif + negatif) x 100. Nada dinilai analis per kliping; "
            "netral dan belum dinilai tidak dihitung.",
            is_rate=True,
        ),
    ]
    result: dict[str, Any] = {figure.key: figure for figure in items}
    result["_clippings"] = clippings
    result["_published"] = published
    result["_parts"] = parts
    return result


def share_of_voice(start: datetime.date, end: datetime.date, peer_set: str = "") -> dict:
    """Share of voice on Instagram against one peer set: by posts published and by followers."""
    peer_set = peer_set or queries.active_peer_set()
    counts = queries.share_of_voice_counts(start, end, peer_set)
    return {
        "peer_set": peer_set,
        **counts,
        "by_posts": Figure(
            "sov_posts",
            "Porsi suara (unggahan)",
            formulas.share_of_voice(counts["ours_posts"], counts["peer_posts"]),
            "Unggahan Instagram kita ÷ (kita + akun pembanding aktif kelompok ini) x 100; "
            "unggahan = jumlah unggahan di akhir - di awal rentang (instaloader).",
            is_rate=True,
        ),
        "by_followers": Figure(
            "sov_followers",
            "Porsi pengikut",
            formulas.share_of_voice(counts["ours_followers"], counts["peer_followers"]),
            "Pengikut Instagram kita ÷ (kita + akun pembanding) x 100, nilai akhir rentang.",
            is_rate=True,
        ),
    }


KPI_FIGURE = {
    KpiMetric.FOLLOWERS: "followers",
    KpiMetric.FOLLOWER_GROWTH: "follower_growth",
    KpiMetric.REACH: "reach",
    KpiMetric.VIEWS: "views",
    KpiMetric.ENGAGEMENTS: "engagements",
    KpiMetric.ENGAGEMENT_RATE: "engagement_rate",
    KpiMetric.LINK_CLICKS: "link_clicks",
    KpiMetric.PAGE_VIEWS: "page_views",
    KpiMetric.MENTIONS: "mentions",
    KpiMetric.POSTS_PUBLISHED: "posts_published",
}


def scoring_period(
    campaign: Campaign, today: datetime.date | None = None
) -> tuple[datetime.date, datetime.date]:
    """The campaign's own dates, up to today: what its targets are scored over."""
    today = today or timezone.now().astimezone(WIB).date()
    return campaign.starts_on, min(campaign.ends_on, max(today, campaign.starts_on))


def kpi_progress(campaign, start: datetime.date, end: datetime.date, all_figures: dict) -> list:
    """Each target against the figure it names (per network when the target names one; ER
    computed from the sums, never averaged). Progress = actual ÷ target x 100.

    Scored over the campaign's own period whatever range is displayed (``all_figures`` are
    reused when the range is that period): growth from before the campaign is not its own."""
    period = scoring_period(campaign)
    if (start, end) != period:
        all_figures = figures(*period, Scope(campaign_id=campaign.pk))
    rows = []
    by_network: dict[str, dict] = {}
    for target in campaign.targets.all():
        source = all_figures
        if target.network:
            if target.network not in by_network:
                scope = Scope(campaign_id=campaign.pk, network=target.network)
                by_network[target.network] = figures(*period, scope)
            source = by_network[target.network]
        actual = source[KPI_FIGURE[target.metric]]
        percent = formulas.progress(actual.value, target.target_value)
        rows.append(Progress(target, actual, percent, period))
    return rows
