"""SSRF through a news outlet's feed URL: the poller never fetches an internal address,
however it is written or reached (directly, by name, by redirect, by DNS rebinding)."""

import socket

import pytest
from django.urls import reverse
from werkzeug import Response

from core.outbound import INTERNAL, NOT_HTTP
from insights.clippings.poll import poll_news_feeds
from insights.models import Clipping, KeywordRule, Outlet

pytestmark = pytest.mark.django_db

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Internal</title>
<item><title>Kota Tangerang rahasia internal</title><link>https://intranet.example/1</link>
</item></channel></rss>"""


@pytest.fixture(autouse=True)
def keyword(db):
    KeywordRule.objects.create(phrase="Kota Tangerang")


def serve_feed(server) -> None:
    server.received.clear()
    server.answer(lambda request: Response(RSS, content_type="application/rss+xml"))


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]"])
def test_ssrf_feed_url_on_loopback_is_never_fetched(internal, host):
    # given an outlet saved (past the form) with a feed on the office's own machine
    serve_feed(internal)
    url = internal.url_for("/feed.xml").replace("127.0.0.1", host)
    outlet = Outlet.objects.create(name="Penyusup", feed_url=url)

    # when the feeds are polled
    poll_news_feeds()

    # then nothing was requested, nothing leaked into clippings, and the outlet says why
    assert internal.received == []
    assert not Clipping.objects.exists()
    outlet.refresh_from_db()
    assert outlet.last_status == "failed"
    assert outlet.last_error.startswith("Alamat umpan ditolak")
    assert "rahasia" not in outlet.last_error


def test_ssrf_feed_redirecting_to_loopback_is_not_followed(public, internal):
    # given a "public" feed that redirects to a service inside the office
    serve_feed(internal)
    target = internal.url_for("/feed.xml")
    public.answer(lambda request: Response(status=302, headers={"Location": target}))
    outlet = Outlet.objects.create(name="Pengalih", feed_url=public.url_for("/rss"))

    # when the feeds are polled
    poll_news_feeds()

    # then the redirect was refused before the internal service was asked
    assert public.received == ["GET /rss"]
    assert internal.received == []
    assert not Clipping.objects.exists()
    outlet.refresh_from_db()
    assert (outlet.last_status, outlet.last_error[:20]) == ("failed", "Alamat umpan ditolak")


def test_ssrf_dns_rebinding_after_the_form_is_refused_at_connect_time(internal, monkeypatch):
    # given a feed host that resolved to a public address when the analyst saved it, and to
    # the office's own machine when the poller connects (DNS is outside the machine: faked)
    serve_feed(internal)
    port = internal.port
    answers = iter(["93.184.216.34", "127.0.0.1"])
    real_getaddrinfo = socket.getaddrinfo

    def rebinding(host, *args, **kwargs):
        if host != "berita-rebind.example":
            return real_getaddrinfo(host, *args, **kwargs)
        address = next(answers, "127.0.0.1")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    from core.outbound import check_destination

    url = f"http://berita-rebind.example:{port}/feed.xml"
    check_destination(url)  # the input-time check passes: a public address then
    outlet = Outlet.objects.create(name="Rebind", feed_url=url)

    # when the feeds are polled
    poll_news_feeds()

    # then the address actually connected was checked: refused, nothing fetched
    assert internal.received == []
    assert not Clipping.objects.exists()
    outlet.refresh_from_db()
    assert outlet.last_error.startswith("Alamat umpan ditolak")


@pytest.mark.parametrize(
    "feed_url",
    [
        "http://127.0.0.1:8000/feed.xml",
        "http://localhost:6379/",
        "http://[::1]/feed.xml",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.1.2.3/rss",
        "http://0.0.0.0:5432/",
        "file:///etc/passwd",
        "gopher://127.0.0.1:6379/_INFO",
    ],
)
def test_ssrf_outlet_form_refuses_an_internal_feed_address(client, users, feed_url):
    # given an analyst in the outlet form
    client.force_login(users["analyst"])
    url = reverse("campaigns_outlet:add")

    # when they save an outlet whose feed points inside the office
    response = client.post(url, {"name": "Penyusup", "feed_url": feed_url, "audience_estimate": 0})

    # then the form says why, in Indonesian, and nothing is saved
    assert response.status_code == 200
    (error,) = response.context["form"].errors["feed_url"]
    assert error in (INTERNAL, NOT_HTTP)
    assert not Outlet.objects.exists()
