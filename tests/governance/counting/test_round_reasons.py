"""Every instant-runoff and STV round says who was elected or excluded and why, as a reason code
with the figures, and the results page words it."""

from decimal import Decimal

from django.urls import reverse

from governance import counting, services
from governance.models import Motion
from tests.clients import logged_in
from tests.factories import governance as gf

A, B, C, D = 1, 2, 3, 4


def test_stv_rounds_carry_quota_fewest_votes_and_remaining_reasons():
    # given 2 seats, 10 votes: exact quota 10 / 3; A 4 is over it, B 3, C 2, D 1 (then C)
    groups = [((A,), Decimal(4)), ((B,), Decimal(3)), ((C,), Decimal(2)), ((D, C), Decimal(1))]
    count = counting.single_transferable_vote(groups, [A, B, C, D], seats=2)
    # then A reaches the quota, D has fewest, B and C tie at 3 and round 2 (B 3, C 2) excludes C,
    # and B fills the last seat as the only continuing candidate
    assert [(r.action, r.reason, r.choices) for r in count.rounds] == [
        ("elect", "quota", [A]),
        ("exclude", "fewest_votes", [D]),
        ("exclude", "fewest_votes", [C]),
        ("elect remaining", "remaining", [B]),
    ]
    assert count.rounds[0].surplus_of == [A]
    assert count.rounds[2].tie == {"tied": [B, C], "broken_by": "earlier_round", "round": 2}
    record = count.rounds[0].as_dict()
    assert record["reason"] == "quota"
    # 4 votes against the quota of 10/3: a surplus of 2/3
    assert record["figures"] == {"votes": {str(A): "4.000000"}, "surplus": {str(A): "0.666667"}}
    assert count.rounds[1].as_dict()["figures"] == {"votes": {str(D): "1.000000"}, "surplus": {}}


def test_instant_runoff_says_majority_or_last_standing():
    count = counting.instant_runoff([((A,), Decimal(3)), ((B,), Decimal(1))], [A, B])
    assert (count.rounds[0].action, count.rounds[0].reason) == ("elect", "majority")


def test_scottish_rounds_say_when_only_a_surplus_moves():
    # given 2 seats... 3 seats, quota 4: A 6 and B 5 elected at once; A's surplus moves in round 1,
    # then B's in round 2 with nobody new elected: a "surplus" round
    e = 5
    groups = [((A, C), Decimal(6)), ((B, D), Decimal(5)), ((C,), Decimal(1)), ((D,), Decimal(1)), ((e,), Decimal(2))]
    count = counting.scottish_stv(groups, [A, B, C, D, e], 3)
    assert (count.rounds[0].action, count.rounds[0].reason, count.rounds[0].surplus_of) == ("elect", "quota", [A])
    assert (count.rounds[1].action, count.rounds[1].reason, count.rounds[1].choices) == ("surplus", "surplus", [B])


def test_meek_names_sure_losers_excluded_together():
    groups = [((A,), Decimal(40)), ((B,), Decimal(30)), ((C,), Decimal(20)), ((D,), Decimal(2)), ((5,), Decimal(1))]
    count = counting.meek_stv(groups, [A, B, C, D, 5], seats=2)
    reasons = {r.reason for r in count.rounds}
    assert "quota" in reasons and ("sure_losers" in reasons or "fewest_votes" in reasons)


def test_the_results_page_words_each_reason(board, owners):
    # given a Scottish STV election: 5 voters, 2 seats, quota 5 // 3 + 1 = 2
    motion = gf.election(
        proposer=owners[0],
        board=board,
        candidates=owners[:3],
        method=Motion.Method.STV,
        seats=2,
        counting_rule=Motion.CountingRule.SCOTTISH_STV_2007,
    )
    a, b, c = motion.choices.order_by("position").values_list("pk", flat=True)
    ballots = [(owners[0], [a, b]), (owners[1], [a, b]), (owners[2], [a, b]), (owners[3], [b]), (owners[4], [c])]
    for voter, marks in ballots:
        services.ballot_cast(motion=motion, cast_by=voter, marks=marks)
    services.motion_close(motion=motion, actor=board, reason="close")
    labels = dict(motion.choices.values_list("pk", "label"))
    text = logged_in(owners[0]).get(reverse("governance:results", args=[motion.pk])).content.decode()
    # then round 1 says A reached the quota and that A's surplus moves on
    assert f"Round 1: {labels[a]} elected: reached the quota of 2" in text
    assert f"The surplus of {labels[a]} moves on to the next preferences." in text
    assert "Scottish STV" in text
