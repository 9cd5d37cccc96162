"""Encrypted votes, read: the public board, the election record, a voter's own tracking code."""

from __future__ import annotations

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from ..models import EncryptedBallot, EncryptedElection, EncryptedVoter, Motion, Participation


def election_summary(motion: Motion) -> EncryptedElection | None:
    """The motion's encrypted election for a page, or None for a vote in clear: without its JSON
    documents (the record alone holds every ballot), with `has_record` saying whether the record is
    published."""
    published = ExpressionWrapper(Q(record__isnull=False), output_field=BooleanField())
    elections = EncryptedElection.objects.filter(motion=motion).defer("manifest", "totals", "counts", "record")
    return elections.annotate(has_record=published).first()


def public_board(election: EncryptedElection) -> list[dict]:
    """The board in casting order: each ballot's position, tracking code and chain hash, which
    anyone may read while the vote is open (they say nothing of the choices)."""
    return [
        {"position": row["position"], "tracking_code": row["tracking_code"], "hash": row["chain_hash"]}
        for row in board_page(election)
    ]


def board_page(election: EncryptedElection) -> QuerySet:
    """The board in casting order as rows of position, tracking code and chain hash, to page
    through: a board holds one row per ballot."""
    rows = EncryptedBallot.objects.filter(election=election).order_by("position")
    return rows.values("position", "tracking_code", "chain_hash")


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


def ballot_setup(motion: Motion, user, grantors=()) -> dict | None:
    """What the voter's browser needs to encrypt a ballot in `motion`: the election description,
    the public key, the choices' labels, and the opaque voter id of each person `user` may still
    cast for (themselves, then each of `grantors`, owners whose proxy they hold), with
    `on_behalf_of` None for themselves. None unless the vote is encrypted and open and someone is
    left to cast for."""
    if motion.status != Motion.Status.OPEN:
        return None
    people = [user.pk, *(grantor.pk for grantor in grantors)]
    voted = Participation.objects.filter(motion=motion).values("voter_id")
    rows = list(
        EncryptedVoter.objects.filter(election__motion=motion, roll_entry__voter__in=people)
        .exclude(roll_entry__voter__in=voted)
        .values("voter_id", "roll_entry__voter_id", "election__manifest", "election__public_key")
    )
    if not rows:
        return None
    rows.sort(key=lambda row: people.index(row["roll_entry__voter_id"]))
    manifest = rows[0]["election__manifest"]
    (question,) = manifest["questions"]
    labels = question["choices"]
    # A yes/no manifest names its choices by meaning; the voter reads the motion's own labels.
    if motion.method == Motion.Method.YES_NO:
        label_of = dict(motion.choices.values_list("meaning", "label"))
        labels = [label_of[meaning] for meaning in labels]
    return {
        "manifest": manifest,
        "public_key": rows[0]["election__public_key"],
        "voters": [
            {
                "voter_id": row["voter_id"],
                "on_behalf_of": None if row["roll_entry__voter_id"] == user.pk else row["roll_entry__voter_id"],
            }
            for row in rows
        ],
        "choices": [{"index": i, "label": label} for i, label in enumerate(labels)],
        "method": motion.method,
    }
