import pytest

from secret_ballot.elgamal import encrypt, keypair
from secret_ballot.group import L, base_mult, mult
from secret_ballot.proofs import (
    Proof,
    prove_equal_logs,
    prove_knowledge,
    prove_one_of,
    verify_equal_logs,
    verify_knowledge,
    verify_one_of,
)


def nudged(proof, field):
    return Proof(proof.challenge + (field == "c"), (proof.response + (field == "z")) % L)


def test_knowledge_of_a_secret_key():
    secret, public = keypair()
    proof = prove_knowledge(secret, ["e", "trustee", 1])
    assert verify_knowledge(public, proof, ["e", "trustee", 1])
    assert not verify_knowledge(public, proof, ["e", "trustee", 2])
    assert not verify_knowledge(base_mult(secret + 1), proof, ["e", "trustee", 1])
    assert not verify_knowledge(public, nudged(proof, "c"), ["e", "trustee", 1])
    assert not verify_knowledge(public, nudged(proof, "z"), ["e", "trustee", 1])


def test_equal_discrete_logs():
    secret, public = keypair()
    base = base_mult(12345)
    proof = prove_equal_logs(secret, base, ["ctx"])
    assert verify_equal_logs(public, base, mult(secret, base), proof, ["ctx"])
    assert not verify_equal_logs(public, base, mult(secret + 1, base), proof, ["ctx"])
    assert not verify_equal_logs(public, base, mult(secret, base), nudged(proof, "z"), ["ctx"])
    assert not verify_equal_logs(public, base, mult(secret, base), proof, ["other"])


@pytest.mark.parametrize("message", [0, 1])
def test_a_mark_is_zero_or_one(message):
    _, public = keypair()
    ciphertext, r = encrypt(message, public)
    proof = prove_one_of(ciphertext, message, r, public, [0, 1], ["ctx"])
    assert verify_one_of(ciphertext, public, [0, 1], proof, ["ctx"])
    assert not verify_one_of(ciphertext, public, [0, 1], proof, ["another voter"])
    assert not verify_one_of(ciphertext, public, [0, 2], proof, ["ctx"])
    for i in range(2):
        for field in "cz":
            tampered = list(proof)
            tampered[i] = nudged(proof[i], field)
            assert not verify_one_of(ciphertext, public, [0, 1], tampered, ["ctx"])
    other, _ = encrypt(message, public)
    assert not verify_one_of(other, public, [0, 1], proof, ["ctx"])


def test_a_two_cannot_pass_for_a_mark():
    _, public = keypair()
    one, r = encrypt(1, public)
    proof = prove_one_of(one, 1, r, public, [0, 1], ["ctx"])
    two, _ = encrypt(2, public, randomness=r)
    assert not verify_one_of(two, public, [0, 1], proof, ["ctx"])
    with pytest.raises(ValueError, match="not among the allowed values"):
        prove_one_of(two, 2, r, public, [0, 1], ["ctx"])


def test_a_range_proof_over_several_values():
    _, public = keypair()
    ciphertext, r = encrypt(2, public)
    proof = prove_one_of(ciphertext, 2, r, public, [1, 2, 3], ["sum"])
    assert verify_one_of(ciphertext, public, [1, 2, 3], proof, ["sum"])
    assert not verify_one_of(ciphertext, public, [1, 3, 4], proof, ["sum"])
    assert not verify_one_of(ciphertext, public, [1, 2], proof[:2], ["sum"])
