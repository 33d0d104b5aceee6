"""The measuring half moves to the ``insights`` app (issue 14): its models leave campaigns'
state here, after insights' 0001 has taken them into its own. The tables stay as they are,
rows and all: insights' models keep their names (``Meta.db_table``)."""

from django.db import migrations

# Models that others point at go last: events before their links, clippings before outlets.
MOVED = (
    "TrafficEvent",
    "TrackedLink",
    "Clipping",
    "Outlet",
    "KeywordRule",
    "PeerAccount",
    "CollectionRun",
    "MetricSample",
    "DailyRollup",
    "PostPeak",
    "OutcomeFigure",
    "ReportSubscription",
)


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0020_post_peaks"),
        ("insights", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name) for name in MOVED],
            database_operations=[],
        )
    ]
