"""Times are typed and read in WIB and stored in UTC."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.urls import reverse

from campaigns.models import Post
from tests.campaigns.factories import CampaignFactory, SocialAccountFactory
from tests.campaigns.post_forms import add_url, edit_url, new_post_data, table_rows

WIB = ZoneInfo("Asia/Jakarta")
pytestmark = pytest.mark.django_db


# A day in the week before, so that 5 December is still ahead whenever the suite runs.
TODAY = datetime.datetime(2026, 11, 28, 3, 0, tzinfo=datetime.UTC)


@time_machine.travel(TODAY, tick=False)
def test_nine_in_the_morning_wib_is_stored_as_two_utc_and_shown_as_nine_wib(client, users):
    # given a manager scheduling a post for 5 December 2026, 09:00 in Tangerang
    client.force_login(users["social"])
    account = SocialAccountFactory(network="telegram")
    data = new_post_data(client, [account], "Car free day besok pagi.")
    data["scheduled_at"] = "2026-12-05 09:00"

    # when it is saved
    client.post(add_url(), data)

    # then it is stored as 02:00 UTC ...
    post = Post.objects.get()
    assert post.scheduled_at == datetime.datetime(2026, 12, 5, 2, 0, tzinfo=datetime.UTC)
    # ... the form shows 09:00 again ...
    form = BeautifulSoup(client.get(edit_url(post)).content, "html.parser")
    assert form.select_one("input[name=scheduled_at]")["value"] == "2026-12-05 09:00"
    # ... and the listing says 09:00 WIB
    rows = table_rows(client.get(reverse("campaigns_post:index")))
    assert rows[0][2] == "05-12-2026 09:00 WIB"


def test_calendar_link_prefills_the_wib_time_and_campaign(client, users):
    # given the "+ unggahan" link of a calendar day, with a campaign filter on
    campaign = CampaignFactory()
    client.force_login(users["social"])
    # when the manager opens it
    response = client.get(
        reverse("campaigns_post:add"), {"scheduled_at": "2026-12-05T09:00", "campaign": campaign.pk}
    )
    # then the form shows that time in WIB and the campaign chosen
    form = response.context["form"]
    assert form["scheduled_at"].value().astimezone(WIB).strftime("%Y-%m-%d %H:%M") == (
        "2026-12-05 09:00"
    )
    assert form["campaign"].value() == campaign.pk


def test_a_malformed_calendar_time_is_ignored_not_an_error(client, users):
    client.force_login(users["social"])
    response = client.get(reverse("campaigns_post:add"), {"scheduled_at": "besok pagi"})
    assert response.status_code == 200
    assert response.context["form"]["scheduled_at"].value() is None
