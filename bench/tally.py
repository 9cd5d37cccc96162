"""Benchmark: tally a share-weighted vote of N voters against a raw SQL GROUP BY.

    DATABASE_URL=postgres://... python -m bench.tally [N]      (N defaults to 100000)

Runs against a migrated database, seeds the vote with bulk inserts inside one transaction,
times the platform's tally and a hand-written GROUP BY over the same rows in the same run,
prints both and their ratio, then rolls everything back.
"""

from __future__ import annotations

import os
import random
import sys
import time
from decimal import Decimal

from bench.goals import Goal

TALLY_LIMIT = 2.0  # the platform's tally may cost at most twice the bare GROUP BY


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()


class _Rollback(Exception):
    pass


RAW_SQL = """
    SELECT b.marks, COUNT(*), SUM(r.weight)
    FROM governance_participation p
    JOIN governance_rollentry r ON r.id = p.roll_entry_id
    JOIN governance_ballot b ON b.id = p.ballot_id
    WHERE p.motion_id = %s
    GROUP BY b.marks
"""


def _seed(n: int):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from coop import services as coop_services
    from coop.models import Cooperative
    from coop.roles import Role
    from governance import services
    from governance.models import Ballot, BallotTotal, Body, Motion, Participation, RollEntry

    if not Cooperative.objects.exists():
        coop_services.cooperative_create(actor=None, reason="bench", name="Bench", jurisdiction="Nowhere")
    bodies = services.bodies_ensure(actor=None, reason="bench")
    User = get_user_model()
    unusable = make_password(None)  # bench voters never log in
    proposer = User.objects.create(email="bench-proposer@bench.invalid", password=unusable)
    coop_services.role_grant(user=proposer, role=Role.MEMBER, actor=None, reason="bench")
    motion = services.motion_propose(
        body=bodies[Body.Kind.GENERAL_CONFERENCE],
        kind=Motion.Kind.ORDINARY,
        title="Bench vote",
        proposer=proposer,
        actor=None,
        reason="bench",
    )
    # The vote is tallied as if it had opened with these numbers; nothing else reads them.
    motion.quorum_percent, motion.threshold_percent = Decimal(50), Decimal(50)
    choices = list(motion.choices.values_list("pk", flat=True))
    rng = random.Random(7)
    users = User.objects.bulk_create(
        [User(email=f"bench-{i}@bench.invalid", password=unusable) for i in range(n)], batch_size=5000
    )
    roll = RollEntry.objects.bulk_create(
        [RollEntry(motion=motion, voter=u, weight=Decimal(rng.randint(1, 50)), rule="share") for u in users],
        batch_size=5000,
    )
    voting = [entry for entry in roll if rng.random() < 0.8]
    ballots = [Ballot(motion=motion, marks=str(rng.choice(choices)), receipt=f"R{i:09d}") for i in range(len(voting))]
    Ballot.objects.bulk_create(ballots, batch_size=5000)
    Participation.objects.bulk_create(
        [
            Participation(motion=motion, voter_id=e.voter_id, cast_by_id=e.voter_id, roll_entry=e, ballot=b)
            for e, b in zip(voting, ballots, strict=True)
        ],
        batch_size=5000,
    )
    totals: dict[str, list] = {}
    for entry, ballot in zip(voting, ballots, strict=True):
        total = totals.setdefault(ballot.marks, [Decimal(0), 0])
        total[0] += entry.weight
        total[1] += 1
    BallotTotal.objects.bulk_create(
        [BallotTotal(motion=motion, marks=m, weight=w, ballots=c) for m, (w, c) in totals.items()]
    )
    return motion


def compare(motion) -> list[Goal]:
    """Time the platform's tally of `motion` and the raw GROUP BY over the same rows; print the ratio as a goal."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from governance.services.results import tally

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = tally(motion)
        platform = time.perf_counter() - started
    with connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.execute(RAW_SQL, [motion.pk])
        raw_rows = cursor.fetchall()
        raw = time.perf_counter() - started
    raw_weight = sum(Decimal(w) for _m, _c, w in raw_rows)
    assert raw_weight == result["cast_weight"], (raw_weight, result["cast_weight"])
    print(f"tally:          {platform * 1000:9.1f} ms in {len(queries.captured_queries)} queries")
    print(f"raw GROUP BY:   {raw * 1000:9.1f} ms")
    print(f"ratio:          {platform / raw:9.2f} x")
    return [Goal("vote tally vs a raw SQL GROUP BY", platform / raw, TALLY_LIMIT, "x")]


def main(argv: list[str]) -> None:
    _setup()
    from django.db import connection, transaction

    n = int(argv[1]) if len(argv) > 1 else 100_000
    try:
        with transaction.atomic():
            started = time.perf_counter()
            motion = _seed(n)
            print(f"seeded {n} voters in {time.perf_counter() - started:.1f} s ({connection.vendor})")
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")  # fresh statistics for both queries alike
            compare(motion)
            raise _Rollback
    except _Rollback:
        print("rolled back: the database is as it was")


if __name__ == "__main__":
    main(sys.argv)
