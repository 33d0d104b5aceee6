"""Public Instagram counts of our accounts and of peer accounts, read with instaloader.

Per subject (an active Instagram ``SocialAccount`` of ours, or an active ``PeerAccount``), one
``CollectionRun`` and these samples, source ``instaloader``, day = today in WIB:

- the profile's ``followers``, ``following`` and ``media_count``;
- ``likes``, ``comments`` and ``video_views`` summed over its recent posts (at most
  ``POSTS_LIMIT``, published within ``POSTS_MAX_AGE``, pinned posts skipped), as seen today:
  an aggregate per account per day, the numerator of engagement rate by followers;
- for our accounts, the same three counts of each recent post that is one of our published
  deliveries (``Delivery.remote_id`` = the post's media id, or its permalink's shortcode),
  with subject ``delivery``.

A count Instagram did not give is not written (never a zero). A 429 or an exhausted rate
budget stops the loop: the task retries the rest later. Errors are explained on the run.
"""

import datetime
import logging
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice

from celery import shared_task
from django.conf import settings
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from instaloader import Post, Profile

from campaigns.models import Delivery, DeliveryStatus, Network, SocialAccount
from campaigns.notify import heads_of_humas, notify
from core.indonesian import WIB

from ..models import Collector, Metric, PeerAccount, RunStatus, Source, SubjectKind
from . import instaloader_client
from .instaloader_client import CheckpointRequired, CollectionFailed, Fetch, instagram_errors
from .store import RateLimited, Sample, collection_run, plain_reason, upsert_samples

logger = logging.getLogger(__name__)

POSTS_LIMIT = 12
POSTS_MAX_AGE = datetime.timedelta(days=14)
# Instagram lets a profile pin up to three posts above the newest; instaloader no longer
# always knows which they are, so older posts end the scan only beyond that many.
PINNED_MAX = 3
# Said on our account's "last error" so a later success can clear what we wrote, only.
ACCOUNT_ERROR_PREFIX = "Pengumpulan Instagram publik: "
SHORTCODE = re.compile(r"instagram\.com/(?:[\w.]+/)?(?:p|reels?|tv)/([A-Za-z0-9_-]+)")

# The seam tests replace (see instaloader_client.fetch_from_instagram).
FETCH: Fetch = instaloader_client.fetch_from_instagram


@dataclass(frozen=True)
class Subject:
    kind: str
    pk: int
    handle: str
    account: SocialAccount | None = None

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.pk}"


@dataclass
class Outcome:
    written: int = 0
    failed: int = 0
    pending: list[str] = field(default_factory=list)
    retry_after: float | None = None
    stopped: str = ""


def clean_handle(handle: str) -> str:
    return handle.strip().lstrip("@").lower()


def active_subjects(keys: Iterable[str] | None = None) -> list[Subject]:
    """Our active Instagram accounts, then active peers; only ``keys`` when given."""
    accounts = SocialAccount.objects.filter(network=Network.INSTAGRAM, is_active=True)
    subjects = [
        Subject(SubjectKind.ACCOUNT, account.pk, clean_handle(account.handle), account)
        for account in accounts.order_by("handle")
    ]
    subjects += [
        Subject(SubjectKind.PEER, peer.pk, clean_handle(peer.handle))
        for peer in PeerAccount.objects.filter(is_active=True).order_by("handle")
    ]
    if keys is None:
        return subjects
    wanted = set(keys)
    return [subject for subject in subjects if subject.key in wanted]


def today_wib(now: datetime.datetime | None = None) -> datetime.date:
    return timezone.localtime(now or timezone.now(), WIB).date()


def posted_at(post: Post) -> datetime.datetime:
    return post.date_utc.replace(tzinfo=datetime.UTC)


def recent_posts(posts: Iterable[Post], since: datetime.datetime, limit: int) -> list[Post]:
    """Up to ``limit`` unpinned posts published since ``since``, reading as few as possible."""
    chosen: list[Post] = []
    older = 0
    for post in islice(posts, limit + PINNED_MAX):
        if post.is_pinned:
            continue
        if posted_at(post) < since:
            older += 1
            if older > PINNED_MAX:
                break
            continue
        chosen.append(post)
        if len(chosen) == limit:
            break
    return chosen


def _sum(values: list[int | None]) -> int | None:
    known = [value for value in values if value is not None]
    return sum(known) if known else None


def _post_counts(post: Post) -> dict[str, int | None]:
    return {
        Metric.LIKES: post.likes,
        Metric.COMMENTS: post.comments,
        Metric.VIDEO_VIEWS: post.video_view_count if post.is_video else None,
    }


def _our_deliveries(account: SocialAccount, since: datetime.datetime) -> dict[str, Delivery]:
    """Our published deliveries to ``account``, by remote id and by permalink shortcode."""
    rows = Delivery.objects.filter(account=account, status=DeliveryStatus.PUBLISHED).filter(
        Q(published_at__isnull=True) | Q(published_at__gte=since - datetime.timedelta(days=1))
    )
    index: dict[str, Delivery] = {}
    for delivery in rows.select_related("post"):
        if delivery.remote_id:
            index[delivery.remote_id] = delivery
        match = SHORTCODE.search(delivery.permalink or "")
        if match:
            index[match.group(1)] = delivery
    return index


def _samples(
    subject: Subject, day: datetime.date, profile: Profile, posts: list[Post] | None
) -> list[Sample]:
    account_id = subject.account.pk if subject.account else None

    def sample(kind: str, pk: int, metric: str, value, campaign_id=None) -> Sample:
        return Sample(
            subject_kind=kind,
            subject_id=pk,
            metric=metric,
            day=day,
            source=Source.INSTALOADER,
            value=value,
            account_id=account_id,
            campaign_id=campaign_id,
            network=Network.INSTAGRAM,
        )

    counts = {
        Metric.FOLLOWERS: profile.followers,
        Metric.FOLLOWING: profile.followees,
        Metric.MEDIA_COUNT: profile.mediacount,
    }
    result = [sample(subject.kind, subject.pk, metric, value) for metric, value in counts.items()]
    if not posts:  # none read, or none recent: no aggregate rather than a zero
        return result
    per_post = [(post, _post_counts(post)) for post in posts]
    for metric in (Metric.LIKES, Metric.COMMENTS, Metric.VIDEO_VIEWS):
        total = _sum([values[metric] for _, values in per_post])
        result.append(sample(subject.kind, subject.pk, metric, total))
    if subject.account is None:
        return result
    ours = _our_deliveries(subject.account, min(posted_at(post) for post in posts))
    for post, values in per_post:
        delivery = ours.get(str(post.mediaid)) or ours.get(post.shortcode)
        if delivery is None:
            continue
        for name, value in values.items():
            result.append(
                sample(SubjectKind.DELIVERY, delivery.pk, name, value, delivery.post.campaign_id)
            )
    return result


def collect_subject(
    subject: Subject, *, fetch: Fetch | None = None, now: datetime.datetime | None = None
) -> int:
    """Read one profile and its recent posts in its own run; returns samples written.

    Raises ``RateLimited`` (retry later), ``CollectionFailed`` (explained on the run) or
    ``CheckpointRequired`` (stop everything)."""
    now = now or timezone.now()
    fetch = fetch or FETCH
    context = instaloader_client.get_loader().context
    with (
        collection_run(Collector.INSTAGRAM_PUBLIC, f"@{subject.handle}", subject.account) as run,
        instagram_errors(subject.handle),
    ):
        fetched = fetch(context, subject.handle)
        profile = fetched.profile
        day = today_wib(now)
        # The counts first: a rate limit while reading posts must not lose them.
        run.samples_written = upsert_samples(_samples(subject, day, profile, None))
        if profile.is_private:
            run.status = RunStatus.PARTIAL
            run.message = (
                f"Profil @{subject.handle} privat: hanya jumlah pengikut, mengikuti dan "
                "unggahan; suka, komentar dan tayangan tidak dapat dibaca."
            )
            return run.samples_written
        posts = recent_posts(fetched.posts, now - POSTS_MAX_AGE, POSTS_LIMIT)
        run.samples_written = upsert_samples(_samples(subject, day, profile, posts))
        run.message = f"{len(posts)} unggahan terbaru dibaca."
        return run.samples_written


def _note_on_account(account: SocialAccount | None, message: str) -> None:
    """Our account shows why its public counts are missing; a later success clears only
    what this collector wrote (publishing errors stay)."""
    if account is None:
        return
    if message:
        account.last_error = ACCOUNT_ERROR_PREFIX + message
        account.last_error_at = timezone.now()
    elif account.last_error.startswith(ACCOUNT_ERROR_PREFIX):
        account.last_error = ""
        account.last_error_at = None
    else:
        return
    account.save(update_fields=["last_error", "last_error_at"])


def collect_all(
    keys: Iterable[str] | None = None,
    *,
    fetch: Fetch | None = None,
    now: datetime.datetime | None = None,
) -> Outcome:
    """Every subject in turn. A rate limit stops the loop and returns what is left to do;
    a checkpoint stops it for good (until the next beat); other failures move on."""
    subjects = active_subjects(keys)
    outcome = Outcome()
    for index, subject in enumerate(subjects):
        try:
            outcome.written += collect_subject(subject, fetch=fetch, now=now)
        except RateLimited as error:
            outcome.pending = [s.key for s in subjects[index:]]
            outcome.retry_after = error.retry_after
            return outcome
        except CheckpointRequired as error:
            outcome.failed += 1
            outcome.stopped = str(error)
            _note_on_account(subject.account, str(error))
            return outcome
        except CollectionFailed as error:
            outcome.failed += 1
            _note_on_account(subject.account, str(error))
        except Exception:
            # Not an instaloader error we know (the run records it as failed): log, go on.
            logger.exception("instaloader collection of %s failed", subject.key)
            outcome.failed += 1
        else:
            _note_on_account(subject.account, "")
    return outcome


@shared_task(name="insights.collect_instagram_public", bind=True, ignore_result=True, max_retries=5)
def collect_instagram_public(self, pending: list[str] | None = None) -> int:
    """Beat: every subject. When Instagram says "later", the rest is retried with a countdown
    (a new message), never by sleeping in the worker."""
    outcome = collect_all(pending)
    if outcome.retry_after is not None:
        raise self.retry(
            countdown=max(60, math.ceil(outcome.retry_after)), kwargs={"pending": outcome.pending}
        )
    return outcome.written


def canary_handle() -> str:
    peer = PeerAccount.objects.filter(is_canary=True, is_active=True).order_by("pk").first()
    return clean_handle(peer.handle if peer else settings.INSTALOADER_CANARY_PROFILE)


def check_canary(handle: str, *, fetch: Fetch | None = None) -> None:
    """Read one known public profile; raises (and records a failed run) when it cannot."""
    fetch = fetch or FETCH
    context = instaloader_client.get_loader().context
    with collection_run(Collector.CANARY, f"@{handle}") as run, instagram_errors(handle):
        profile = fetch(context, handle).profile
        followers = profile.followers
        if not isinstance(followers, int) or followers <= 0 or profile.userid <= 0:
            raise CollectionFailed(
                f"Profil @{handle} terbaca tanpa jumlah pengikut: format Instagram berubah?"
            )
        run.message = f"@{handle} terbaca: {followers} pengikut."


def status_url() -> str:
    try:
        return reverse("campaigns_collector_status:index")
    except NoReverseMatch:
        return ""


@shared_task(name="insights.run_instaloader_canary", bind=True, ignore_result=True, max_retries=3)
def run_instaloader_canary(self) -> str:
    """Daily: when the known profile cannot be read, tell the heads of Humas that the library
    may need upgrading (a 429 is not that: it is retried later)."""
    handle = canary_handle()
    try:
        check_canary(handle)
    except RateLimited as error:
        raise self.retry(countdown=max(60, math.ceil(error.retry_after))) from error
    except Exception as error:
        notify(
            heads_of_humas(),
            "Kanari instaloader gagal: pustaka mungkin perlu diperbarui",
            f"Profil uji @{handle} tidak dapat dibaca hari ini: {plain_reason(error)}\n\n"
            "Angka Instagram publik (akun kita dan akun pembanding) tidak terkumpul sampai "
            "ini pulih. Biasanya instaloader perlu diperbarui ke versi terbaru.",
            status_url(),
        )
        return RunStatus.FAILED
    return RunStatus.OK
