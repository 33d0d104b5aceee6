"""Campaigns' data: accounts on the networks, campaigns, posts, their deliveries and the
record around them (approvals, attempts, notifications, the scheduler's heartbeat)."""

from .accounts import AccountStatus, Network, Persona, SocialAccount
from .campaigns import Campaign, CampaignTarget, KpiMetric
from .deliveries import AttemptOutcome, Delivery, DeliveryAttempt, DeliveryStatus
from .health import SchedulerHeartbeat
from .idempotency import IdempotencyKey
from .notifications import Notification
from .posts import Approval, ApprovalDecision, Post, PostImage, PostStatus

__all__ = [
    "AccountStatus",
    "Approval",
    "ApprovalDecision",
    "AttemptOutcome",
    "Campaign",
    "CampaignTarget",
    "Delivery",
    "DeliveryAttempt",
    "DeliveryStatus",
    "IdempotencyKey",
    "KpiMetric",
    "Network",
    "Notification",
    "Persona",
    "Post",
    "PostImage",
    "PostStatus",
    "SchedulerHeartbeat",
    "SocialAccount",
]
