"""The content calendar: deliveries by day in WIB, by channel and status, filters, navigation,
"+ unggahan" links, and a bounded number of queries.

March 2031 is shown as whole weeks: Monday 24 February to Sunday 6 April.
"""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Delivery, DeliveryStatus, Network, Post
from campaigns.views.common import WIB
from tests.campaigns.factories import CampaignFactory, SocialAccountFactory, post

UTC = datetime.UTC
CALENDAR = "campaigns_calendar:index"


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime.datetime:
    """A moment in March 2031, in UTC."""
    return datetime.datetime(2031, month, day, hour, minute, tzinfo=UTC)


def calendar(client, **query) -> BeautifulSoup:
    response = client.get(reverse(CALENDAR), query)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def day(soup: BeautifulSoup, iso: str):
    return soup.find("td", attrs={"data-date": iso})


def items(soup: BeautifulSoup, iso: str) -> list[str]:
    """The calendar items of a day, as their text with whitespace collapsed."""
    return [" ".join(li.get_text(" ").split()) for li in day(soup, iso).select("li.benteng-item")]


@pytest.fixture
def accounts(db):
    return {
        "instagram": SocialAccountFactory(network=Network.INSTAGRAM, handle="@tangerangkota"),
        "telegram": SocialAccountFactory(network=Network.TELEGRAM, handle="@kotatangerang"),
    }


@pytest.fixture
def manager(client, users):
    client.force_login(users["social"])
    return client


def test_month_places_each_delivery_on_its_day_in_wib(manager, accounts):
    # given a post at 02:00 UTC and another at 20:00 UTC on 5 March
    post([accounts["instagram"]], text="Senam pagi di alun-alun", scheduled_at=at(5, 2))
    post([accounts["telegram"]], text="Pasar malam Cisadane", scheduled_at=at(5, 20))
    # when the manager opens March 2031
    soup = calendar(manager, date="2031-03-05")
    # then the first shows at 09.00 WIB on the 5th, the second at 03.00 WIB on the 6th
    assert items(soup, "2031-03-05") == [
        "09.00 Senam pagi di alun-alun Instagram @tangerangkota Draf"
    ]
    assert items(soup, "2031-03-06") == ["03.00 Pasar malam Cisadane Telegram @kotatangerang Draf"]
    assert "Maret 2031" in soup.find(id="calendar-period").get_text()
    assert day(soup, "2031-02-24") is not None and day(soup, "2031-04-06") is not None
    assert day(soup, "2031-04-07") is None


def test_item_links_to_the_post(manager, accounts):
    # given a post on 5 March
    item = post([accounts["instagram"]], scheduled_at=at(5, 2))
    # when the calendar is shown
    link = day(calendar(manager, date="2031-03-05"), "2031-03-05").select_one("li a")
    # then the item opens the post's edit view
    assert link["href"] == reverse("campaigns_post:edit", args=[item.pk])


@pytest.mark.parametrize(
    ("status", "label", "tone"),
    [
        (DeliveryStatus.SCHEDULED, "Terjadwal", "info"),
        (DeliveryStatus.PUBLISHED, "Terbit", "success"),
        (DeliveryStatus.FAILED, "Gagal", "critical"),
        (DeliveryStatus.UNCONFIRMED, "Belum terkonfirmasi", "warning"),
        (DeliveryStatus.HELD, "Ditahan", "warning"),
        (DeliveryStatus.CANCELLED, "Dibatalkan", "muted"),
    ],
)
def test_status_is_shown_in_words_and_colour(manager, accounts, status, label, tone):
    # given a delivery in ``status`` on 5 March
    item = post([accounts["instagram"]], scheduled_at=at(5, 2))
    item.deliveries.update(status=status, scheduled_for=at(5, 2))
    # when the calendar is shown
    badge = day(calendar(manager, date="2031-03-05"), "2031-03-05").select_one(".benteng-status")
    # then the status has its words and its colour class
    assert badge.get_text(strip=True) == label
    assert f"benteng-status--{tone}" in badge["class"]


def test_published_delivery_shows_at_its_publication_time(manager, accounts):
    # given a post planned for 5 March that was in fact published on 7 March 01:30 UTC
    item = post([accounts["instagram"]], text="Jalan sehat", scheduled_at=at(5, 2))
    item.deliveries.update(
        status=DeliveryStatus.PUBLISHED, scheduled_for=at(5, 2), published_at=at(7, 1, 30)
    )
    # when the calendar is shown
    soup = calendar(manager, date="2031-03-05")
    # then it stands on the day and time it went out
    assert items(soup, "2031-03-05") == []
    assert items(soup, "2031-03-07") == ["08.30 Jalan sehat Instagram @tangerangkota Terbit"]


def test_week_view_shows_monday_to_sunday_only(manager, accounts):
    # given posts on Sunday 2 March, Monday 3 March, Sunday 9 and Monday 10 March (09.00 WIB)
    for number in (2, 3, 9, 10):
        post([accounts["instagram"]], text=f"Unggahan {number}", scheduled_at=at(number, 2))
    # when the week of Wednesday 5 March is shown
    soup = calendar(manager, date="2031-03-05", view="week")
    # then only Monday 3 to Sunday 9 are there
    shown = [cell["data-date"] for cell in soup.select("td[data-date]")]
    assert shown == [f"2031-03-0{number}" for number in range(3, 10)]
    assert [text.split()[2] for text in items(soup, "2031-03-03")] == ["3"]
    assert [text.split()[2] for text in items(soup, "2031-03-09")] == ["9"]
    assert "3\u20139 Maret 2031" in soup.find(id="calendar-period").get_text()


@pytest.mark.parametrize(
    ("filter_by", "expected"),
    [
        ({}, ["Festival (Instagram)", "Festival (Telegram)", "Banjir (Instagram)"]),
        ({"campaign": "festival"}, ["Festival (Instagram)", "Festival (Telegram)"]),
        ({"account": "telegram"}, ["Festival (Telegram)"]),
        ({"campaign": "banjir", "account": "telegram"}, []),
        ({"status": "failed"}, ["Banjir (Instagram)"]),
    ],
)
def test_filters_by_campaign_account_and_status(manager, accounts, filter_by, expected):
    # given two campaigns' posts on 5 March, one delivery failed
    campaigns = {"festival": CampaignFactory(name="Festival"), "banjir": CampaignFactory()}
    festival = post(
        [accounts["instagram"], accounts["telegram"]],
        text="Festival",
        scheduled_at=at(5, 1),
        campaign=campaigns["festival"],
    )
    festival.deliveries.filter(account=accounts["telegram"]).update(scheduled_for=at(5, 1, 5))
    banjir = post(
        [accounts["instagram"]], text="Banjir", scheduled_at=at(5, 3), campaign=campaigns["banjir"]
    )
    banjir.deliveries.update(status=DeliveryStatus.FAILED)
    lookups = {
        "campaign": lambda name: campaigns[name].pk,
        "account": lambda name: accounts[name].pk,
        "status": lambda name: name,
    }
    query = {"date": "2031-03-05"} | {key: lookups[key](v) for key, v in filter_by.items()}
    # when the calendar is filtered
    soup = calendar(manager, **query)
    # then only the matching deliveries are shown
    shown = [f"{text.split()[1]} ({text.split()[2]})" for text in items(soup, "2031-03-05")]
    assert shown == expected


@pytest.mark.parametrize(
    ("view", "previous", "following"),
    [("month", "2031-02-01", "2031-04-01"), ("week", "2031-02-26", "2031-03-12")],
)
def test_previous_and_next_keep_view_and_filters(manager, accounts, view, previous, following):
    # given the calendar filtered by an account
    account = accounts["telegram"].pk
    soup = calendar(manager, date="2031-03-05", view=view, account=account)

    def query(link):
        return parse_qs(urlsplit(link["href"]).query)

    today = timezone.now().astimezone(WIB).date().isoformat()
    # then previous, next and today move the period and keep the rest
    kept = {"view": [view], "account": [str(account)]}
    assert query(soup.find("a", rel="prev")) == {"date": [previous], **kept}
    assert query(soup.find("a", rel="next")) == {"date": [following], **kept}
    assert query(soup.find("a", string="Hari ini")) == {"date": [today], **kept}


def test_add_links_prefill_the_time_in_wib_for_today_and_later(client, users):
    # given it is Wednesday 5 March 2031, 10.30 WIB
    with time_machine.travel(datetime.datetime(2031, 3, 5, 3, 30, tzinfo=UTC), tick=False):
        client.force_login(users["social"])
        # when the manager opens the calendar
        soup = calendar(client)
    add_url = reverse("campaigns_post:add")

    def link(iso):
        anchor = day(soup, iso).select_one("a.benteng-day__add")
        return anchor and anchor["href"]

    # then today suggests the next full hour, later days 09.00, past days nothing
    assert link("2031-03-05") == f"{add_url}?scheduled_at=2031-03-05T11%3A00"
    assert link("2031-03-06") == f"{add_url}?scheduled_at=2031-03-06T09%3A00"
    assert link("2031-03-04") is None
    assert day(soup, "2031-03-05")["aria-current"] == "date"


def test_analyst_sees_no_add_links(client, users):
    # given an analyst (view only)
    client.force_login(users["analyst"])
    # when the calendar is shown for a future month
    soup = calendar(client, date="2031-03-05")
    # then no day offers "+ unggahan"
    assert soup.select("a.benteng-day__add") == []


@pytest.mark.parametrize("role", ["editor_koran", "editor_majalah"])
def test_newspaper_editors_cannot_open_the_calendar(client, users, role):
    client.force_login(users[role])
    response = client.get(reverse(CALENDAR))
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def test_queries_do_not_grow_with_deliveries(manager, accounts, django_assert_max_num_queries):
    # given a month with 2 deliveries, measured
    post([accounts["instagram"]], scheduled_at=at(4, 2))
    post([accounts["telegram"]], scheduled_at=at(4, 3))
    with CaptureQueriesContext(connection) as few:
        calendar(manager, date="2031-03-05")
    # when 30 more deliveries in other campaigns and accounts are added
    for number in range(15):
        extra = SocialAccountFactory(network=Network.X)
        post(
            [extra, accounts["instagram"]],
            scheduled_at=at(number + 6, 1),
            campaign=CampaignFactory(),
        )
    # then the page needs no more queries than before
    with django_assert_max_num_queries(len(few.captured_queries)):
        soup = calendar(manager, date="2031-03-05")
    assert len(soup.select("li.benteng-item")) == 32


def _busy_day(account, count: int, day: int = 12) -> None:
    """``count`` posts to ``account`` on one March 2031 day, 30 s apart from 08.00 WIB."""
    posts = Post.objects.bulk_create(
        Post(text=f"Unggahan ke-{n}", scheduled_at=at(day, 1) + datetime.timedelta(seconds=30 * n))
        for n in range(count)
    )
    Delivery.objects.bulk_create(
        Delivery(post=p, account=account, scheduled_for=p.scheduled_at) for p in posts
    )


def test_busy_day_shows_a_few_and_links_to_the_rest(manager, accounts):
    # given a day with the four deliveries a day shows, and one on the next
    _busy_day(accounts["instagram"], 4)
    post([accounts["telegram"]], scheduled_at=at(13, 2))
    four = manager.get(reverse(CALENDAR), {"date": "2031-03-05"})
    # when 1,096 more are added to that day and the month is shown again
    Delivery.objects.filter(account=accounts["instagram"]).delete()
    _busy_day(accounts["instagram"], 1_100)
    response = manager.get(reverse(CALENDAR), {"date": "2031-03-05"})
    # then the page barely grew (it was 637 KB): the first four and "+1096 lainnya"
    assert len(response.content) - len(four.content) < 1_000
    assert len(response.content) < 100_000
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert items(soup, "2031-03-12")[0].startswith("08.00 Unggahan ke-0")
    assert len(items(soup, "2031-03-12")) == 4
    more = day(soup, "2031-03-12").select_one("a.benteng-day__more")
    assert more.get_text(strip=True) == "+1096 lainnya"
    assert day(soup, "2031-03-13").select_one("a.benteng-day__more") is None
    # and the link opens the delivery listing filtered to that day, with all 1,100
    url = urlsplit(more["href"])
    assert url.path == reverse("campaigns_deliveries:index")
    assert parse_qs(url.query) == {"day": ["2031-03-12"]}
    listing = manager.get(more["href"])
    assert listing.status_code == 200
    assert listing.context["paginator"].count == 1_100


def test_week_view_shows_more_per_day_and_keeps_the_filters(manager, accounts):
    _busy_day(accounts["instagram"], 30)
    soup = calendar(manager, date="2031-03-12", view="week", account=str(accounts["instagram"].pk))
    assert len(items(soup, "2031-03-12")) == 12
    more = day(soup, "2031-03-12").select_one("a.benteng-day__more")
    assert more.get_text(strip=True) == "+18 lainnya"
    query = parse_qs(urlsplit(more["href"]).query)
    assert query == {"day": ["2031-03-12"], "account": [str(accounts["instagram"].pk)]}
