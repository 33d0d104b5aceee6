"""The dashboards show the numbers that were collected — worked out by hand in
``metrics_data`` — mark the days a collector failed, validate the date range, and open only
to the people allowed to read them."""

import re

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.insights.metrics_data import END, START, seed_week

pytestmark = pytest.mark.django_db

WEEK = {"start": START.isoformat(), "end": END.isoformat()}


@pytest.fixture
def week(users, published_article):
    return seed_week(users["social"], published_article)


def office_url():
    return reverse("campaigns_dashboard:index")


def campaign_url(campaign):
    return reverse("campaigns_dashboard:campaign", args=[campaign.pk])


def card(html: str, key: str) -> str:
    """The value shown on the card of figure ``key``."""
    match = re.search(
        rf'data-figure="{key}">\s*<p class="benteng-card__label">[^<]*</p>\s*'
        r'<p class="benteng-card__value">([^<]*)</p>',
        html,
    )
    assert match, f"no card {key}"
    return match.group(1)


def test_office_dashboard_shows_the_seeded_week(client, users, week):
    # given the seeded week, and an analyst
    client.force_login(users["analyst"])
    # when the analyst opens the office dashboard for 1-7 Nov
    response = client.get(office_url(), WEEK)
    html = response.content.decode()
    # then the cards show the worked numbers
    assert response.status_code == 200
    assert card(html, "followers") == "3.060"  # 1,060 (Graph, not instaloader's 1,050) + 2,000
    assert card(html, "follower_growth") == "60"
    assert card(html, "reach") == "3.000"
    assert card(html, "engagement_rate") == "10,00 %"  # 300 ÷ 3,000
    assert card(html, "mentions") == "3"
    assert card(html, "net_sentiment") == "0,00 %"
    assert card(html, "potential_reach") == "1.200.000"  # Kompas counted once
    assert card(html, "page_views") == "150"
    assert "Porsi suara (unggahan)" in html and "60,00 %" in html
    assert "Kota Tangerang menanam seribu pohon" in html  # top article
    assert "https://www.instagram.com/p/festival/" in html  # top post


def test_failed_day_is_a_marked_gap_not_a_zero(client, users, week):
    # given 4 Nov, when instaloader and insights failed and no followers were collected
    client.force_login(users["analyst"])
    # when the dashboard is drawn
    html = client.get(office_url(), WEEK).content.decode()
    # then the followers chart shades 4 Nov and states why, and its table shows "—" that day
    followers = html[html.index('id="chart-followers"') :]
    followers = followers[: followers.index("</figure>")]
    assert 'data-gap="2026-11-04"' in followers
    assert "Please wait" not in followers  # the reason is the collector and count, no raw error
    assert "Instagram publik (instaloader): 1 kali gagal" in followers
    assert re.search(r"<th scope=\"row\">04-11-2026</th><td>—</td>", followers)
    # the line is broken around the gap: two segments ("M" twice), never drawn at zero
    path = re.search(r'<path d="([^"]+)"', followers).group(1)
    assert path.count("M") == 2


def test_campaign_dashboard_shows_its_own_numbers_and_targets(client, users, week):
    # given the campaign's post, link and article
    client.force_login(users["social"])  # its owner
    # when its dashboard is opened
    response = client.get(campaign_url(week["campaign"]), WEEK)
    html = response.content.decode()
    # then the campaign's figures and its KPI progress are shown
    assert response.status_code == 200
    assert card(html, "reach") == "800"  # the post's latest lifetime reach, not 300 + 800
    assert card(html, "link_clicks") == "20"
    assert card(html, "page_views") == "150"
    assert card(html, "engagement_rate") == "7,50 %"  # (50 + 10) ÷ 800
    assert re.search(r"Jangkauan \(reach\)</strong>:\s*800 dari target 1.000\s*\(80 %\)", html)
    assert re.search(r"Klik tautan</strong>:\s*20 dari target 10\s*\(200 %\)", html)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"start": "2026-11-07", "end": "2026-11-01"}, "Tanggal awal harus sebelum"),
        ({"start": "2025-01-01", "end": "2026-11-01"}, "Rentang paling panjang 366 hari"),
        ({"start": "bukan-tanggal", "end": "2026-11-01"}, "Dari tanggal:"),
    ],
)
def test_invalid_date_range_is_explained_and_the_default_shown(client, users, query, message):
    # given an analyst
    client.force_login(users["analyst"])
    # when the range is wrong
    response = client.get(office_url(), query)
    html = response.content.decode()
    # then the page says what is wrong, and shows the last 30 days instead
    assert response.status_code == 200
    assert 'role="alert"' in html
    assert message in html
    assert "Ditampilkan rentang bawaan" in html


OFFICE, OWN, OTHERS = "office", "own campaign", "someone else's campaign"


@pytest.mark.parametrize(
    ("role", "page", "allowed"),
    [
        ("analyst", OFFICE, True),
        ("head", OFFICE, True),
        ("editor_koran", OFFICE, False),
        ("analyst", OTHERS, True),
        ("head", OTHERS, True),
        ("social", OWN, True),
        ("social", OTHERS, False),
        ("editor_koran", OWN, False),
        ("editor_majalah", OTHERS, False),
    ],
)
def test_who_may_read_which_dashboard(client, users, published_article, role, page, allowed):
    # given a campaign owned by the social media manager and one owned by another manager
    week = seed_week(users["social"], published_article)
    other = UserFactory(username="manajer-lain", role="social")
    others = week["campaign"].__class__.objects.create(
        name="Usir Banjir",
        objective="Warga tahu jalur evakuasi.",
        starts_on=START,
        ends_on=END,
        owner=other,
    )
    url = {
        OFFICE: office_url(),
        OWN: campaign_url(week["campaign"]),
        OTHERS: campaign_url(others),
    }[page]
    client.force_login(users[role])
    # when the user opens the page
    response = client.get(url, WEEK)
    # then it opens, or the admin refuses (403, or a redirect home with a message)
    if allowed:
        assert response.status_code == 200
    else:
        assert response.status_code in (302, 403)
        assert b"benteng-card" not in response.content


def test_a_managers_dashboard_menu_lists_the_dashboards_of_their_own_campaigns(
    client, users, published_article
):
    # given a campaign of the manager's and one of another manager's
    week = seed_week(users["social"], published_article)
    others = week["campaign"].__class__.objects.create(
        name="Usir Banjir",
        objective="Warga tahu jalur evakuasi.",
        starts_on=START,
        ends_on=END,
        owner=UserFactory(username="manajer-lain", role="social"),
    )
    client.force_login(users["social"])
    # when the manager opens "Dasbor" from the menu
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '"label": "Dasbor"' in menu
    response = client.get(office_url())
    # then they see their own campaign's dashboard link, not the office's numbers or others'
    assert response.status_code == 200
    page = response.content.decode()
    assert "Dasbor kampanye Anda" in page
    assert campaign_url(week["campaign"]) in page
    assert campaign_url(others) not in page
    assert "benteng-card" not in page


def test_dashboards_need_a_bounded_number_of_queries(
    client, users, week, django_assert_max_num_queries
):
    # given the seeded week
    client.force_login(users["analyst"])
    # when both dashboards are drawn, then each costs a fixed number of queries (the cards'
    # previous period, and a campaign's own period for its targets, add a fixed few)
    with django_assert_max_num_queries(60):
        assert client.get(office_url(), WEEK).status_code == 200
    with django_assert_max_num_queries(80):
        assert client.get(campaign_url(week["campaign"]), WEEK).status_code == 200


def test_targets_are_scored_over_the_campaigns_own_period_whatever_the_range(client, users, week):
    # given clicks on the campaign's link before the campaign started (31 October)
    import datetime

    from insights.collectors.store import Sample, upsert_samples
    from insights.models import TrackedLink

    link = TrackedLink.objects.get(code="fest1")
    before = datetime.date(2026, 10, 31)
    upsert_samples(
        [Sample("link", link.pk, "link_clicks", before, "links", 500, campaign_id=link.campaign_id)]
    )
    client.force_login(users["social"])
    # when the dashboard shows a range reaching back before the campaign
    html = client.get(
        campaign_url(week["campaign"]), {"start": "2026-10-01", "end": END.isoformat()}
    ).content.decode()
    # then the range's card counts the early clicks, but the target still scores the
    # campaign's own period (20 clicks, not 520), and says which period it scores
    assert card(html, "link_clicks") == "520"
    assert re.search(r"Klik tautan</strong>:\s*20 dari target 10\s*\(200 %\)", html)
    assert "Dinilai atas periode kampanye 01-11-2026 s.d." in html


def test_each_card_shows_the_change_against_the_previous_period(client, users, week):
    # given a week of metrics, and nothing in the week before
    client.force_login(users["analyst"])
    html = client.get(office_url(), WEEK).content.decode()
    # then a card says "—" when there is nothing to compare with, and names the period
    assert "dibanding 7 hari sebelumnya" in html
    # when 3-4 November is shown, the previous period is 1-2 November
    html = client.get(office_url(), {"start": "2026-11-03", "end": "2026-11-04"}).content.decode()
    change = re.search(r'data-figure="link_clicks".*?data-change>([^<]*)<', html, re.DOTALL)
    assert change.group(1).strip() == "▼ 33,3 %"  # 8 clicks against 12
    assert "dibanding 2 hari sebelumnya" in html


def test_peer_cities_are_compared_per_account_in_a_table(client, users, week):
    client.force_login(users["analyst"])
    html = client.get(office_url(), WEEK).content.decode()
    table = html.split('id="peer-table"')[1].split("</table>")[0]
    rows = [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>.*?</t[hd]>", row)
        ]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.DOTALL)[1:]
    ]
    # ours first: 1.000 → 1.060 followers, 6 posts in the week, (40 + 10) ÷ 1.060
    assert rows[0] == ["@kota (kita)", "1.060", "60", "6,00 %", "6,0", "4,72 %"]
    # then the peer: one follower reading (no growth yet), 4 posts in the week
    assert rows[1] == ["Kota Bekasi (@bekasi)", "5.000", "—", "—", "4,0", "—"]
