"""`manage.py seed_scale` builds a consistent large cooperative, here at tiny sizes."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Sum

from coop.models import User
from coop.roles import Role, has_role
from governance.models import Ballot, Motion, Participation, RollEntry
from governance.services.results import tally
from membership.models import Member, ShareTransaction
from projects.models import Task, TaskDependency, TimeEntry

TINY = [
    "--no-demo",
    "--members",
    "40",
    "--share-transactions",
    "130",
    "--ballots",
    "30",
    "--tasks",
    "25",
    "--time-entries",
    "60",
    "--history-versions",
    "12",
]


def _seed() -> str:
    out = StringIO()
    call_command("seed_scale", *TINY, stdout=out)
    return out.getvalue()


def test_seed_scale_writes_the_sizes_asked_for(cooperative):
    # Given an empty cooperative; when the scale seed runs at tiny sizes
    output = _seed()
    # then every size is met and reported
    assert Member.objects.filter(user__email__endswith="@scale.invalid").count() == 40
    assert ShareTransaction.objects.count() == 130
    assert Task.objects.count() == 25 and TimeEntry.objects.count() == 60
    assert TaskDependency.objects.count() == 25 - 3  # chains of ten: no link into each chain's head
    assert "130 share transactions" in output
    assert all(has_role(u, Role.MEMBER) for u in User.objects.filter(email__endswith="@scale.invalid")[:5])


def test_seeded_holdings_match_the_share_ledger(cooperative):
    # Given the scale cooperative
    _seed()
    # then each member's holding is its ledger's sum and its last balance_after
    sums = dict(ShareTransaction.objects.values("member").annotate(total=Sum("change")).values_list("member", "total"))
    for member in Member.objects.filter(user__email__endswith="@scale.invalid"):
        assert member.share_balance == sums.get(member.pk, 0)
        last = member.share_transactions.order_by("-balance_after").first()
        assert last.balance_after == member.share_balance


def test_seeded_vote_tallies_its_ballots(cooperative):
    # Given the scale vote, opened by the service with a frozen roll
    _seed()
    motion = Motion.objects.get(title__startswith="Scale vote")
    assert motion.status == Motion.Status.OPEN
    assert RollEntry.objects.filter(motion=motion).count() == 40
    # when it is tallied, then the running totals agree with the ballots and the roll's weights
    result = tally(motion)
    assert result["participants"] == Participation.objects.filter(motion=motion).count() == 30
    assert Ballot.objects.filter(motion=motion).count() == 30
    cast = Participation.objects.filter(motion=motion).aggregate(w=Sum("roll_entry__weight"))["w"]
    assert result["cast_weight"] == cast
    assert sum(Decimal(v) for v in result["totals"].values()) == cast


def test_one_member_has_a_long_history(cooperative):
    _seed()
    counts = Member.history.values("id").annotate(n=Count("history_id")).order_by("-n")
    assert counts[0]["n"] == 12
    member = Member.objects.get(pk=counts[0]["id"])
    assert member.history.latest().phone == member.phone


def test_after_the_seed_new_rows_get_fresh_ids(cooperative):
    # Given the scale cooperative, whose rows were given their ids by the seed
    _seed()
    # when the services add a role and a member afterwards, then nothing collides or is skipped
    from coop import services

    user = services.account_create(
        email="after@example.coop", password="x-9-long-enough", verified=True, actor=None, reason="after the seed"
    )
    services.role_grant(user=user, role=Role.OPERATIONS, actor=None, reason="after the seed")
    assert has_role(User.objects.get(pk=user.pk), Role.OPERATIONS)


def test_second_run_refuses_and_writes_nothing(cooperative):
    # Given a seeded database
    _seed()
    before = (User.objects.count(), ShareTransaction.objects.count(), Ballot.objects.count())
    # when it runs again, then it refuses with a clear message and nothing changes
    with pytest.raises(CommandError, match="already holds the scale cooperative"):
        _seed()
    assert (User.objects.count(), ShareTransaction.objects.count(), Ballot.objects.count()) == before


def test_sizes_that_cannot_hold_are_refused(cooperative):
    with pytest.raises(CommandError, match="ballots cannot exceed members"):
        call_command("seed_scale", "--no-demo", "--members", "5", "--ballots", "6", stdout=StringIO())
    assert not User.objects.filter(email__endswith="@scale.invalid").exists()
