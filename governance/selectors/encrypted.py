"""Encrypted votes, read: the public board, the election record, a voter's own tracking code."""

from __future__ import annotations

from ..models import EncryptedBallot, EncryptedElection, EncryptedVoter, Motion


def public_board(election: EncryptedElection) -> list[dict]:
    """The board in casting order: each ballot's position, tracking code and chain hash, which
    anyone may read while the vote is open (they say nothing of the choices)."""
    rows = EncryptedBallot.objects.filter(election=election).order_by("position")
    return [
        {"position": position, "tracking_code": code, "hash": chained}
        for position, code, chained in rows.values_list("position", "tracking_code", "chain_hash")
    ]


def election_record(election: EncryptedElection) -> dict | None:
    """The election record as a dict (write it with `secret_ballot.record.canonical_json`), or None
    until the trustees have decrypted the result."""
    return EncryptedElection.objects.filter(pk=election.pk).values_list("record", flat=True).get()


def my_tracking_code(motion: Motion, user) -> str | None:
    """The tracking code of the ballot `user` cast in `motion`, or None: shown to them alone, so
    they can find their ballot on the board."""
    mine = EncryptedVoter.objects.filter(election__motion=motion, roll_entry__voter=user).values("voter_id")
    ballots = EncryptedBallot.objects.filter(election__motion=motion, voter_id__in=mine)
    return ballots.values_list("tracking_code", flat=True).first()
