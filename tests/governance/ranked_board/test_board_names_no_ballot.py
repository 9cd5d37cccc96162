"""After the close the ballots are published with their rankings, and the board lists the casting
order: nothing published with a ballot may name its board entry, or casting order would link
choices to voters. The tracking code is random, stored on the board alone."""

import hashlib

from governance.models import Ballot, RankedBoardEntry
from secret_ballot.board import readable
from secret_ballot.group import hash_hex

from .world import cast_rankings, close, ranked_vote


def test_the_board_entry_holds_nothing_but_its_place_code_and_hash():
    names = {f.name for f in RankedBoardEntry._meta.get_fields()}
    assert names == {"id", "board", "position", "tracking_code", "chain_hash"}
    assert not hasattr(RankedBoardEntry, "history") and RankedBoardEntry.HISTORY_EXEMPT_REASON


def test_no_published_ballot_names_a_board_entry(board, owners):
    motion = ranked_vote(board=board, owners=owners)
    receipts = cast_rankings(motion, owners[:5], [(0,), (1,), (2,), (0, 1), (1, 2)])
    close(motion, board)
    codes = set(RankedBoardEntry.objects.filter(board__motion=motion).values_list("tracking_code", flat=True))
    assert codes == {r.tracking_code for r in receipts} and len(codes) == 5
    readable_codes = {readable(code) for code in codes}
    for ballot in Ballot.objects.filter(motion=motion):
        fields = [str(ballot.pk), ballot.pk.hex, ballot.receipt, ballot.marks]
        derived = set(fields) | {hashlib.sha256(f.encode()).hexdigest() for f in fields}
        derived |= {hash_hex(domain, f) for f in fields for domain in ("secret_ballot/tracking-code", "governance")}
        assert not derived & codes
        assert not set(fields) & readable_codes
        assert not any(code[:12] in field.replace("-", "").lower() for code in codes for field in fields)
