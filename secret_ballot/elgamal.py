"""Exponential ElGamal: a message m is encrypted as (g^r, g^m * pk^r), so ciphertexts multiply to
an encryption of the sum of their messages, and a total is read back by a bounded discrete log."""

import math
from dataclasses import dataclass

from .group import IDENTITY, add, base_mult, mult, random_scalar, sub


@dataclass(frozen=True)
class Ciphertext:
    """An ElGamal pair (alpha, beta) = (g^r, g^m * pk^r), both point encodings."""

    alpha: bytes
    beta: bytes

    def __add__(self, other):
        return Ciphertext(add(self.alpha, other.alpha), add(self.beta, other.beta))

    def times(self, scalar):
        """The ciphertext of `scalar` times the message (a voter's weight applied to a mark)."""
        return Ciphertext(mult(scalar, self.alpha), mult(scalar, self.beta))


ZERO = Ciphertext(IDENTITY, IDENTITY)


def keypair():
    """A fresh secret key x and its public key g^x."""
    secret = random_scalar()
    return secret, base_mult(secret)


def encrypt(message, public_key, randomness=None):
    """Encrypt a small non-negative integer; returns the ciphertext and its randomness r (needed
    for the proofs and for a challenged ballot's audit)."""
    r = random_scalar() if randomness is None else randomness
    return Ciphertext(base_mult(r), add(base_mult(message), mult(r, public_key))), r


def decrypt_to_point(ciphertext, secret):
    """g^m, for a single holder of the whole secret key (tests and audits)."""
    return sub(ciphertext.beta, mult(secret, ciphertext.alpha))


def discrete_log(point, bound):
    """The m in 0..bound with g^m == point, by baby-step giant-step (about 2*sqrt(bound) group
    operations, so weighted totals of millions are read in well under a second); None if none."""
    step = math.isqrt(bound) + 1
    table = {}
    current = IDENTITY
    generator = base_mult(1)
    for j in range(step):
        table.setdefault(current, j)
        current = add(current, generator)
    giant = base_mult(step)
    target = point
    for i in range(step + 1):
        j = table.get(target)
        if j is not None and i * step + j <= bound:
            return i * step + j
        target = sub(target, giant)
    return None
