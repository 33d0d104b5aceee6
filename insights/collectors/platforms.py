"""Own accounts through the platforms' APIs: Instagram/Facebook insights, X public metrics,
Telegram member count.

Every account gets its own ``CollectionRun``, so one account's expired token or throttling
never stops the others, and each failure is a visible gap with its reason (never a zero).
A refused token marks the account ``needs_reconnect``, as publishing does; such an account
is not asked again until new credentials are saved, but its run still records the gap.
"""

import logging
from collections.abc import Callable

import requests
from celery import shared_task

from campaigns.models import AccountStatus, Network, SocialAccount
from campaigns.networks.http import session

from ..models import CollectionRun, Collector, Source
from .graph_insights import collect_facebook, collect_instagram
from .reading import CollectFailed, Reading, TokenRejected
from .store import RateLimited, collection_run, plain_reason
from .telegram_members import collect_telegram
from .x_metrics import collect_x

logger = logging.getLogger(__name__)

COLLECTORS: dict[str, tuple[str, str, Callable[[Reading], None]]] = {
    Network.INSTAGRAM: (Collector.INSTAGRAM_INSIGHTS, Source.GRAPH, collect_instagram),
    Network.FACEBOOK: (Collector.FACEBOOK_INSIGHTS, Source.GRAPH, collect_facebook),
    Network.X: (Collector.X_METRICS, Source.X, collect_x),
    Network.TELEGRAM: (Collector.TELEGRAM_MEMBERS, Source.TELEGRAM, collect_telegram),
}


@shared_task(name="insights.collect_platform_insights", ignore_result=True)
def collect_platform_insights() -> dict[str, int]:
    return collect_all()


NO_CREDENTIALS = (
    "Akun ini belum punya token API, jadi metriknya tidak dapat dikumpulkan. Sambungkan akun "
    "di Kampanye → Akun media sosial."
)


def collect_all(http: requests.Session | None = None) -> dict[str, int]:
    """Collect every active account; returns run counts by status. An account without
    credentials gets a failed run saying so: a collector that cannot run is never silent."""
    http = http or session()
    accounts = SocialAccount.objects.filter(is_active=True, network__in=list(COLLECTORS))
    counts: dict[str, int] = {}
    for account in accounts.order_by("network", "pk"):
        run = collect_account(account, http)
        counts[run.status] = counts.get(run.status, 0) + 1
    return counts


def collect_account(account: SocialAccount, http: requests.Session | None = None) -> CollectionRun:
    """One account, one run; whatever goes wrong ends in the run, never in the caller."""
    collector, source, collect = COLLECTORS[account.network]
    try:
        with collection_run(collector, subject=account.handle, account=account) as run:
            if not account.credentials_encrypted:
                raise CollectFailed(NO_CREDENTIALS)
            if account.status == AccountStatus.NEEDS_RECONNECT:
                raise CollectFailed(
                    "Akun perlu dihubungkan ulang; metrik tidak dikumpulkan sampai token baru "
                    "disimpan."
                )
            try:
                collect(Reading(account, run, http or session(), source))
            except TokenRejected as error:
                account.mark_needs_reconnect(str(error))
                raise
            except (CollectFailed, RateLimited):
                raise
            except Exception as error:  # a bug or an odd answer: a plain reason, token-free
                raise CollectFailed(plain_reason(error)) from None
    except (TokenRejected, CollectFailed, RateLimited) as error:
        logger.warning("Metrik %s akun %s: %s", collector, account.pk, type(error).__name__)
    return run
