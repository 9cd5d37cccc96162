"""The public board: tracking codes in casting order, each hash chained from the genesis."""

from governance.selectors.encrypted import my_tracking_code, public_board
from secret_ballot.board import chain, genesis

from . import world


def test_the_board_chains_every_ballot_from_the_genesis(board, owners, trustees):
    motion, election, _keys = world.ready(proposer=owners[0], board=board, trustees=trustees)
    codes = [world.cast(motion, election, owner, [1, 0]) for owner in owners[1:4]]
    entries = public_board(election)
    assert [e["tracking_code"] for e in entries] == codes and [e["position"] for e in entries] == [0, 1, 2]
    head = genesis(election.election_id, election.election_hash, election.roll_hash, bytes.fromhex(election.public_key))
    assert head == election.board_genesis
    for entry in entries:
        head = chain(head, entry["tracking_code"])
        assert entry["hash"] == head


def test_a_voter_reads_their_own_tracking_code_and_no_one_else_has_one(board, owners, trustees):
    motion, election, _keys = world.ready(proposer=owners[0], board=board, trustees=trustees)
    code = world.cast(motion, election, owners[1], [0, 1])
    assert my_tracking_code(motion, owners[1]) == code
    assert my_tracking_code(motion, owners[2]) is None
