"""``/l/<code>`` is answered before the middleware a redirect doesn't need (issue 13 §4), yet
keeps its security headers, its host check and its count; a link that changes is followed to
its new target at once; unknown codes and other methods still get the URL pattern's answers."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from insights.tracking import events, views
from insights.tracking.links import tracked_link_for
from tests.campaigns.factories import CampaignFactory, post

CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
seen_by_the_rest: list[str] = []


class RecordingMiddleware:
    """Last in the stack: notes every request the rest of the stack handled."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seen_by_the_rest.append(request.path)
        return self.get_response(request)


@pytest.fixture(autouse=True)
def counting_from_zero(traffic):
    seen_by_the_rest.clear()


@pytest.fixture
def link(webhook_account):
    delivery = post([webhook_account], link_url="https://a.id/", campaign=CampaignFactory())
    return tracked_link_for(delivery.deliveries.get())


def recording():
    return override_settings(MIDDLEWARE=[*settings.MIDDLEWARE, f"{__name__}.RecordingMiddleware"])


def test_a_known_link_skips_the_rest_of_the_stack_and_still_counts(client, link, traffic):
    with recording():
        client.get(f"/l/{link.code}", HTTP_USER_AGENT=CHROME, REMOTE_ADDR="10.9.0.1")
        # when a reader follows the link again: the code comes from the process's memo
        with CaptureQueriesContext(connection) as queries:
            response = client.get(
                f"/l/{link.code}/", HTTP_USER_AGENT=CHROME, REMOTE_ADDR="10.9.0.2"
            )
        unknown = client.get("/l/Zz9Zz9Z", HTTP_USER_AGENT=CHROME)
        posted = client.post(f"/l/{link.code}", HTTP_USER_AGENT=CHROME)
    # then it is redirected without the database and without the middleware below ours
    assert response.status_code == 302 and response["Location"] == link.target_url
    assert len(queries.captured_queries) == 0
    assert seen_by_the_rest == ["/l/Zz9Zz9Z", f"/l/{link.code}"]
    # and both clicks are in Redis, one round trip each
    assert traffic.llen(events.keys()[0]) == 2
    # while an unknown code and a POST get the view's own answers
    assert unknown.status_code == 404 and b"<html" in unknown.content
    assert posted.status_code == 405


def test_the_short_cut_keeps_the_security_and_cache_headers(client, link):
    response = client.get(f"/l/{link.code}", HTTP_USER_AGENT=CHROME)
    assert response.status_code == 302
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Request-ID"]
    assert "no-store" in response["Cache-Control"]
    assert "Set-Cookie" not in response.headers and "Vary" not in response.headers


def test_a_host_we_do_not_serve_is_refused(client, link, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    response = client.get(f"/l/{link.code}", HTTP_USER_AGENT=CHROME, HTTP_HOST="evil.example")
    assert response.status_code == 400


def test_a_changed_link_is_followed_to_its_new_target_at_once(client, link):
    client.get(f"/l/{link.code}", HTTP_USER_AGENT=CHROME)  # now in the process's memo
    link.target_url = "https://kota.example/baru"
    link.save()
    response = client.get(f"/l/{link.code}", HTTP_USER_AGENT=CHROME)
    assert response["Location"] == "https://kota.example/baru"
    link.delete()
    assert client.get(f"/l/{link.code}", HTTP_USER_AGENT=CHROME).status_code == 404


def test_the_clicks_answer_is_read_after_the_response_and_none_is_lost(rf, link, traffic):
    traffic.script_flush()  # the count-once script is loaded on first use
    first = views.redirect(
        rf.get(f"/l/{link.code}", HTTP_USER_AGENT=CHROME, REMOTE_ADDR="10.9.1.1"),
        *[link.pk, link.target_url],
    )
    # when another click comes before the first response was closed
    second = views.redirect(
        rf.get(f"/l/{link.code}", HTTP_USER_AGENT=CHROME, REMOTE_ADDR="10.9.1.2"),
        *[link.pk, link.target_url],
    )
    second.close()
    first.close()  # its answer was read already: nothing read twice
    # then both are counted, once each, and the connection still answers in step
    assert traffic.llen(events.keys()[0]) == 2
    events.record("c", link.pk, "another-reader")
    assert traffic.llen(events.keys()[0]) == 3


def test_every_redirect_carries_the_policy_the_site_sends(client, link):
    # the first redirect builds it, the next ones copy it: the same header as a page's
    page = client.get("/l/bukan-kode")
    first = client.get(f"/l/{link.code}", HTTP_USER_AGENT=CHROME)
    second = client.get(f"/l/{link.code}", HTTP_USER_AGENT=CHROME)
    policy = page["Content-Security-Policy"]
    assert first["Content-Security-Policy"] == second["Content-Security-Policy"] == policy
