"""Non-interactive zero-knowledge proofs (Fiat-Shamir), each a list of (challenge c, response z).

Every proof hashes a context (election id, question id, voter id or trustee index, and what is
proven) into its challenge, so a proof copied into another election, question or ballot does not
verify. The transcripts are given in docs/ballot-secrecy.md.
"""

from dataclasses import dataclass

from .group import (
    L,
    VerificationError,
    base_mult,
    hash_to_scalar,
    mult,
    parse_scalar,
    random_scalar,
    scalar_hex,
    sub,
)

SCHNORR = "secret_ballot/schnorr"
CHAUM_PEDERSEN = "secret_ballot/chaum-pedersen"
DISJUNCTIVE = "secret_ballot/disjunctive"


@dataclass(frozen=True)
class Proof:
    """One Fiat-Shamir branch: the challenge c and the response z."""

    challenge: int
    response: int

    def as_json(self):
        """The record's form: {"c": hex scalar, "z": hex scalar}."""
        return {"c": scalar_hex(self.challenge), "z": scalar_hex(self.response)}

    @classmethod
    def from_json(cls, data, what):
        """Read a proof written by `as_json`, refusing anything else."""
        if not isinstance(data, dict) or set(data) != {"c", "z"}:
            raise VerificationError(f"{what}: a proof is an object with exactly c and z")
        return cls(parse_scalar(data["c"], f"{what} (c)"), parse_scalar(data["z"], f"{what} (z)"))


def _commit_back(base, power, proof):
    """base^z / power^c: the commitment a verifier recomputes from a branch."""
    return sub(mult(proof.response, base), mult(proof.challenge, power))


def prove_knowledge(secret, context):
    """Schnorr proof of knowing x for X = g^x."""
    public = base_mult(secret)
    nonce = random_scalar()
    challenge = hash_to_scalar(SCHNORR, context, public, base_mult(nonce))
    return Proof(challenge, (nonce + challenge * secret) % L)


def verify_knowledge(public, proof, context):
    """Whether a Schnorr proof holds for X."""
    commitment = _commit_back(base_mult(1), public, proof)
    return hash_to_scalar(SCHNORR, context, public, commitment) == proof.challenge


def prove_equal_logs(secret, base, context):
    """Chaum-Pedersen proof that log_g X == log_A D, for X = g^x, D = A^x (a partial decryption of a
    ciphertext with first part A, against the trustee's verification key X)."""
    nonce = random_scalar()
    public, result = base_mult(secret), mult(secret, base)
    challenge = hash_to_scalar(CHAUM_PEDERSEN, context, public, base, result, base_mult(nonce), mult(nonce, base))
    return Proof(challenge, (nonce + challenge * secret) % L)


def verify_equal_logs(public, base, result, proof, context):
    """Whether a Chaum-Pedersen proof holds for X = g^x and D = A^x."""
    first = _commit_back(base_mult(1), public, proof)
    second = _commit_back(base, result, proof)
    return hash_to_scalar(CHAUM_PEDERSEN, context, public, base, result, first, second) == proof.challenge


def prove_one_of(ciphertext, message, randomness, public_key, allowed, context):
    """Disjunctive (Cramer-Damgard-Schoenmakers) proof that the ciphertext encrypts one of the
    allowed values, without saying which: one branch per allowed value, the true one proven, the
    others simulated, their challenges summing to the hash."""
    if message not in allowed:
        raise ValueError(f"{message} is not among the allowed values {allowed}")
    real = allowed.index(message)
    nonce = random_scalar()
    branches, commitments = [], []
    for index, value in enumerate(allowed):
        if index == real:
            branches.append(None)
            commitments += [base_mult(nonce), mult(nonce, public_key)]
        else:
            simulated = Proof(random_scalar(), random_scalar())
            branches.append(simulated)
            commitments += _branch_commitments(ciphertext, value, public_key, simulated)
    challenge = _disjunctive_challenge(ciphertext, public_key, allowed, commitments, context)
    own = (challenge - sum(branch.challenge for branch in branches if branch is not None)) % L
    branches[real] = Proof(own, (nonce + own * randomness) % L)
    return branches


def verify_one_of(ciphertext, public_key, allowed, branches, context):
    """Whether a disjunctive proof holds: one branch per allowed value, each branch's commitments
    recomputed, and the challenges summing to the hash of them all."""
    if len(branches) != len(allowed):
        return False
    commitments = []
    for value, branch in zip(allowed, branches, strict=True):
        commitments += _branch_commitments(ciphertext, value, public_key, branch)
    challenge = _disjunctive_challenge(ciphertext, public_key, allowed, commitments, context)
    return sum(branch.challenge for branch in branches) % L == challenge


def _branch_commitments(ciphertext, value, public_key, branch):
    """(g^z / alpha^c, pk^z / (beta / g^value)^c) for the branch claiming `value`."""
    return [
        _commit_back(base_mult(1), ciphertext.alpha, branch),
        _commit_back(public_key, sub(ciphertext.beta, base_mult(value)), branch),
    ]


def _disjunctive_challenge(ciphertext, public_key, allowed, commitments, context):
    return hash_to_scalar(DISJUNCTIVE, context, public_key, ciphertext.alpha, ciphertext.beta, allowed, commitments)
