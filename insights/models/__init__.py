"""Insights' data: metric samples and their rollups, where they come from (collector runs,
peer accounts), first-party traffic (tracked links, page views), clippings, outcomes and
who receives the weekly report.

The tables keep the names they had when these models lived in ``campaigns`` (each model's
``Meta.db_table``): the move changed Django's state, not the database."""

from .clippings import Clipping, KeywordRule, Outlet, Tone
from .collection import CollectionRun, Collector, PeerAccount, RunStatus
from .metrics import (
    DailyRollup,
    Metric,
    MetricSample,
    PostPeak,
    RollupSubject,
    SampleStatus,
    Source,
    SubjectKind,
)
from .outcomes import OutcomeFigure, OutcomeLevel
from .subscriptions import ReportSubscription
from .tracking import TrackedLink, TrafficEvent, TrafficKind

__all__ = [
    "Clipping",
    "CollectionRun",
    "Collector",
    "DailyRollup",
    "KeywordRule",
    "Metric",
    "MetricSample",
    "OutcomeFigure",
    "OutcomeLevel",
    "Outlet",
    "PeerAccount",
    "PostPeak",
    "ReportSubscription",
    "RollupSubject",
    "RunStatus",
    "SampleStatus",
    "Source",
    "SubjectKind",
    "Tone",
    "TrackedLink",
    "TrafficEvent",
    "TrafficKind",
]
