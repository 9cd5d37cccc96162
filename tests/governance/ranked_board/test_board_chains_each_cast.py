"""Each ballot cast in a secret ranked vote appends one random tracking code to its board, in the
same transaction, each entry's hash chained to the one before from a genesis fixed at the opening."""

from governance.counting.record import board_genesis
from governance.models import Motion, RankedBoard, RankedBoardEntry
from secret_ballot.board import chain
from tests.factories import governance as gf

from .world import cast_rankings, close, ranked_vote


def test_the_board_grows_with_each_cast_and_chains(board, owners):
    motion = ranked_vote(board=board, owners=owners)
    ranked = RankedBoard.objects.get(motion=motion)
    assert ranked.genesis == board_genesis(motion.pk, "instant_runoff", 1, "", motion.roll.count())
    assert ranked.head == ranked.genesis and ranked.length == 0
    receipts = cast_rankings(motion, owners[:4], [(0, 1), (1, 0, 2), (2,), (0,)])
    entries = list(RankedBoardEntry.objects.filter(board=ranked).order_by("position"))
    assert [e.position for e in entries] == [0, 1, 2, 3]
    assert [e.tracking_code for e in entries] == [r.tracking_code for r in receipts]
    head = ranked.genesis
    for entry in entries:
        head = chain(head, entry.tracking_code)
        assert entry.chain_hash == head
    ranked.refresh_from_db()
    assert ranked.head == head and ranked.length == 4


def test_the_head_stays_fixed_at_the_close(board, owners):
    motion = ranked_vote(board=board, owners=owners, method=Motion.Method.STV, seats=2)
    cast_rankings(motion, owners[:2], [(0, 1), (1, 2)])
    head = RankedBoard.objects.get(motion=motion).head
    close(motion, board)
    assert RankedBoard.objects.get(motion=motion).head == head == RankedBoardEntry.objects.last().chain_hash


def test_only_secret_ranked_votes_keep_a_board(board, owners):
    ranked = ranked_vote(board=board, owners=owners)
    plurality = gf.election(
        proposer=owners[0], board=board, candidates=owners[:2], secret=True, office_kind="secretary"
    )
    (receipt,) = cast_rankings(plurality, owners[:1], [(0,)])
    assert receipt.tracking_code == ""
    assert list(RankedBoard.objects.values_list("motion", flat=True)) == [ranked.pk]
