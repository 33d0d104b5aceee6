"""Every rate with worked numbers, and what happens when its denominator is zero or missing:
``None`` (shown "—"), never 0."""

import pytest

from insights.dashboards import formulas


@pytest.mark.parametrize(
    ("engagements", "reach", "expected"),
    [
        (150, 5000, 3.0),  # 150 ÷ 5,000 x 100
        (1, 3, 100 / 3),
        (0, 1000, 0.0),  # nobody engaged: a real zero
        (10, 0, None),  # no reach: no rate
        (None, 1000, None),
        (10, None, None),
    ],
)
def test_engagement_rate_by_reach(engagements, reach, expected):
    assert formulas.engagement_rate_by_reach(engagements, reach) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("likes", "comments", "followers", "expected"),
    [
        (420, 30, 15000, 3.0),  # (420 + 30) ÷ 15,000 x 100
        (90, None, 3000, 3.0),  # comments not collected
        (5, 5, 0, None),
        (None, None, 1000, None),
    ],
)
def test_engagement_rate_by_followers(likes, comments, followers, expected):
    assert formulas.engagement_rate_by_followers(likes, comments, followers) == pytest.approx(
        expected
    )


@pytest.mark.parametrize(
    ("start", "end", "growth", "rate"),
    [
        (20000, 21500, 1500, 7.5),  # (21,500 - 20,000) ÷ 20,000 x 100
        (1000, 950, -50, -5.0),
        (0, 120, 120, None),  # a new account: growth, but no rate
        (None, 120, None, None),
    ],
)
def test_follower_growth_and_rate(start, end, growth, rate):
    assert formulas.follower_growth(start, end) == growth
    assert formulas.follower_growth_rate(start, end) == pytest.approx(rate)


@pytest.mark.parametrize(
    ("ours", "peers", "expected"),
    [
        (30, [20, 25, 25], 30.0),  # 30 ÷ (30 + 70) x 100
        (30, 70, 30.0),
        (0, [0, 0], None),
        (10, [], 100.0),
        (None, [5], None),
    ],
)
def test_share_of_voice(ours, peers, expected):
    assert formulas.share_of_voice(ours, peers) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("positive", "negative", "expected"),
    [
        (30, 10, 50.0),  # (30 - 10) ÷ (30 + 10) x 100
        (0, 4, -100.0),
        (0, 0, None),  # only neutral or unrated items
    ],
)
def test_net_sentiment(positive, negative, expected):
    assert formulas.net_sentiment(positive, negative) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("clicks", "views", "expected"),
    [(45, 1500, 3.0), (0, 10, 0.0), (3, 0, None)],
)
def test_click_through_rate(clicks, views, expected):
    assert formulas.click_through_rate(clicks, views) == pytest.approx(expected)


def test_potential_reach_sums_audiences_and_ignores_unknown_ones():
    assert formulas.potential_reach([1_200_000, 350_000, None, 0]) == 1_550_000


@pytest.mark.parametrize(
    ("actual", "target", "expected"),
    [(250_000, 500_000, 50.0), (None, 100, None), (10, 0, None)],
)
def test_progress_against_target(actual, target, expected):
    assert formulas.progress(actual, target) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("value", "rate", "count"),
    [(3.25, "3,25 %", "3"), (1234567, "1.234.567,00 %", "1.234.567"), (None, "—", "—")],
)
def test_formats_show_a_dash_for_missing_numbers(value, rate, count):
    assert formulas.format_rate(value) == rate
    assert formulas.format_count(value) == count
