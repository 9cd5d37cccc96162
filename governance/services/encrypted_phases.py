"""The encrypted vote's part in a motion's opening and closing, called by `motion_open` and
`motion_close` (which run them in their own transaction, under their lock on the motion).

Kept apart from `encrypted` so that the motion services can call it without importing the
services that count the result (which import the motion services).
"""

from __future__ import annotations

import secrets
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from coop.queue import enqueue_on_commit
from secret_ballot.ballot import ciphertext_from_json
from secret_ballot.board import genesis
from secret_ballot.record import election_hash, roll_hash, totals_json, weighted_totals

from ..models import Choice, EncryptedBallot, EncryptedElection, EncryptedVoter, Motion, RollEntry

ENCRYPTED_METHODS = {Motion.Method.YES_NO, Motion.Method.PLURALITY, Motion.Method.APPROVAL}
QUESTION = "motion"


def election_of(motion: Motion, *, lock: bool = False) -> EncryptedElection | None:
    """The motion's encrypted election, or None for a motion voted in clear."""
    elections = EncryptedElection.objects.select_for_update() if lock else EncryptedElection.objects
    return elections.filter(motion=motion).first()


def ballot_choices(motion: Motion) -> list[Choice]:
    """The choices a ballot marks, in the manifest's order. Yes/no marks yes or no; marking
    neither is the abstention, so that the encrypted ballot has no third mark to count."""
    choices = motion.choices.order_by("position")
    if motion.method == Motion.Method.YES_NO:
        choices = choices.filter(meaning__in=[Choice.Meaning.YES, Choice.Meaning.NO])
    return list(choices)


def manifest_for(motion: Motion, election_id: str) -> dict:
    """The election description `secret_ballot` encrypts and verifies against: one question, the
    motion's, with the same rules as the ballot in clear."""
    choices = ballot_choices(motion)
    labels = (
        [choice.meaning for choice in choices] if motion.method == Motion.Method.YES_NO else [c.label for c in choices]
    )
    if len(set(labels)) != len(labels):
        raise ValidationError({"choices": _("Two choices on this ballot have the same label; rename one.")})
    low, high = {
        Motion.Method.YES_NO: (0, 1),
        Motion.Method.PLURALITY: (1, 1),
        Motion.Method.APPROVAL: (1, len(labels)),
    }[motion.method]
    return {
        "election_id": election_id,
        "questions": [{"id": QUESTION, "kind": motion.method, "choices": labels, "min": low, "max": high}],
    }


def weight_scale(weights: list[Decimal]) -> int:
    """The smallest power of ten that makes every frozen weight whole: ballots are counted with
    whole weights (an encrypted count is a whole number), and the count is divided back."""
    scale = 1
    while any((weight * scale) % 1 for weight in weights):
        scale *= 10
    return scale


def election_roll(election: EncryptedElection) -> dict[str, int]:
    """{voter id: whole weight}, the roll of the record."""
    return dict(election.voters.values_list("voter_id", "weight"))


def encrypted_open(motion: Motion) -> None:
    """At the opening of an encrypted motion, after the roll is frozen: refuse unless the key
    ceremony is complete; give each voter an opaque random id and a whole weight; fix the
    election description, the roll hash and the board's genesis."""
    election = election_of(motion, lock=True)
    if election is None:
        return
    if election.status != EncryptedElection.Status.READY:
        raise ValidationError(
            {
                "motion": _(
                    "This vote is encrypted and its trustees have not finished the key ceremony: "
                    "it opens once every trustee has published their dealing."
                )
            }
        )
    entries = list(RollEntry.objects.filter(motion=motion))
    scale = weight_scale([entry.weight for entry in entries])
    voters = EncryptedVoter.objects.bulk_create(
        [
            EncryptedVoter(
                election=election, roll_entry=entry, voter_id=secrets.token_hex(16), weight=int(entry.weight * scale)
            )
            for entry in entries
        ]
    )
    election.manifest = manifest_for(motion, election.election_id)
    election.weight_scale = scale
    election.election_hash = election_hash(election.manifest)
    election.roll_hash = roll_hash({voter.voter_id: voter.weight for voter in voters})
    election.board_genesis = genesis(
        election.election_id, election.election_hash, election.roll_hash, bytes.fromhex(election.public_key)
    )
    election.full_clean()
    election.save()


def encrypted_close(motion: Motion) -> bool:
    """Close an encrypted motion (locked and open): compute the encrypted weighted totals, which
    wait for the trustees, instead of a tally. Returns False for a motion voted in clear."""
    election = election_of(motion, lock=True)
    if election is None:
        return False
    motion.transition_to(Motion.Status.CLOSED)
    motion.closed_at = timezone.now()
    motion.full_clean()
    motion.save()
    roll = election_roll(election)
    cast = [
        (voter_id, [[ciphertext_from_json(_pair(mark), "mark") for mark in a["marks"]] for a in ballot["answers"]])
        for voter_id, ballot in EncryptedBallot.objects.filter(election=election).values_list("voter_id", "ballot")
    ]
    last = EncryptedBallot.objects.filter(election=election).order_by("-position").first()
    election.totals = totals_json(election.manifest, weighted_totals(election.manifest, roll, cast))
    election.board_head = last.chain_hash if last else election.board_genesis
    election.transition_to(EncryptedElection.Status.CLOSED)
    election.full_clean()
    election.save()
    enqueue_on_commit("governance.tasks.notify_trustees_decrypt", election.pk)
    return True


def _pair(mark: dict) -> dict:
    return {"alpha": mark["alpha"], "beta": mark["beta"]}
