"""Secret ranked votes built through the services, for the ranked board's tests."""

from governance import services
from governance.models import Motion
from tests.factories import governance as gf


def ranked_vote(*, board, owners, method=Motion.Method.INSTANT_RUNOFF, seats=None, rule=Motion.CountingRule.WIGM_EXACT):
    """A secret ranked election with three of `owners` standing, open."""
    return gf.election(
        proposer=owners[0],
        board=board,
        candidates=owners[:3],
        method=method,
        seats=seats,
        secret=True,
        counting_rule=rule,
        office_kind="treasurer" if method == Motion.Method.INSTANT_RUNOFF else "director",
    )


def cast_rankings(motion, voters, rankings):
    """Each voter casts a ranking, given by candidate position (0, 1, 2); returns the receipts."""
    pks = list(motion.choices.values_list("pk", flat=True))
    return [
        services.ballot_cast(motion=motion, cast_by=voter, marks=[pks[i] for i in ranking])
        for voter, ranking in zip(voters, rankings, strict=True)
    ]


def close(motion, board):
    services.motion_close(motion=motion, actor=board, reason="close")
    motion.refresh_from_db()
    return motion
