"""Everything one dashboard shows for a period and a scope: figures, charts, share of voice,
top posts and articles, collector status. Shared by the office and the campaign dashboards."""

import datetime

from campaigns.models import Delivery, DeliveryStatus
from campaigns.views.common import WIB

from ..models import Metric, MetricSample, Source, Tone
from . import charts, collection, formulas, peers, queries
from .figures import figures, kpi_progress, share_of_voice
from .queries import OFFICE, Scope

CHARTED = [
    (Metric.FOLLOWERS, "Pengikut", "Pengikut per hari (Σ akun; nilai hari itu)"),
    (Metric.REACH, "Jangkauan", "Jangkauan per hari"),
    (Metric.VIEWS, "Tayangan", "Tayangan per hari"),
    (Metric.LINK_CLICKS, "Klik tautan", "Klik tautan terlacak per hari"),
    (Metric.PAGE_VIEWS, "Kunjungan halaman", "Kunjungan halaman situs per hari"),
]
UNITS = {
    Metric.FOLLOWERS: "akun",
    Metric.REACH: "akun",
    Metric.VIEWS: "tayangan",
    Metric.LINK_CLICKS: "klik",
    Metric.PAGE_VIEWS: "kunjungan",
}
# Okabe-Ito hues, each with its own hatch in the chart (never red against green alone).
TONE_SERIES = [
    (Tone.POSITIVE, "Positif", "#0072b2"),
    (Tone.NEUTRAL, "Netral", "#7f7f7f"),
    (Tone.NEGATIVE, "Negatif", "#d55e00"),
    (Tone.UNRATED, "Belum dinilai", "#b8b8b8"),
]
POST_MARK_CHARS = 80


def campaign_marks(campaign, start: datetime.date, end: datetime.date) -> charts.Marks:
    """The campaign's period and its posts published in the range, by WIB day."""
    if campaign is None:
        return charts.NO_MARKS
    posts: dict[datetime.date, list[str]] = {}
    published = (
        Delivery.objects.filter(
            post__campaign=campaign,
            status=DeliveryStatus.PUBLISHED,
            published_at__date__gte=start - datetime.timedelta(days=1),
            published_at__date__lte=end + datetime.timedelta(days=1),
        )
        .order_by("published_at")
        .values_list("published_at", "post_id", "post__text")
    )
    seen = set()
    for moment, post_id, text in published:
        if moment is None:  # never: the date range leaves NULL out
            continue
        day = moment.astimezone(WIB).date()
        if start <= day <= end and (day, post_id) not in seen:
            seen.add((day, post_id))
            excerpt = " ".join(text.split())
            if len(excerpt) > POST_MARK_CHARS:
                excerpt = excerpt[: POST_MARK_CHARS - 1] + "…"
            posts.setdefault(day, []).append(excerpt or f"Unggahan #{post_id}")
    return charts.Marks(period=(campaign.starts_on, campaign.ends_on), posts=posts)


def counted_series(metric: str, start: datetime.date, end: datetime.date, scope: Scope):
    """A metric's daily series and subjects measured per day: a campaign's post metrics as
    lifetime totals (the latest value known each day), everything else as daily values."""
    if queries.is_lifetime(metric, scope):
        return queries.lifetime_series(metric, start, end, scope)
    return queries.daily_series_counted(metric, start, end, scope)


LIFETIME_TITLES = {
    Metric.REACH: "Jangkauan unggahan kampanye: total seumur unggahan (nilai terakhir tiap hari)",
    Metric.VIEWS: "Tayangan unggahan kampanye: total seumur unggahan (nilai terakhir tiap hari)",
}


def series_for(start: datetime.date, end: datetime.date, scope: Scope) -> tuple[dict, dict]:
    """The daily series of every charted metric plus the engagement parts, and per day the
    number of subjects measured."""
    metrics = [metric for metric, _, _ in CHARTED] + list(queries.ENGAGEMENT_PARTS)
    counted = {m: counted_series(m, start, end, scope) for m in metrics}
    return {m: c[0] for m, c in counted.items()}, {m: c[1] for m, c in counted.items()}


def engagement_rate_series(series: dict, days: list[datetime.date]) -> dict:
    """Per day: (likes + comments + shares + saves) ÷ reach x 100; None when reach is missing."""
    result = {}
    for day in days:
        parts = [series[m].get(day) for m in queries.ENGAGEMENT_PARTS]
        if all(part is None for part in parts):
            continue
        rate = formulas.engagement_rate_by_reach(
            sum(p or 0 for p in parts), series[Metric.REACH].get(day)
        )
        if rate is not None:
            result[day] = rate
    return result


def compared(figure, previous):
    """The figure, carrying its value over the previous period of the same length."""
    figure.previous = previous.value
    return figure


def build(start: datetime.date, end: datetime.date, scope: Scope = OFFICE, campaign=None) -> dict:
    days = charts.days_between(start, end)
    series, counts = series_for(start, end, scope)
    numbers = figures(start, end, scope, series)  # before gap days are taken off the charts
    length = (end - start).days + 1
    before = figures(
        start - datetime.timedelta(days=length), start - datetime.timedelta(days=1), scope
    )
    failures = collection.failed_runs(start, end)
    marks = campaign_marks(campaign, start, end)
    chart_list = []
    for metric, label, title in CHARTED:
        if queries.is_lifetime(metric, scope):
            title = LIFETIME_TITLES.get(metric, title)
        gaps = collection.gaps(metric, series[metric], failures, counts[metric])
        # A partial day is not drawn: the missing subjects would look like a drop.
        series[metric] = {d: v for d, v in series[metric].items() if d not in gaps}
        chart_list.append(
            charts.line_chart(
                f"chart-{metric}",
                title,
                days,
                [(label, series[metric])],
                gaps=gaps,
                unit=UNITS[metric],
                marks=marks,
            )
        )
    er = engagement_rate_series(series, days)
    chart_list.insert(
        3,
        charts.line_chart(
            "chart-engagement-rate",
            "Tingkat interaksi per jangkauan (%) per hari",
            days,
            [("Tingkat interaksi", er)],
            gaps=collection.gaps(Metric.REACH, er, failures),
            value_format=formulas.format_rate,
            unit="%",
            marks=marks,
        ),
    )
    tones = queries.mentions_by_tone(start, end, scope)
    chart_list.append(
        charts.stacked_bar_chart(
            "chart-mentions",
            "Pemberitaan media per hari menurut nada",
            days,
            [(label, tones.get(tone, {})) for tone, label, _ in TONE_SERIES],
            tuple(colour for _, _, colour in TONE_SERIES),
            gaps=collection.gaps(
                Metric.MENTIONS, {d: 1 for t in tones.values() for d in t}, failures
            ),
            unit="berita",
            marks=marks,
        )
    )
    sov = share_of_voice(start, end)
    return {
        "start": start,
        "end": end,
        "days": days,
        "series": series,
        "figures": numbers,
        "period_days": length,
        "cards": [
            compared(numbers[key], before[key])
            for key in (
                "followers",
                "follower_growth",
                "reach",
                "views",
                "engagement_rate",
                "link_clicks",
                "page_views",
                "mentions",
                "net_sentiment",
                "potential_reach",
            )
        ],
        "charts": chart_list,
        "sov": sov,
        "peers": peers.peer_table(start, end, sov["peer_set"]),
        "peer_method": peers.PEER_METHOD,
        "top_posts": queries.top_posts(start, end, scope),
        "top_articles": queries.top_articles(start, end, scope),
        "collectors": collection.collector_status(),
        "kpis": kpi_progress(campaign, start, end, numbers) if campaign else [],
        "demo_data": demo_data_in(start, end),
    }


def demo_data_in(start: datetime.date, end: datetime.date) -> bool:
    """Whether the range holds the demo's made-up figures (``seed_demo``): the dashboard
    says so. Asked of the followers samples, which every demo account has (the index on
    metric and day keeps it small on a real year of samples)."""
    return MetricSample.objects.filter(
        metric=Metric.FOLLOWERS, day__range=(start, end), source=Source.DEMO
    ).exists()
