"""The delivery state table: every allowed move happens, every other move does not.

``EXPECTED`` is the specification, written out here by hand: (from, to) → who may make the
move. The walk then tries every pair of states, by the machine and by a person, against a
real row with ``campaigns.states.move`` (one conditional UPDATE), and checks that exactly
the expected moves happen. The README's diagram is the table's own drawing.
"""

from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps
from django.utils import timezone

from campaigns import states
from campaigns.models import Delivery, DeliveryStatus
from tests.campaigns.factories import post

M, P = states.MACHINE, states.PERSON
EXPECTED = {
    # people: submit, approve, reject / withdraw, cancel, retry, release, mark published
    ("draft", "pending_approval"): {P},
    ("pending_approval", "scheduled"): {P},
    ("pending_approval", "draft"): {P},
    ("scheduled", "draft"): {P},
    ("held", "draft"): {P},
    ("cancelled", "draft"): {P},
    ("draft", "cancelled"): {P},
    ("pending_approval", "cancelled"): {M, P},  # the machine: not approved in time
    ("scheduled", "cancelled"): {P},
    ("retry_wait", "cancelled"): {P},
    ("failed", "cancelled"): {P},
    ("missed", "cancelled"): {P},
    ("held", "cancelled"): {P},
    ("failed", "scheduled"): {P},
    ("missed", "scheduled"): {P},
    ("held", "scheduled"): {P},
    ("unconfirmed", "scheduled"): {P},
    ("held", "checking"): {P},
    ("unconfirmed", "published"): {P},
    ("checking", "published"): {M, P},
    ("scheduled", "held"): {M, P},
    ("retry_wait", "held"): {M, P},
    # the machine: claim, miss, sweep, publish and what each answer leads to
    ("scheduled", "claimed"): {M},
    ("retry_wait", "claimed"): {M},
    ("checking", "claimed"): {M},
    ("scheduled", "missed"): {M},
    ("retry_wait", "missed"): {M},
    ("claimed", "scheduled"): {M},
    ("claimed", "checking"): {M},
    ("claimed", "publishing"): {M},
    ("claimed", "held"): {M},
    ("claimed", "published"): {M},
    ("publishing", "published"): {M},
    ("publishing", "retry_wait"): {M},
    ("publishing", "failed"): {M},
    ("publishing", "held"): {M},
    ("publishing", "checking"): {M},
    ("publishing", "unconfirmed"): {M},
}
ALL = [status.value for status in DeliveryStatus]


def test_the_table_is_the_specification():
    assert {pair: set(actors) for pair, (actors, _why) in states.TRANSITIONS.items()} == EXPECTED


@pytest.mark.parametrize("by", [M, P])
def test_every_move_in_the_table_happens_and_no_other(by, webhook_account):
    # given one delivery, put in each state in turn
    delivery = post([webhook_account]).deliveries.get()
    row = Delivery.objects.filter(pk=delivery.pk)
    happened, refused = set(), set()
    for source in ALL:
        for target in ALL:
            if source == target:
                continue
            row.update(status=source)
            # when ``by`` moves it to ``target``
            try:
                moved = states.move(row, target, by=by)
            except ValueError:  # nobody of this kind ever moves anything there
                moved = 0
            now = row.values_list("status", flat=True).get()
            # then it moved exactly when the table allows it, and only then
            assert now == (target if moved else source), (source, target, by)
            (happened if moved else refused).add((source, target))
    allowed = {pair for pair, actors in EXPECTED.items() if by in actors}
    assert happened == allowed
    assert not refused & allowed


def test_doubt_travels_with_the_state(webhook_account):
    # given a delivery whose outcome became unknown
    delivery = post([webhook_account]).deliveries.get()
    row = Delivery.objects.filter(pk=delivery.pk)
    row.update(status=DeliveryStatus.PUBLISHING, needs_reconcile=False)
    # when it moves to checking, then it must be read back; from there a claim keeps it
    states.move(row, DeliveryStatus.CHECKING, by=M)
    assert row.get().needs_reconcile
    states.move(row, DeliveryStatus.CLAIMED, by=M)
    assert row.get().needs_reconcile
    # and a swept claim of a check goes back to checking, never to scheduled with a flag
    states.move(row, DeliveryStatus.CHECKING, by=M)
    row.update(status=DeliveryStatus.UNCONFIRMED)
    # when a person retries it (having looked on the platform), the doubt is gone
    states.move(row, DeliveryStatus.SCHEDULED, by=P)
    assert not row.get().needs_reconcile


def test_readme_diagram_is_drawn_from_the_table():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert f"```mermaid\n{states.mermaid()}\n```" in readme


@pytest.mark.parametrize(
    ("before", "due", "reconcile", "after"),
    [
        ("unconfirmed", True, True, "checking"),  # an automatic check was planned
        ("unconfirmed", False, True, "unconfirmed"),  # a person decides, as before
        ("scheduled", True, True, "checking"),  # a swept check, hidden beside scheduled
        ("retry_wait", True, True, "checking"),
        ("scheduled", True, False, "scheduled"),
        ("retry_wait", True, False, "retry_wait"),
    ],
)
def test_migration_makes_the_hidden_check_an_explicit_state(
    before, due, reconcile, after, webhook_account
):
    # given a row as the old code left it
    migration = import_module("campaigns.migrations.0015_checking_state")
    delivery = post([webhook_account]).deliveries.get()
    row = Delivery.objects.filter(pk=delivery.pk)
    row.update(status=before, needs_reconcile=reconcile, due_at=timezone.now() if due else None)
    # when the data migration runs
    migration.to_checking(apps, None)
    # then a check that was planned is the explicit state, and the flag follows it
    status, flag = row.values_list("status", "needs_reconcile").get()
    assert status == after
    assert flag == (after in ("checking", "unconfirmed"))
