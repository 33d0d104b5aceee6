"""The link a delivery sends: the post's own link, unless an app that counts clicks has
registered a rewriter at start-up (insights does: a tracked short link ``/l/<code>``).
Campaigns never imports insights; this hook is the only way the two meet on the publish path."""

import pytest
from django.conf import settings

from campaigns import dispatch, outgoing_links
from insights.models import TrackedLink
from tests.campaigns.factories import post

pytestmark = pytest.mark.django_db


def test_without_a_rewriter_a_delivery_sends_the_posts_own_link(webhook_account, monkeypatch):
    # given publishing alone, with nothing registered to rewrite links
    monkeypatch.setattr(outgoing_links, "_rewriter", None)
    delivery = post([webhook_account], link_url="https://tangerangkota.go.id/festival")
    # when the delivery's message is built
    outgoing = dispatch.build_outgoing(delivery.deliveries.get())
    # then it carries the post's own link, and no tracked link is made
    assert outgoing.link == "https://tangerangkota.go.id/festival"
    assert not TrackedLink.objects.exists()


def test_insights_registers_the_tracked_short_link_at_start_up(webhook_account):
    # given the installed apps, as every web and worker process starts them
    delivery = post([webhook_account], link_url="https://tangerangkota.go.id/festival")
    # when the delivery's message is built
    outgoing = dispatch.build_outgoing(delivery.deliveries.get())
    # then it carries the delivery's tracked short link
    link = TrackedLink.objects.get()
    assert outgoing.link == f"{settings.PUBLIC_BASE_URL}/l/{link.code}"
    assert link.target_url.startswith("https://tangerangkota.go.id/festival?utm_source=webhook")
