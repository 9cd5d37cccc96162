"""A k-of-n key ceremony without a trusted dealer (Pedersen's joint Feldman scheme), and threshold
decryption with proofs.

Trustees are numbered 1..n. Each trustee i deals a random polynomial f_i of degree k-1, publishes
Feldman commitments A_it = g^(a_it) to its coefficients and a Schnorr proof of knowing a_i0, and
sends trustee j the share f_i(j), sealed to j's box key (`seal_share`): the server relays it and
never sees it in clear.
Trustee j checks each share against the dealer's commitments, and keeps x_j = sum_i f_i(j) (it
downloads it; the server never stores it). The joint public key is prod_i A_i0; trustee j's
verification key g^(x_j) is computed by anyone from the commitments. Any k trustees decrypt
together; k-1 learn nothing of the secret key.
"""

import json
from dataclasses import dataclass

from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

from .group import (
    L,
    VerificationError,
    base_mult,
    mult,
    parse_scalar,
    random_scalar,
    scalar_hex,
    sub,
    total,
)
from .proofs import prove_equal_logs, prove_knowledge, verify_equal_logs, verify_knowledge


class ShareRefused(VerificationError):
    """A dealer's share does not match the dealer's published commitments."""


class DecryptionRefused(VerificationError):
    """A trustee's partial decryption does not come with a valid proof."""


@dataclass(frozen=True)
class Dealing:
    """What a dealer publishes: its index, the commitments to its coefficients, the proof for A_i0."""

    dealer: int
    commitments: tuple
    proof: object


@dataclass(frozen=True)
class TrusteeKey:
    """A trustee's combined private share x_j: kept by the trustee alone."""

    index: int
    secret: int


@dataclass(frozen=True)
class PartialDecryption:
    """D_j = A^(x_j) for a ciphertext's first part A, with a Chaum-Pedersen proof against g^(x_j)."""

    trustee: int
    value: bytes
    proof: object


def dealing_context(election_id, dealer):
    """What a dealer's proof of knowledge is bound to."""
    return [election_id, "trustee", dealer]


def deal(dealer, trustees, threshold, election_id):
    """Trustee `dealer`'s dealing and its private shares {recipient: f(recipient)} for 1..trustees."""
    coefficients = [random_scalar() for _ in range(threshold)]
    commitments = tuple(base_mult(coefficient) for coefficient in coefficients)
    proof = prove_knowledge(coefficients[0], dealing_context(election_id, dealer))
    shares = {
        recipient: sum(c * pow(recipient, t, L) for t, c in enumerate(coefficients)) % L
        for recipient in range(1, trustees + 1)
    }
    return Dealing(dealer, commitments, proof), shares


def verify_dealing(dealing, threshold, election_id):
    """Refuse a dealing with the wrong number of commitments or whose proof of knowledge fails."""
    if len(dealing.commitments) != threshold:
        raise VerificationError(
            f"trustee {dealing.dealer}: {len(dealing.commitments)} commitments for a threshold of {threshold}"
        )
    if not verify_knowledge(dealing.commitments[0], dealing.proof, dealing_context(election_id, dealing.dealer)):
        raise VerificationError(f"trustee {dealing.dealer}: proof of knowledge of the secret does not verify")


def evaluate_commitments(commitments, index):
    """g^(f(index)) from the commitments: prod_t A_t^(index^t)."""
    return total(mult(pow(index, t, L), commitment) for t, commitment in enumerate(commitments))


def check_share(dealing, recipient, share):
    """Refuse, naming the dealer, a share that does not match the dealer's commitments."""
    if base_mult(share) != evaluate_commitments(dealing.commitments, recipient):
        raise ShareRefused(
            f"trustee {dealing.dealer}: the share sent to trustee {recipient} does not match its commitments"
        )


def seal_share(election_id, dealer, recipient, share, recipient_box_key):
    """The share for `recipient`, sealed (X25519 + XSalsa20-Poly1305, libsodium's sealed box) to the
    recipient's 32-byte box public key, so the server relaying it never reads it. The plaintext
    names the election, the dealer and the recipient, so a relay cannot pass one share off as
    another."""
    plaintext = json.dumps(
        {"election_id": election_id, "dealer": dealer, "recipient": recipient, "share": scalar_hex(share)},
        sort_keys=True,
    )
    return SealedBox(PublicKey(recipient_box_key)).encrypt(plaintext.encode())


def open_share(election_id, dealer, recipient, sealed, box_private_key):
    """The share a dealer sealed to this trustee, refused (naming the dealer) unless it opens and
    names this election, dealer and recipient."""
    try:
        data = json.loads(SealedBox(PrivateKey(box_private_key)).decrypt(sealed))
    except (CryptoError, ValueError) as error:
        raise ShareRefused(f"trustee {dealer}: the sealed share for trustee {recipient} does not open") from error
    if not isinstance(data, dict) or [data.get("election_id"), data.get("dealer"), data.get("recipient")] != [
        election_id,
        dealer,
        recipient,
    ]:
        raise ShareRefused(f"trustee {dealer}: the sealed share is not for trustee {recipient} in this election")
    return parse_scalar(data.get("share"), f"trustee {dealer}: share")


def combine_shares(recipient, dealings, shares):
    """Trustee `recipient`'s private key from every dealer's share {dealer: share}, each checked."""
    if sorted(shares) != sorted(dealing.dealer for dealing in dealings):
        raise VerificationError(f"trustee {recipient}: a share is missing or comes from no known dealer")
    for dealing in dealings:
        check_share(dealing, recipient, shares[dealing.dealer])
    return TrusteeKey(recipient, sum(shares.values()) % L)


def joint_public_key(dealings):
    """The election's public key, prod_i A_i0."""
    return total(dealing.commitments[0] for dealing in dealings)


def verification_key(dealings, index):
    """g^(x_index), computed from the public commitments alone."""
    return total(evaluate_commitments(dealing.commitments, index) for dealing in dealings)


def partial_decrypt(key, ciphertext, context):
    """The trustee's partial decryption of a ciphertext, with its proof."""
    return PartialDecryption(
        key.index, mult(key.secret, ciphertext.alpha), prove_equal_logs(key.secret, ciphertext.alpha, context)
    )


def check_partial(partial, key_of_trustee, ciphertext, context):
    """Refuse, naming the trustee, a partial decryption whose proof does not verify."""
    if not verify_equal_logs(key_of_trustee, ciphertext.alpha, partial.value, partial.proof, context):
        raise DecryptionRefused(f"trustee {partial.trustee}: partial decryption proof does not verify")


def lagrange_at_zero(indices):
    """The coefficients lambda_j with f(0) = sum_j lambda_j f(j), for distinct indices."""
    coefficients = {}
    for j in indices:
        numerator, denominator = 1, 1
        for m in indices:
            if m != j:
                numerator = numerator * m % L
                denominator = denominator * (m - j) % L
        coefficients[j] = numerator * pow(denominator, -1, L) % L
    return coefficients


def combine(partials, ciphertext, threshold):
    """g^m from at least `threshold` checked partial decryptions: beta / prod_j D_j^(lambda_j)."""
    indices = [partial.trustee for partial in partials]
    if len(set(indices)) != len(indices):
        raise VerificationError("decryption: a trustee appears twice")
    if len(indices) < threshold:
        raise VerificationError(f"decryption: {len(indices)} partial decryptions for a threshold of {threshold}")
    weights = lagrange_at_zero(indices)
    return sub(ciphertext.beta, total(mult(weights[p.trustee], p.value) for p in partials))
