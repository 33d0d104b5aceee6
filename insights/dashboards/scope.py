"""Whose numbers a dashboard shows, and how each metric adds up: shared by the portable
queries (``queries``) and the PostgreSQL fast path (``postgres``), which import this module
and never each other's the other way."""

from dataclasses import dataclass

from ..models import Metric
from ..models.metrics import POST_FLOWS

STOCKS = {Metric.FOLLOWERS, Metric.FOLLOWING, Metric.MEDIA_COUNT, Metric.MEMBERS}
# Pages and links are counted by the site alone, mentions by the clippings alone.
SINGLE_SOURCE = {Metric.PAGE_VIEWS, Metric.LINK_CLICKS, Metric.MENTIONS}
ENGAGEMENT_PARTS = (Metric.LIKES, Metric.COMMENTS, Metric.SHARES, Metric.SAVES)


@dataclass(frozen=True)
class Scope:
    """Whose numbers: the office (all empty), one campaign, one account, one network."""

    campaign_id: int | None = None
    account_id: int | None = None
    network: str = ""


OFFICE = Scope()


def is_lifetime(metric: str, scope: Scope) -> bool:
    """A campaign's post metrics are lifetime totals per post (see ``queries``' docstring)."""
    return bool(scope.campaign_id) and metric in POST_FLOWS
