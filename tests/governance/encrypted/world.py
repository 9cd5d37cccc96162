"""Encrypted votes built through the services, with the trustees' and the voters' side done by
`secret_ballot` as their devices will: box keys, dealings, sealed shares, ballots, decryptions."""

from __future__ import annotations

from nacl.public import PrivateKey

from governance import services
from governance.models import EncryptedElection, EncryptedVoter, Motion, SealedShare
from secret_ballot.ballot import ciphertext_from_json, encrypt_ballot
from secret_ballot.group import parse_point
from secret_ballot.record import dealing_from_json, dealing_json, trustee_decryption
from secret_ballot.trustees import combine_shares, deal, open_share, seal_share
from tests.factories import governance as gf

SETUP = "test setup"


def encrypted_motion(*, proposer, board, trustees, threshold=2, **kwargs) -> tuple[Motion, EncryptedElection]:
    """A draft secret motion made an encrypted vote held by `trustees`."""
    motion = gf.motion(proposer=proposer, secret=True, **kwargs)
    election = services.encrypted_election_create(
        motion=motion, trustees=trustees, threshold=threshold, actor=board, reason=SETUP
    )
    return motion, election


def acting_for(trustee, board):
    """Who acts for a trustee: the trustee, or the Board relaying an outside party."""
    return trustee.user or board


def register_keys(election, board) -> dict[int, PrivateKey]:
    """Every trustee registers a fresh box key; returns their private halves by number."""
    boxes = {}
    for trustee in election.trustees.all():
        boxes[trustee.index] = PrivateKey.generate()
        services.trustee_register_key(
            trustee=trustee,
            box_key=bytes(boxes[trustee.index].public_key).hex(),
            actor=acting_for(trustee, board),
            reason=SETUP,
        )
    return boxes


def dealt(election, trustee, boxes) -> tuple[dict, dict]:
    """A trustee's dealing in record form and its shares sealed to each trustee's box key."""
    n = len(boxes)
    dealing, shares = deal(trustee.index, n, election.threshold, election.election_id)
    sealed = {
        j: seal_share(election.election_id, trustee.index, j, shares[j], bytes(boxes[j].public_key)).hex()
        for j in range(1, n + 1)
    }
    return dealing_json(dealing), sealed


def publish_dealings(election, board, boxes) -> None:
    """Every trustee publishes their dealing and their shares sealed to the `boxes` registered."""
    for trustee in election.trustees.all():
        dealing, sealed = dealt(election, trustee, boxes)
        services.trustee_publish_dealing(
            trustee=trustee, dealing=dealing, sealed_shares=sealed, actor=acting_for(trustee, board), reason=SETUP
        )


def ceremony(election, board) -> dict:
    """The whole key ceremony; returns each trustee's combined key, opened from its sealed shares."""
    boxes = register_keys(election, board)
    publish_dealings(election, board, boxes)
    return trustee_keys(election, boxes)


def trustee_keys(election, boxes) -> dict:
    trustees = list(election.trustees.order_by("index"))
    dealings = [dealing_from_json(t.dealing, f"trustee {t.index}") for t in trustees]
    keys = {}
    for trustee in trustees:
        shares = {
            s.dealer.index: open_share(
                election.election_id,
                s.dealer.index,
                trustee.index,
                bytes.fromhex(s.sealed),
                bytes(boxes[trustee.index]),
            )
            for s in SealedShare.objects.filter(recipient=trustee).select_related("dealer")
        }
        keys[trustee.index] = combine_shares(trustee.index, dealings, shares)
    return keys


def ready(*, proposer, board, trustees, threshold=2, **kwargs):
    """An encrypted motion whose ceremony is complete, open; returns (motion, election, keys)."""
    motion, election = encrypted_motion(
        proposer=proposer, board=board, trustees=trustees, threshold=threshold, **kwargs
    )
    keys = ceremony(election, board)
    gf.open_motion(motion, board=board)
    election.refresh_from_db()
    return motion, election, keys


def voter_id(election, user) -> str:
    return EncryptedVoter.objects.get(election=election, roll_entry__voter=user).voter_id


def encrypt(election, voter, marks) -> dict:
    """The ballot the voter's browser sends for one 0/1 mark per choice of the motion's question."""
    election.refresh_from_db()
    public_key = parse_point(election.public_key, "public key")
    return encrypt_ballot(election.manifest, public_key, voter, {"motion": marks})[0]


def cast(motion, election, user, marks) -> str:
    return services.ballot_cast_encrypted(
        motion=motion, cast_by=user, ballot=encrypt(election, voter_id(election, user), marks)
    )


def decryption(election, key) -> dict:
    election.refresh_from_db()
    totals = [
        [ciphertext_from_json(c, "total", allow_identity=True) for c in row["ciphertexts"]] for row in election.totals
    ]
    return trustee_decryption(key, election.manifest, totals)


def decrypt(election, keys, indices, board) -> None:
    for index in indices:
        trustee = election.trustees.get(index=index)
        services.trustee_decrypt(
            trustee=trustee,
            decryption=decryption(election, keys[index]),
            actor=acting_for(trustee, board),
            reason=SETUP,
        )
    election.refresh_from_db()
