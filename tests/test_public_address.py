"""One public address: the sitemap, the API, the feeds, canonical links and tracked links all
point at PUBLIC_BASE_URL, whatever the Site record said before and whatever host the request
came in by."""

import xml.etree.ElementTree as ET

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Site

from home import public_site
from insights.tracking.links import tracked_link_for
from tests.campaigns.factories import SocialAccountFactory, post
from tests.factories import article, newspaper_edition

pytestmark = pytest.mark.django_db

PUBLIC = "https://berita.tangerangkota.go.id"
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def stale_site(settings):
    """A Site left at the migration's localhost:80 while the office moved to its domain."""
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "localhost", 80
    site.save()
    settings.PUBLIC_BASE_URL = PUBLIC
    return site


def absolute_links(client, story) -> dict[str, list[str]]:
    """Every absolute link a machine reads, by where it was found."""
    sitemap = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own answer
    feed = feedparser.parse(client.get("/rss/").content)
    api = client.get(f"/api/v2/pages/{story.pk}/").json()
    page = BeautifulSoup(client.get(story.url).content, "html.parser")
    delivery = post([SocialAccountFactory(network="webhook")], link_page=story).deliveries.get()
    return {
        "sitemap": [loc.text for loc in sitemap.iterfind("sm:url/sm:loc", SITEMAP_NS)],
        "feed": [feed.feed.link, *(entry.link for entry in feed.entries)],
        "api": [api["meta"]["html_url"]],
        "canonical": [page.find("link", rel="canonical")["href"]],
        "tracked link": [tracked_link_for(delivery).target_url],
    }


def test_after_migrate_every_absolute_link_is_on_public_base_url(client, stale_site, publications):
    # given a live article and a Site record that disagrees with PUBLIC_BASE_URL
    story = article(newspaper_edition(publications["koran"]), title="Pompa baru usir banjir")

    # when the deployment runs migrate
    call_command("migrate", verbosity=0)

    # then the default Site is the public address…
    stale_site.refresh_from_db()
    assert (stale_site.hostname, stale_site.port, stale_site.root_url) == (
        "berita.tangerangkota.go.id",
        443,
        PUBLIC,
    )
    # …and the sitemap, feed, API, canonical link and tracked link all agree on it, although
    # the request came in as http://testserver
    links = absolute_links(client, story)
    for where, urls in links.items():
        assert urls, where
        assert all(url.startswith(PUBLIC + "/") for url in urls), (where, urls)
    assert f"{PUBLIC}{story.url}" in links["sitemap"]
    assert links["api"] == links["canonical"] == [f"{PUBLIC}{story.url}"]


def test_start_up_check_warns_while_the_site_disagrees(stale_site):
    # given the stale Site, the check names both addresses
    warnings = public_site.check_default_site()
    assert [warning.id for warning in warnings] == ["home.W002"]
    assert "http://localhost" in warnings[0].msg
    assert PUBLIC in warnings[0].msg

    # once synced (migrate or seed_demo), it is silent
    assert public_site.sync_default_site() is True
    assert public_site.check_default_site() == []
    assert public_site.sync_default_site() is False  # nothing left to change


@pytest.mark.parametrize(
    ("base_url", "address"),
    [
        ("https://berita.tangerangkota.go.id", ("berita.tangerangkota.go.id", 443)),
        ("http://127.0.0.1:8123", ("127.0.0.1", 8123)),
        ("http://berita.local", ("berita.local", 80)),
    ],
)
def test_site_address_follows_scheme_host_and_port(base_url, address):
    assert public_site.public_address(base_url) == address
    assert public_site.expressible(base_url)


@pytest.mark.parametrize("base_url", ["https://berita.example:8443", "https://a.example/berita"])
def test_an_address_a_site_cannot_hold_is_a_warning_and_left_alone(settings, base_url):
    # Wagtail's Site knows https only on 443, and no path
    settings.PUBLIC_BASE_URL = base_url
    before = Site.objects.values_list("hostname", "port").get(is_default_site=True)

    assert [warning.id for warning in public_site.check_default_site()] == ["home.W001"]
    assert public_site.sync_default_site() is False
    assert Site.objects.values_list("hostname", "port").get(is_default_site=True) == before
