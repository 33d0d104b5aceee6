"""Go-live and expiry times, applied by the beat task every minute (not hourly, as by default).

Times are entered in the admin in WIB; the clock is then moved forward with time-machine and
the real Celery task function is called, as beat would call it.
"""

import datetime

import pytest
import time_machine
from celery.schedules import crontab
from django.urls import reverse
from django.utils import timezone

from cms.celery import app
from home.tasks import publish_scheduled_pages
from publications.models import ArticlePage
from tests.admin_helpers import add_page_url, edit_page_url, rendered_form, with_body

pytestmark = pytest.mark.django_db


def wib(moment: datetime.datetime) -> str:
    """A time as the admin's date-time field takes it (the user's zone: Asia/Jakarta)."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def new_article_form(client, edition, slug: str, **fields):
    url = add_page_url(ArticlePage, edition)
    data = with_body(rendered_form(client, url), "<p>Isi berita.</p>")
    data.update({"title": f"Berita {slug}", "slug": slug, "lead": "Ringkasan berita.", **fields})
    return url, data


def test_beat_runs_the_scheduled_publishing_task_every_minute():
    entry = app.conf.beat_schedule["publish-scheduled-pages"]

    assert entry["task"] == publish_scheduled_pages.name
    schedule = entry["schedule"]
    assert isinstance(schedule, crontab)
    assert schedule.minute == set(range(60))
    assert schedule.hour == set(range(24))
    assert schedule.day_of_week == set(range(7))


def test_article_scheduled_by_the_head_goes_live_when_the_task_runs(client, users, koran_edition):
    # given the head publishing an article with a go-live time two minutes ahead
    client.force_login(users["head"])
    go_live = timezone.now() + datetime.timedelta(minutes=2)
    url, data = new_article_form(
        client, koran_edition, "terjadwal", go_live_at=wib(go_live), **{"action-publish": "1"}
    )
    assert client.post(url, data).status_code == 302
    article = ArticlePage.objects.get(slug="terjadwal")
    assert not article.live
    assert article.scheduled_revision is not None

    # when beat runs the task before the time, and again once the time has passed
    publish_scheduled_pages()
    article.refresh_from_db()
    assert not article.live
    with time_machine.travel(go_live + datetime.timedelta(minutes=1), tick=False):
        publish_scheduled_pages()

    # then the article is live, and readers see it
    article.refresh_from_db()
    assert article.live
    assert client.get(article.url).status_code == 200


def test_article_approved_with_a_go_live_time_waits_for_it(client, users, koran_edition):
    # given the editor submitting an article to go live at a set time
    client.force_login(users["editor_koran"])
    go_live = timezone.now() + datetime.timedelta(minutes=5)
    url, data = new_article_form(
        client,
        koran_edition,
        "pagi",
        go_live_at=wib(go_live),
        **{"action-submit": "1", "submit_despite_checks": "on"},
    )
    assert client.post(url, data).status_code == 302
    article = ArticlePage.objects.get(slug="pagi")

    # when the head approves it
    client.force_login(users["head"])
    task_state = article.current_workflow_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=(article.pk, "approve", task_state.pk)
    )
    assert client.post(approve, {}).status_code == 302

    # then it is scheduled, not live, until beat runs after the go-live time
    article.refresh_from_db()
    assert not article.live
    assert article.scheduled_revision is not None
    with time_machine.travel(go_live + datetime.timedelta(seconds=30), tick=False):
        publish_scheduled_pages()
    article.refresh_from_db()
    assert article.live


def test_expired_article_is_unpublished_when_the_task_runs(client, users, published_article):
    # given the head setting an expiry time on a live article
    client.force_login(users["head"])
    expire = timezone.now() + datetime.timedelta(minutes=2)
    data = with_body(rendered_form(client, edit_page_url(published_article)))
    data.update({"expire_at": wib(expire), "action-publish": "1"})
    assert client.post(edit_page_url(published_article), data).status_code == 302
    published_article.refresh_from_db()
    assert published_article.live

    # when beat runs the task after the expiry time
    with time_machine.travel(expire + datetime.timedelta(minutes=1), tick=False):
        publish_scheduled_pages()

    # then the article is taken down
    published_article.refresh_from_db()
    assert not published_article.live
    assert published_article.expired
