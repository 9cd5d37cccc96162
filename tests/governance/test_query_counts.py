"""Lists and the tally run a fixed number of queries whatever the row count."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance import services
from governance.services.results import tally
from tests.factories import governance as gf


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _motions(proposer, board, n):
    for i in range(n):
        motion = gf.motion(proposer=proposer, title=f"Motion {i}")
        gf.open_motion(motion, board=board)


def test_motion_changelist_and_api_list_query_counts_are_constant(board_client, board, owners):
    client = Client()
    client.force_login(owners[0])
    _motions(owners[0], board, 2)
    admin_small = _count(board_client, reverse("admin:governance_motion_changelist"))
    api_small = _count(client, reverse("motion-list"))
    _motions(owners[0], board, 8)
    assert _count(board_client, reverse("admin:governance_motion_changelist")) == admin_small
    assert _count(client, reverse("motion-list")) == api_small


def test_other_changelists_query_counts_are_constant(board_client, board, owners):
    urls = [
        reverse(f"admin:governance_{name}_changelist")
        for name in ("officeterm", "proxy", "rollentry", "participation", "result", "office")
    ]
    motion = gf.open_motion(gf.motion(proposer=owners[0]), board=board)
    small = [_count(board_client, url) for url in urls]
    for voter in owners:
        services.ballot_cast(motion=motion, cast_by=voter, marks=gf.yes(motion))
    services.motion_close(motion=motion, actor=board, reason="close")
    assert [_count(board_client, url) for url in urls] == small


def test_tally_query_count_does_not_grow_with_ballots(board, owners):
    gf.voting_mode("share")
    gf.set_policy("share_cap_percent", 0)
    many_voters = [gf.owner(shares=i + 1) for i in range(12)]
    few = gf.open_motion(gf.motion(proposer=owners[0], title="few"), board=board)
    many = gf.open_motion(gf.motion(proposer=owners[0], title="many"), board=board)
    services.ballot_cast(motion=few, cast_by=many_voters[0], marks=gf.yes(few))
    for voter in many_voters:
        services.ballot_cast(motion=many, cast_by=voter, marks=gf.yes(many))
    counts = []
    for motion in (few, many):
        with CaptureQueriesContext(connection) as ctx:
            tally(motion)
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_api_participation_and_officer_lists_are_constant(board, owners):
    client = Client()
    client.force_login(owners[0])
    motions = [gf.open_motion(gf.motion(proposer=owners[0], title=f"m{i}"), board=board) for i in range(4)]
    services.ballot_cast(motion=motions[0], cast_by=owners[0], marks=gf.yes(motions[0]))
    services.proxy_grant(grantor=owners[0], holder=owners[1], motion=motions[3], actor=owners[0], reason="away")
    first = [_count(client, reverse(n)) for n in ("participation-list", "officer-list", "proxy-list")]
    for motion in motions[1:3]:
        services.ballot_cast(motion=motion, cast_by=owners[0], marks=gf.yes(motion))
    gf.officer("treasurer", owners[1])
    gf.officer("director", owners[2])
    assert [_count(client, reverse(n)) for n in ("participation-list", "officer-list", "proxy-list")] == first


def test_motion_lists_take_turnout_from_the_running_totals_newest_first(board_client, board, owners):
    # given two open votes, the newer one with three ballots cast, one of them through the secret path
    older = gf.open_motion(gf.motion(proposer=owners[0], title="older"), board=board)
    newer = gf.open_motion(gf.motion(proposer=owners[0], title="newer", secret=True), board=board)
    for voter in owners[:3]:
        services.ballot_cast(motion=newer, cast_by=voter, marks=gf.yes(newer))
    services.ballot_cast(motion=older, cast_by=owners[0], marks=gf.yes(older))
    client = Client()
    client.force_login(owners[0])
    # when the API list and the admin changelist are read
    with CaptureQueriesContext(connection) as ctx:
        listed = client.get(reverse("motion-list")).json()["results"]
        changelist = board_client.get(reverse("admin:governance_motion_changelist"))
    # then the newest motion comes first, each with the number who took part
    votes = [(m["title"], m["participants"]) for m in listed if m["kind"] != "election"]  # the officers' aside
    assert votes == [("newer", 3), ("older", 1)]
    roll = sum(entry.weight for entry in newer.roll.all())
    assert f"3 of {roll:.0f} weight" in changelist.content.decode()  # turnout in weight, as quorum counts
    # and neither list read a participation or a ballot, so their cost does not grow with the ballots
    read = " ".join(q["sql"] for q in ctx.captured_queries)
    assert "governance_participation" not in read
    assert '"governance_ballot"' not in read
