"""The demo cooperative's encrypted vote, from the trustees' key ceremony to their decryption.

What the trustees' and the voters' browsers will do (box keys, dealings, sealed shares, ballots,
partial decryptions) is done here with `secret_ballot`, so that the demo shows every table of an
encrypted vote filled. Idempotent: the motion is found by its title first.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from nacl.public import PrivateKey

from secret_ballot.ballot import ciphertext_from_json, encrypt_ballot
from secret_ballot.group import parse_point
from secret_ballot.record import dealing_from_json, dealing_json, trustee_decryption
from secret_ballot.trustees import combine_shares, deal, open_share, seal_share

from . import services
from .models import EncryptedVoter, Motion, SealedShare

ENCRYPTED_VOTE = gettext_lazy("Buy a second delivery van")
DECIDERS = (1, 3)


def seed(context, general, voters, reason: str) -> None:
    """Propose, encrypt, open, cast by `voters`, close and decrypt the demo's encrypted vote."""
    title = str(ENCRYPTED_VOTE)
    if Motion.objects.filter(title=title).exists():
        return
    president = context.users["president@demo.coop"]
    motion = services.motion_propose(
        body=general,
        kind=Motion.Kind.ORDINARY,
        title=title,
        proposer=president,
        actor=president,
        reason=reason,
        secret=True,
        text=_("Each ballot is encrypted; two of the three trustees decrypt the result."),
    )
    trustees = [context.users["secretary@demo.coop"], context.users["treasurer@demo.coop"], _("The external auditors")]
    election = services.encrypted_election_create(
        motion=motion, trustees=trustees, threshold=2, actor=president, reason=reason
    )
    boxes = _ceremony(election, president, reason)
    services.motion_open(motion=motion, actor=president, reason=reason, closes_at=timezone.now() + timedelta(days=7))
    election.refresh_from_db()
    public_key = parse_point(election.public_key, "public key")
    ids = dict(EncryptedVoter.objects.filter(election=election).values_list("roll_entry__voter_id", "voter_id"))
    for voter in voters:
        if voter.pk in ids:
            marks = {"motion": [1, 0] if voter.pk % 3 else [0, 1]}
            ballot = encrypt_ballot(election.manifest, public_key, ids[voter.pk], marks)[0]
            services.ballot_cast_encrypted(motion=motion, cast_by=voter, ballot=ballot)
    services.motion_close(motion=motion, actor=president, reason=reason)
    election.refresh_from_db()
    totals = [
        [ciphertext_from_json(c, "total", allow_identity=True) for c in r["ciphertexts"]] for r in election.totals
    ]
    keys = _keys(election, boxes)
    for trustee in election.trustees.filter(index__in=DECIDERS):
        services.trustee_decrypt(
            trustee=trustee,
            decryption=trustee_decryption(keys[trustee.index], election.manifest, totals),
            actor=trustee.user or president,
            reason=reason,
        )


def _ceremony(election, president, reason: str) -> dict[int, PrivateKey]:
    """Each trustee registers a box key, then deals; returns the box keys' private halves."""
    trustees = list(election.trustees.order_by("index"))
    boxes = {trustee.index: PrivateKey.generate() for trustee in trustees}
    for trustee in trustees:
        services.trustee_register_key(
            trustee=trustee,
            box_key=bytes(boxes[trustee.index].public_key).hex(),
            actor=trustee.user or president,
            reason=reason,
        )
    for trustee in trustees:
        dealing, shares = deal(trustee.index, len(trustees), election.threshold, election.election_id)
        sealed = {
            j: seal_share(election.election_id, trustee.index, j, share, bytes(boxes[j].public_key)).hex()
            for j, share in shares.items()
        }
        services.trustee_publish_dealing(
            trustee=trustee,
            dealing=dealing_json(dealing),
            sealed_shares=sealed,
            actor=trustee.user or president,
            reason=reason,
        )
    return boxes


def _keys(election, boxes) -> dict:
    """Each trustee's combined key, opened from the shares sealed to it."""
    trustees = list(election.trustees.order_by("index"))
    dealings = [dealing_from_json(t.dealing, f"trustee {t.index}") for t in trustees]
    keys = {}
    for trustee in trustees:
        sealed = SealedShare.objects.filter(recipient=trustee).select_related("dealer")
        shares = {
            s.dealer.index: open_share(
                election.election_id,
                s.dealer.index,
                trustee.index,
                bytes.fromhex(s.sealed),
                bytes(boxes[trustee.index]),
            )
            for s in sealed
        }
        keys[trustee.index] = combine_shares(trustee.index, dealings, shares)
    return keys
