"""Secret ballots: no link between a voter and a ballot, by any column, after the close."""

import logging

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from governance import services
from governance.models import Ballot, BallotTotal, Participation
from tests.factories import governance as gf


def _secret_motion(owners, board):
    return gf.open_motion(gf.motion(proposer=owners[0], secret=True, title="Secret question"), board=board)


def test_secret_ballot_row_has_no_voter_timestamp_weight_or_sequence():
    names = {f.name for f in Ballot._meta.get_fields()}
    assert names == {"id", "motion", "marks", "receipt", "recorded_participation"}
    assert Ballot._meta.pk.get_internal_type() == "UUIDField"
    assert not hasattr(Ballot, "history") and Ballot.HISTORY_EXEMPT_REASON
    assert not hasattr(BallotTotal, "history")


def test_secret_ballot_has_no_admin_page():
    from django.contrib import admin

    assert Ballot not in admin.site._registry and BallotTotal not in admin.site._registry


def test_secret_vote_with_too_few_voters_refuses_to_open(board, owners):
    # given six voters on the roll and a minimum of seven
    gf.set_policy("secret_ballot_minimum_voters", 7)
    motion = gf.motion(proposer=owners[0], secret=True)
    with pytest.raises(ValidationError) as error:
        gf.open_motion(motion, board=board)
    assert "secret" in error.value.message_dict
    motion.refresh_from_db()
    assert motion.status == "draft" and not motion.roll.exists()


def test_secret_participation_does_not_point_at_the_ballot(board, owners):
    motion = _secret_motion(owners, board)
    receipt = services.ballot_cast(motion=motion, cast_by=owners[0], marks=gf.yes(motion))
    participation = Participation.objects.get(motion=motion)
    assert participation.ballot_id is None
    assert Ballot.objects.get(motion=motion).receipt == receipt.receipt


def test_receipts_are_published_with_their_choice_after_the_close_only(board, owners):
    from django.core.exceptions import PermissionDenied

    from governance import selectors

    motion = _secret_motion(owners, board)
    receipts = [services.ballot_cast(motion=motion, cast_by=o, marks=gf.yes(motion)).receipt for o in owners]
    with pytest.raises(PermissionDenied):
        selectors.published_ballots(motion)
    services.motion_close(motion=motion, actor=board, reason="close")
    published = dict(selectors.published_ballots(motion).values_list("receipt", "marks"))
    assert set(published) == set(receipts)
    assert set(published.values()) == {str(gf.yes(motion)[0])}


def test_close_rewrites_the_ballots_with_new_ids_keeping_receipts_and_totals(board, owners):
    motion = _secret_motion(owners, board)
    for voter, marks in zip(owners, [gf.yes, gf.no, gf.yes, gf.abstain, gf.yes], strict=True):
        services.ballot_cast(motion=motion, cast_by=voter, marks=marks(motion))
    ids = set(Ballot.objects.filter(motion=motion).values_list("id", flat=True))
    before = sorted(Ballot.objects.filter(motion=motion).values_list("marks", "receipt"))
    result = services.motion_close(motion=motion, actor=board, reason="close")
    # each voter still finds their receipt with its marks, under an id nobody saw while the vote was open
    assert sorted(Ballot.objects.filter(motion=motion).values_list("marks", "receipt")) == before
    assert not ids & set(Ballot.objects.filter(motion=motion).values_list("id", flat=True))
    assert result.totals[str(gf.yes(motion)[0])] == "3.000000"


def test_ballot_choices_never_reach_the_logs(board, owners, caplog):
    motion = _secret_motion(owners, board)
    marker = gf.no(motion)[0]
    with caplog.at_level(logging.DEBUG):
        receipt = services.ballot_cast(motion=motion, cast_by=owners[0], marks=[marker])
    assert receipt.receipt not in caplog.text
    assert f"'{marker}'" not in caplog.text and f'"{marker}"' not in caplog.text


def test_the_opening_task_gets_only_the_motion_id(board, owners, django_capture_on_commit_callbacks):
    from unittest import mock

    from coop.models import OutboxMessage

    with (
        mock.patch("coop.tasks.outbox_run.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        motion = _secret_motion(owners, board)
    queued = OutboxMessage.objects.filter(task="governance.tasks.notify_vote_opened").latest("pk")
    assert queued.args == [motion.pk]
    delay.assert_called_once_with(queued.pk)


@pytest.mark.django_db(transaction=True)
def test_after_the_close_no_system_column_links_participation_and_ballot(cooperative):
    if connection.vendor != "postgresql":
        pytest.skip("xmin and ctid are PostgreSQL system columns")
    from governance.models import Office

    gf.bodies()
    gf.voting_mode("person")
    board = gf.officer(Office.Kind.PRESIDENT)
    owners = [gf.owner() for _i in range(6)]
    motion = _secret_motion(owners, board)
    for voter in owners:  # one transaction per ballot, as in real life
        services.ballot_cast(motion=motion, cast_by=voter, marks=gf.yes(motion))
    with connection.cursor() as cursor:
        cursor.execute("SELECT xmin::text FROM governance_participation WHERE motion_id = %s", [motion.pk])
        participation_xmins = {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT DISTINCT xmin::text FROM governance_ballot WHERE motion_id = %s", [motion.pk])
        # while open each ballot carries its own casting transaction id, next to its participation's
        assert len(cursor.fetchall()) == len(owners)
    services.motion_close(motion=motion, actor=board, reason="close")
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT xmin::text FROM governance_ballot WHERE motion_id = %s", [motion.pk])
        ballot_xmins = {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT DISTINCT xmin::text FROM governance_ballottotal WHERE motion_id = %s", [motion.pk])
        total_xmins = {row[0] for row in cursor.fetchall()}
    # then every ballot and total carries the closing transaction's xmin, none a voter's
    assert len(ballot_xmins) == 1 and ballot_xmins == total_xmins
    assert not ballot_xmins & participation_xmins


def test_sql_logging_drops_ballot_queries(board, owners):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from governance.logging import DropBallotQueries

    motion = _secret_motion(owners, board)
    with CaptureQueriesContext(connection) as ctx:
        services.ballot_cast(motion=motion, cast_by=owners[0], marks=gf.yes(motion))
    keep = DropBallotQueries()
    records = [
        logging.LogRecord("django.db.backends", logging.DEBUG, "", 0, "(%s) %s", (0, q["sql"]), None)
        for q in ctx.captured_queries
    ]
    for record, query in zip(records, ctx.captured_queries, strict=True):
        record.sql = query["sql"]
    kept = [r.sql for r in records if keep.filter(r)]
    assert kept and not any("governance_ballot" in sql for sql in kept)
    assert any("governance_participation" in sql for sql in kept)
