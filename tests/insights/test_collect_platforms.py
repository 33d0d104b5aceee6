"""Own accounts' metrics through the platforms' APIs, against the fake platforms: numbers land
in ``MetricSample`` once per (subject, metric, day, source); every account has its own run;
a refused token, throttling or a deleted post is a visible status, never a zero."""

import datetime

import pytest
from django.utils import timezone

from campaigns.models import AccountStatus, DeliveryStatus
from insights.collectors.platforms import collect_account, collect_all, collect_platform_insights
from insights.models import CollectionRun, MetricSample, RunStatus
from tests.campaigns.factories import CampaignFactory, SocialAccountFactory, post
from tests.fakes.telegram import failure

pytestmark = pytest.mark.django_db

# One day of an Instagram account's insights, every metric the collector asks for.
IG_DAY = {
    "reach": 1000,
    "views": 3000,
    "likes": 50,
    "comments": 5,
    "shares": 4,
    "saves": 7,
    "total_interactions": 66,
    "profile_links_taps": 2,
}


def today() -> datetime.date:
    return timezone.localdate()


def ago(days: int) -> datetime.date:
    return today() - datetime.timedelta(days=days)


def published(account, remote_id: str, *, campaign=None, days_ago: int = 2):
    """One of our posts on ``account``, published ``days_ago`` days ago as ``remote_id``."""
    delivery = post([account], campaign=campaign).deliveries.get()
    delivery.status = DeliveryStatus.PUBLISHED
    delivery.remote_id = remote_id
    delivery.published_at = timezone.now() - datetime.timedelta(days=days_ago)
    delivery.save()
    return delivery


def samples(**filters) -> dict:
    """``{(subject_kind, subject_id, metric, day, source): value}``."""
    return {
        (s.subject_kind, s.subject_id, s.metric, s.day, s.source): s.value
        for s in MetricSample.objects.filter(**filters)
    }


def last_run(account) -> CollectionRun:
    return CollectionRun.objects.filter(account=account).order_by("-pk").first()


# --- per network: the numbers land where the dashboards read them ------------------------
def test_instagram_account_insights_land_per_day_with_followers_today(fake_instagram):
    # given three days of account insights and the profile's counts
    fake = fake_instagram
    for n, reach in ((3, 1000), (2, 1200), (1, 900)):
        fake.set_day(ago(n), **(IG_DAY | {"reach": reach, "views": reach * 3}))
    fake.set_day(ago(4), reach=1)  # outside the window: not asked
    # when the account is collected
    run = collect_account(fake.account)
    # then each day's numbers are the account's, from the Graph API, per WIB day
    account = fake.account.pk
    got = samples(subject_kind="account", subject_id=account)
    assert run.status == RunStatus.OK
    assert got[("account", account, "reach", ago(3), "graph")] == 1000
    assert got[("account", account, "views", ago(2), "graph")] == 3600
    assert got[("account", account, "saves", ago(1), "graph")] == 7
    assert got[("account", account, "profile_links_taps", ago(1), "graph")] == 2
    assert got[("account", account, "followers", today(), "graph")] == 52_300
    assert got[("account", account, "media_count", today(), "graph")] == 1_200
    assert not any(day == ago(4) for (_, _, _, day, _) in got)
    assert len(got) == 3 * 8 + 2 == run.samples_written
    # and each day was asked on its own, as a total_value over that one day
    asked = fake.calls_to("account_insights")
    assert len(asked) == 3
    assert {c.params["metric_type"] for c in asked} == {"total_value"}
    assert {int(c.params["until"]) - int(c.params["since"]) for c in asked} == {86_400}


def test_instagram_media_insights_land_on_the_delivery_with_its_campaign(fake_instagram):
    # given one of our posts in a campaign, with Instagram's lifetime insights
    campaign = CampaignFactory()
    media = fake_instagram.add_media(reach=800, views=2000, likes=90, comments=12, saved=30)
    delivery = published(fake_instagram.account, media, campaign=campaign)
    # when the account is collected
    collect_account(fake_instagram.account)
    # then the post's counts are today's snapshot, with account/campaign/network dimensions
    rows = MetricSample.objects.filter(subject_kind="delivery", subject_id=delivery.pk)
    assert {r.metric: r.value for r in rows} == {
        "reach": 800,
        "views": 2000,
        "likes": 90,
        "comments": 12,
        "saves": 30,  # Instagram calls it "saved" on media
    }
    assert {(r.day, r.source, r.account_id, r.campaign_id, r.network) for r in rows} == {
        (today(), "graph", fake_instagram.account.pk, campaign.pk, "instagram")
    }


def test_facebook_page_series_and_post_insights(fake_facebook):
    # given the Page's daily follows/views/reach and one of our posts with reactions
    fake = fake_facebook
    for n in (3, 2, 1):
        day = {"page_follows": 40_000 + n, "page_media_view": 5_000 * n}
        fake.set_day(ago(n), **day, page_total_media_view_unique=900 * n)
    reactions = {"like": 30, "love": 5}
    post_id = fake.add_post(
        post_media_view=700,
        post_total_media_view_unique=400,
        post_reactions_by_type_total=reactions,
    )
    delivery = published(fake.account, post_id)
    # when the Page is collected
    run = collect_account(fake.account)
    # then every day lands on the day before the platform's end_time
    page = fake.account.pk
    got = samples(subject_kind="account", subject_id=page)
    assert run.status == RunStatus.OK
    assert got == {
        **{("account", page, "followers", ago(n), "graph"): 40_000 + n for n in (3, 2, 1)},
        **{("account", page, "views", ago(n), "graph"): 5_000 * n for n in (3, 2, 1)},
        **{("account", page, "reach", ago(n), "graph"): 900 * n for n in (3, 2, 1)},
    }
    # and the post's reactions are summed into likes
    assert samples(subject_kind="delivery", subject_id=delivery.pk) == {
        ("delivery", delivery.pk, "views", today(), "graph"): 700,
        ("delivery", delivery.pk, "reach", today(), "graph"): 400,
        ("delivery", delivery.pk, "likes", today(), "graph"): 35,
    }


def test_x_public_metrics_of_our_posts_and_followers(fake_x):
    # given two of our posts with public metrics, and an old one outside the window
    fake = fake_x
    counts = {"like_count": 10, "retweet_count": 3, "reply_count": 2, "impression_count": 900}
    first = published(fake.account, fake.add_tweet("Satu", **counts))
    second = published(fake.account, fake.add_tweet("Dua", like_count=1, impression_count=50))
    published(fake.account, fake.add_tweet("Lama", like_count=99), days_ago=45)
    # when the account is collected
    run = collect_account(fake.account)
    # then likes, shares (retweets), replies and views (impressions) land per post
    assert run.status == RunStatus.OK
    assert samples(subject_kind="delivery", subject_id=first.pk) == {
        ("delivery", first.pk, "likes", today(), "x"): 10,
        ("delivery", first.pk, "shares", today(), "x"): 3,
        ("delivery", first.pk, "replies", today(), "x"): 2,
        ("delivery", first.pk, "views", today(), "x"): 900,
    }
    assert (
        samples(subject_kind="delivery", subject_id=second.pk)[
            ("delivery", second.pk, "views", today(), "x")
        ]
        == 50
    )
    assert (
        samples(subject_kind="account")[("account", fake.account.pk, "followers", today(), "x")]
        == 8_800
    )
    # and both posts were read in one request (reads are paid)
    (lookup,) = fake.calls_to("tweets_lookup")
    assert sorted(lookup.params["ids"].split(",")) == sorted([first.remote_id, second.remote_id])
    assert lookup.params["tweet.fields"] == "public_metrics"


def test_telegram_member_count(fake_telegram):
    # given a channel of 12,345 members
    # when it is collected
    run = collect_account(fake_telegram.account)
    # then today's member count is stored for the account
    assert run.status == RunStatus.OK
    assert samples() == {
        ("account", fake_telegram.account.pk, "members", today(), "telegram"): 12_345
    }


# --- idempotent, and the lagging days are read again --------------------------------------
def test_collecting_twice_gives_the_same_rows_and_values(fake_instagram, fake_x, fake_telegram):
    # given data on three networks
    fake_instagram.set_day(ago(1), **IG_DAY)
    published(fake_instagram.account, fake_instagram.add_media(reach=5, likes=1))
    published(fake_x.account, fake_x.add_tweet(like_count=4))
    # when everything is collected twice
    collect_all()
    first = samples()
    collect_all()
    # then the second run changed nothing and doubled nothing
    assert samples() == first
    assert MetricSample.objects.count() == len(first) > 10


def test_recollecting_updates_the_last_three_days_and_leaves_older_days(fake_instagram):
    # given the last three days' reach collected once
    fake = fake_instagram
    for n, reach in ((3, 300), (2, 100), (1, 50)):
        fake.set_day(ago(n), reach=reach)
    collect_account(fake.account)
    # when the platform revises them (data lags up to 48 h) and the next run collects
    for n, reach in ((4, 7), (3, 310), (2, 180), (1, 120)):
        fake.set_day(ago(n), reach=reach)
    collect_account(fake.account)
    # then the three days carry the revised numbers, once each; the fourth is not asked
    assert samples(metric="reach") == {
        ("account", fake.account.pk, "reach", ago(3), "graph"): 310,
        ("account", fake.account.pk, "reach", ago(2), "graph"): 180,
        ("account", fake.account.pk, "reach", ago(1), "graph"): 120,
    }


def test_a_metric_the_platform_leaves_out_is_not_written_as_zero(fake_instagram):
    # given likes stored for yesterday
    fake = fake_instagram
    fake.set_day(ago(1), reach=100, likes=9)
    collect_account(fake.account)
    # when the platform later answers yesterday without likes
    fake.days[ago(1)].pop("likes")
    run = collect_account(fake.account)
    # then the stored likes stay, and the run says what was missing
    assert samples(metric="likes")[("account", fake.account.pk, "likes", ago(1), "graph")] == 9
    assert run.status == RunStatus.PARTIAL
    assert "likes" in run.message


# --- faults: a clear status per account, nothing lost ------------------------------------
def _seed(network: str, fake) -> None:
    """Enough data that a successful run writes samples."""
    if network == "instagram":
        fake.set_day(ago(1), reach=100, likes=10)
    elif network == "facebook":
        fake.set_day(
            ago(1), page_follows=40_000, page_media_view=500, page_total_media_view_unique=300
        )
    elif network == "x":
        published(fake.account, fake.add_tweet(like_count=5))


def _throttle(network: str, fake) -> None:
    if network == "instagram":
        fake.fail_next(429, endpoint="account_insights")
    elif network == "facebook":
        fake.fail_next(429, endpoint="page_insights")
    elif network == "x":
        fake.rate_limit(reset_in=120, endpoint="me")
    else:
        body = failure(429, "Too Many Requests: retry after 30", retry_after=30)
        fake.fail_next(429, body, endpoint="getChatMemberCount")


NETWORKS = ["instagram", "facebook", "x", "telegram"]


@pytest.mark.parametrize("network", NETWORKS)
def test_expired_token_fails_the_run_and_marks_the_account_keeping_samples(request, network):
    # given an account collected once
    fake = request.getfixturevalue(f"fake_{network}")
    _seed(network, fake)
    collect_account(fake.account)
    before = samples()
    # when its token has expired and it is collected again
    fake.expire_token()
    run = collect_account(fake.account)
    # then the run failed with a plain reason, the account needs reconnecting, nothing lost
    fake.account.refresh_from_db()
    assert before
    assert run.status == RunStatus.FAILED
    assert "hubungkan ulang" in run.message
    assert fake.account.status == AccountStatus.NEEDS_RECONNECT
    assert samples() == before
    # and no secret reached the message
    for secret in fake.account.get_credentials().values():
        assert secret not in run.message and secret not in fake.account.last_error


@pytest.mark.parametrize("network", NETWORKS)
def test_throttling_ends_the_run_rate_limited(request, network):
    # given an account collected once, and a platform that now throttles
    fake = request.getfixturevalue(f"fake_{network}")
    _seed(network, fake)
    collect_account(fake.account)
    before = samples()
    _throttle(network, fake)
    # when it is collected
    run = collect_account(fake.account)
    # then the run is rate_limited, the account stays connected, nothing is lost
    fake.account.refresh_from_db()
    assert run.status == RunStatus.RATE_LIMITED
    assert "membatasi" in run.message
    assert fake.account.status == AccountStatus.CONNECTED
    assert samples() == before


def test_throttled_half_way_keeps_what_was_read_before(fake_instagram):
    # given account insights that answer, and a post whose insights are throttled
    fake = fake_instagram
    fake.set_day(ago(1), reach=100)
    published(fake.account, fake.add_media(reach=5))
    fake.fail_next(429, endpoint="media_insights")
    # when the account is collected
    run = collect_account(fake.account)
    # then the account's numbers were kept and the run says it was throttled
    assert run.status == RunStatus.RATE_LIMITED
    assert samples(metric="reach", subject_kind="account") == {
        ("account", fake.account.pk, "reach", ago(1), "graph"): 100
    }
    assert run.samples_written == 3  # reach, followers, media count


def test_one_account_failing_does_not_stop_the_others(
    fake_instagram, fake_facebook, fake_x, fake_telegram
):
    # given four accounts: Instagram's token expired, X throttled, the others fine
    _seed("facebook", fake_facebook)
    _seed("x", fake_x)
    fake_instagram.expire_token()
    _throttle("x", fake_x)
    # when the beat task runs
    collect_platform_insights.apply()
    # then each account has its own run with its own outcome
    assert {
        network: last_run(fake.account).status
        for network, fake in [
            ("instagram", fake_instagram),
            ("facebook", fake_facebook),
            ("x", fake_x),
            ("telegram", fake_telegram),
        ]
    } == {
        "instagram": RunStatus.FAILED,
        "facebook": RunStatus.OK,
        "x": RunStatus.RATE_LIMITED,
        "telegram": RunStatus.OK,
    }
    assert samples(account=fake_telegram.account)
    assert samples(account=fake_facebook.account)


@pytest.mark.parametrize("network", ["instagram", "x"])
def test_a_deleted_post_is_skipped_and_the_run_is_partial(request, network):
    # given two of our posts, one since deleted on the platform
    fake = request.getfixturevalue(f"fake_{network}")
    if network == "instagram":
        kept, gone = fake.add_media(likes=3), fake.add_media(likes=4)
        fake.delete_media(gone)
    else:
        kept, gone = fake.add_tweet("A", like_count=3), fake.add_tweet("B", like_count=4)
        fake.delete_tweet(gone)
    kept_delivery = published(fake.account, kept)
    gone_delivery = published(fake.account, gone)
    # when the account is collected
    run = collect_account(fake.account)
    # then the remaining post's numbers land, the deleted one's are a gap, the run is partial
    assert run.status == RunStatus.PARTIAL
    assert gone in run.message
    assert samples(subject_id=kept_delivery.pk, metric="likes", subject_kind="delivery")
    assert not samples(subject_id=gone_delivery.pk, subject_kind="delivery")


def test_an_account_waiting_for_reconnection_is_not_asked(fake_instagram):
    # given an account already marked as needing a new token
    fake_instagram.account.mark_needs_reconnect("Token kedaluwarsa.")
    # when it is collected
    run = collect_account(fake_instagram.account)
    # then the platform was not called and the gap has its reason
    assert fake_instagram.calls == []
    assert run.status == RunStatus.FAILED
    assert "dihubungkan ulang" in run.message


def test_unreachable_platform_fails_the_run_without_a_secret(fake_telegram, settings):
    # given the Bot API cannot be reached (a closed port); its token travels in the URL
    settings.TELEGRAM_API_URL = "http://127.0.0.1:9"
    # when the channel is collected
    run = collect_account(fake_telegram.account)
    # then the run failed in plain words, with no token in them
    fake_telegram.account.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert "tidak dapat dihubungi" in run.message
    assert fake_telegram.token not in run.message
    assert fake_telegram.account.status == AccountStatus.CONNECTED


def test_task_collects_active_accounts_and_says_why_one_without_credentials_cannot(
    fake_telegram,
):
    # given an inactive account, one without credentials and a webhook account
    SocialAccountFactory(network="telegram", handle="@lama", is_active=False)
    blank = SocialAccountFactory(network="telegram", handle="@kosong")
    blank.credentials_encrypted = ""
    blank.save()
    SocialAccountFactory(network="webhook")
    # when the beat task runs
    counts = collect_all()
    # then the connected Telegram channel was collected
    assert counts == {RunStatus.OK: 1, RunStatus.FAILED: 1}
    runs = dict(CollectionRun.objects.values_list("subject", "status"))
    assert runs == {fake_telegram.channel: RunStatus.OK, "@kosong": RunStatus.FAILED}
    # and the one without credentials has a failed run saying so, in plain Indonesian
    assert CollectionRun.objects.get(subject="@kosong").message.startswith(
        "Akun ini belum punya token API"
    )


def test_x_expired_token_is_renewed_from_the_refresh_token_and_the_run_completes(fake_x, settings):
    # given an X account collected once, whose two-hour token has since expired, with a
    # refresh token X knows
    settings.X_CLIENT_ID = fake_x.client_id
    fake_x.account.set_credentials(
        {"access_token": "x-lama-rahasia", "refresh_token": fake_x.refresh_token}
    )
    fake_x.account.save()
    _seed("x", fake_x)
    fake_x.expire_token()
    # when it is collected
    run = collect_account(fake_x.account)
    # then the token was renewed once and the run wrote today's figures
    assert run.status == RunStatus.OK, run.message
    assert len(fake_x.calls_to("oauth2_token")) == 1
    assert samples(subject_kind="account")
    fake_x.account.refresh_from_db()
    stored = fake_x.account.get_credentials()
    assert stored["access_token"] == fake_x.token != "x-lama-rahasia"
    assert fake_x.account.status == AccountStatus.CONNECTED


def test_x_refused_refresh_fails_the_run_and_asks_for_reconnection(fake_x, settings):
    # given an expired token and a refresh token X no longer knows
    settings.X_CLIENT_ID = fake_x.client_id
    fake_x.account.set_credentials(
        {"access_token": "x-lama-rahasia", "refresh_token": "x-refresh-dicabut"}
    )
    fake_x.account.save()
    _seed("x", fake_x)
    fake_x.expire_token()
    # when it is collected
    run = collect_account(fake_x.account)
    # then the run failed, the account waits for reconnection, and no secret is shown
    fake_x.account.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert "hubungkan ulang" in run.message.lower()
    assert fake_x.account.status == AccountStatus.NEEDS_RECONNECT
    assert "x-refresh-dicabut" not in run.message
