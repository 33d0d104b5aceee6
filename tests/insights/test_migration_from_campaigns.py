"""The measuring half's move from ``campaigns`` to ``insights`` (issue 14) loses nothing.

A database at yesterday's head (campaigns 0020, no insights app yet), with a row in every
moved table and grants on the moved models, is migrated to today's head: every row is still
there, read through insights' models, and every group and user holds the same permissions,
now named ``insights.*``. The content-type migration (insights 0002) is what keeps the
grants: without it the permissions would stay under ``campaigns`` and nobody would hold
``insights.view_metricsample``, so the analysts would lose their dashboards.

The test walks the test database's own migrations back and forth (MigrationExecutor), so it
is transactional; it leaves the database at the head, and the data migrations' rows come
back after its flush (``leave_database_as_migrated``).
"""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps as global_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.management import create_contenttypes
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core.roles import ANALYSTS_GROUP, HEAD_OF_HUMAS_GROUP

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("leave_database_as_migrated"),
    pytest.mark.slow,  # migrates the test database back and forth
]

# Yesterday's head: the campaigns app held everything, and there was no insights app.
BEFORE = [("campaigns", "0020_post_peaks"), ("insights", None)]
# Half-way: the models have moved in Django's state, their content types not yet.
HALF_WAY = [("campaigns", "0021_measuring_moved_to_insights"), ("insights", "0001_initial")]
MOVED = (
    "clipping",
    "collectionrun",
    "dailyrollup",
    "keywordrule",
    "metricsample",
    "outcomefigure",
    "outlet",
    "peeraccount",
    "postpeak",
    "reportsubscription",
    "trackedlink",
    "trafficevent",
)
DAY = datetime.date(2026, 11, 2)
NOON = datetime.datetime(2026, 11, 2, 5, 0, tzinfo=datetime.UTC)


def migrate(targets):
    """Migrate the test database to ``targets``; the state (apps) it ends at."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    nodes = [target for target in targets if target[1] is not None]
    return MigrationExecutor(connection).loader.project_state(nodes).apps


def head():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def moved_grants() -> dict[str, set[tuple[str, str]]]:
    """Who holds which permission on the moved models: group or user -> (app, codename)."""
    permissions = Permission.objects.filter(content_type__model__in=MOVED).select_related(
        "content_type"
    )
    held: dict[str, set[tuple[str, str]]] = {}
    for permission in permissions.prefetch_related("group_set", "user_set"):
        holders = [f"group {group.name}" for group in permission.group_set.all()]
        holders += [f"user {user.username}" for user in permission.user_set.all()]
        for holder in holders:
            held.setdefault(holder, set()).add(
                (permission.content_type.app_label, permission.codename)
            )
    return held


def populate(apps) -> None:
    """One row in every moved table, written with the models as they were at campaigns 0020."""
    User = apps.get_model("auth", "User")
    campaigns = {name: apps.get_model("campaigns", name) for name in MOVED}
    analyst = User.objects.create(username="analis-lama", email="analis@tangerangkota.go.id")
    campaign = apps.get_model("campaigns", "Campaign").objects.create(
        name="Festival Cisadane",
        objective="Warga tahu jadwal festival.",
        starts_on=DAY,
        ends_on=DAY + datetime.timedelta(days=30),
    )
    account = apps.get_model("campaigns", "SocialAccount").objects.create(
        network="instagram", handle="tangerangkota", display_name="Kota Tangerang"
    )
    post = apps.get_model("campaigns", "Post").objects.create(
        text="Festival Cisadane dimulai!", campaign=campaign, author=analyst
    )
    delivery = apps.get_model("campaigns", "Delivery").objects.create(post=post, account=account)

    campaigns["metricsample"].objects.create(
        subject_kind="account",
        subject_id=account.pk,
        metric="followers",
        day=DAY,
        source="instaloader",
        value=120_345,
        account=account,
        campaign=campaign,
        network="instagram",
        collected_at=NOON,
    )
    campaigns["dailyrollup"].objects.create(
        subject_type="office",
        subject_id=0,
        metric="followers",
        day=DAY,
        value=120_345,
        subjects=1,
    )
    campaigns["postpeak"].objects.create(
        subject_id=delivery.pk,
        metric="reach",
        campaign_id=campaign.pk,
        first_day=DAY,
        last_day=DAY,
        peak=5_400,
    )
    campaigns["peeraccount"].objects.create(handle="bekasikota", display_name="Kota Bekasi")
    campaigns["collectionrun"].objects.create(
        collector="instagram_public",
        subject="@tangerangkota",
        account=account,
        started_at=NOON,
        status="ok",
        samples_written=3,
    )
    link = campaigns["trackedlink"].objects.create(
        code="aB3dE5f",
        target_url="https://tangerangkota.go.id/festival?utm_source=instagram",
        delivery=delivery,
        campaign=campaign,
        network="instagram",
    )
    campaigns["trafficevent"].objects.create(kind="click", occurred_at=NOON, link=link)
    campaigns["trafficevent"].objects.create(kind="view", occurred_at=NOON, page_id=3)
    outlet = campaigns["outlet"].objects.create(
        name="Tangerang Ekspres", feed_url="https://tangerangekspres.co.id/feed"
    )
    campaigns["keywordrule"].objects.create(phrase="Kota Tangerang", not_followed_by="Selatan")
    campaigns["clipping"].objects.create(
        outlet=outlet,
        url="https://tangerangekspres.co.id/festival-cisadane",
        title="Festival Cisadane ramai",
        published_at=NOON,
        tone="positive",
        tone_set_by=analyst,
        campaign=campaign,
    )
    campaigns["outcomefigure"].objects.create(
        name="Kunjungan wisatawan",
        level="impact",
        period_start=DAY,
        period_end=DAY,
        value=Decimal("1230000.00"),
        source="BPS",
        campaign=campaign,
    )
    campaigns["reportsubscription"].objects.create(user=analyst, campaign=campaign)

    # Grants beyond the data migrations': a group of its own, and a user's direct permission.
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")

    def permission(codename, model):
        content_type, _ = ContentType.objects.get_or_create(app_label="campaigns", model=model)
        found, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": codename}
        )
        return found

    auditors = apps.get_model("auth", "Group").objects.create(name="Pemeriksa kliping")
    auditors.permissions.add(permission("delete_clipping", "clipping"))
    analyst.user_permissions.add(permission("change_reportsubscription", "reportsubscription"))


def test_every_moved_row_and_grant_survives_the_move_to_insights():
    # given a database at yesterday's head, with a row in every moved table and grants
    try:
        old_apps = migrate(BEFORE)
        populate(old_apps)
        rows_before = {
            model: old_apps.get_model("campaigns", model).objects.count() for model in MOVED
        }
        grants_before = moved_grants()
        permission_ids_before = set(
            Permission.objects.filter(content_type__model__in=MOVED).values_list("pk", flat=True)
        )

        # when it is migrated to today's head
        migrate(head())
    finally:
        migrate(head())  # whatever happened, the next tests find the database they expect

    # then every row is still there, now read through insights' models
    from insights import models as insights

    assert all(rows_before.values())
    assert {
        model: global_apps.get_model("insights", model).objects.count() for model in MOVED
    } == rows_before
    sample = insights.MetricSample.objects.select_related("account", "campaign").get()
    assert (sample.value, sample.account.handle, sample.campaign.name) == (
        120_345,
        "tangerangkota",
        "Festival Cisadane",
    )
    link = insights.TrackedLink.objects.select_related("delivery__post").get()
    assert link.delivery.post.text == "Festival Cisadane dimulai!"
    assert link.events.get().kind == "click"
    clipping = insights.Clipping.objects.select_related("outlet", "tone_set_by").get()
    assert (clipping.outlet.name, clipping.tone_set_by.username) == (
        "Tangerang Ekspres",
        "analis-lama",
    )
    assert insights.OutcomeFigure.objects.get().value == Decimal("1230000.00")
    assert insights.ReportSubscription.objects.get().user.username == "analis-lama"
    assert insights.PostPeak.objects.get().peak == 5_400

    # and every holder keeps the same permissions, the same rows, under insights' name
    assert grants_before[f"group {ANALYSTS_GROUP}"] >= {("campaigns", "view_metricsample")}
    assert moved_grants() == {
        holder: {("insights", codename) for _, codename in held}
        for holder, held in grants_before.items()
    }
    assert (
        set(Permission.objects.filter(content_type__model__in=MOVED).values_list("pk", flat=True))
        == permission_ids_before
    )
    assert not ContentType.objects.filter(app_label="campaigns", model__in=MOVED).exists()

    # and they can do today what they could do yesterday
    analyst = get_user_model().objects.get(username="analis-lama")
    analyst.groups.add(Group.objects.get(name=ANALYSTS_GROUP))
    assert analyst.has_perm("insights.view_metricsample")
    assert analyst.has_perm("insights.change_reportsubscription")
    head_of_humas = Group.objects.get(name=HEAD_OF_HUMAS_GROUP)
    assert head_of_humas.permissions.filter(
        content_type__app_label="insights", codename="run_collector"
    ).exists()


def test_grants_move_onto_insights_permissions_made_by_a_migrate_stopped_half_way():
    # given yesterday's database, with a row in every moved table and grants
    try:
        populate(migrate(BEFORE))
        grants_before = moved_grants()
        # and a ``migrate`` stopped after insights 0001, whose post_migrate made insights'
        # content types and fresh permissions that nobody holds
        half_way = migrate(HALF_WAY)
        create_contenttypes(global_apps.get_app_config("insights"), verbosity=0, apps=half_way)
        create_permissions(global_apps.get_app_config("insights"), verbosity=0, apps=half_way)
        assert Permission.objects.filter(content_type__app_label="insights").exists()

        # when the migration is finished
        migrate(head())
    finally:
        migrate(head())

    # then every holder holds insights' permissions of the same codenames
    assert moved_grants() == {
        holder: {("insights", codename) for _, codename in held}
        for holder, held in grants_before.items()
    }
    # and campaigns' old content types hold no permission any more
    assert not Permission.objects.filter(
        content_type__app_label="campaigns", content_type__model__in=MOVED
    ).exists()
