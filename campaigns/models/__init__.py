"""Campaigns' data: accounts on the networks, campaigns, posts, their deliveries and the
record around them (approvals, attempts, notifications, the scheduler's heartbeat)."""

from .accounts import AccountStatus, Network, Persona, SocialAccount
from .campaigns import Campaign, CampaignTarget, KpiMetric
from .clippings import Clipping, KeywordRule, Outlet, Tone
from .collection import CollectionRun, Collector, PeerAccount, RunStatus
from .deliveries import AttemptOutcome, Delivery, DeliveryAttempt, DeliveryStatus
from .health import SchedulerHeartbeat
from .idempotency import IdempotencyKey
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
from .notifications import Notification
from .outcomes import OutcomeFigure, OutcomeLevel
from .posts import Approval, ApprovalDecision, Post, PostImage, PostStatus
from .subscriptions import ReportSubscription
from .tracking import TrackedLink, TrafficEvent, TrafficKind

__all__ = [
    "AccountStatus",
    "Approval",
    "ApprovalDecision",
    "AttemptOutcome",
    "Campaign",
    "CampaignTarget",
    "Clipping",
    "CollectionRun",
    "Collector",
    "DailyRollup",
    "Delivery",
    "DeliveryAttempt",
    "DeliveryStatus",
    "IdempotencyKey",
    "KeywordRule",
    "KpiMetric",
    "Metric",
    "MetricSample",
    "Network",
    "Notification",
    "OutcomeFigure",
    "OutcomeLevel",
    "Outlet",
    "PeerAccount",
    "Persona",
    "Post",
    "PostImage",
    "PostPeak",
    "PostStatus",
    "ReportSubscription",
    "RollupSubject",
    "RunStatus",
    "SampleStatus",
    "SchedulerHeartbeat",
    "SocialAccount",
    "Source",
    "SubjectKind",
    "Tone",
    "TrackedLink",
    "TrafficEvent",
    "TrafficKind",
]
