import hashlib

import pytest

from secret_ballot.group import (
    GENERATOR,
    IDENTITY,
    L,
    VerificationError,
    add,
    base_mult,
    hash_to_scalar,
    mult,
    parse_point,
    parse_scalar,
    sub,
    transcript,
)

# A point of order 8 (the torsion of edwards25519), and the canonical generator plus p (2^255 - 19)
# written as a non-canonical encoding of the same y.
SMALL_ORDER = bytes.fromhex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a")
P = 2**255 - 19


def test_identity_is_handled_where_libsodium_refuses_it():
    assert base_mult(0) == IDENTITY
    assert base_mult(L) == IDENTITY
    assert mult(5, IDENTITY) == IDENTITY
    assert mult(0, GENERATOR) == IDENTITY
    assert add(IDENTITY, GENERATOR) == GENERATOR
    assert sub(GENERATOR, GENERATOR) == IDENTITY
    assert add(base_mult(3), base_mult(L - 3)) == IDENTITY
    assert base_mult(1) == GENERATOR


def test_group_laws_hold():
    assert add(base_mult(2), base_mult(5)) == base_mult(7)
    assert mult(6, base_mult(7)) == base_mult(42)
    assert sub(base_mult(2), base_mult(5)) == base_mult(L - 3)


def test_a_point_from_outside_must_be_in_the_prime_order_group():
    assert parse_point(GENERATOR.hex(), "g") == GENERATOR
    with pytest.raises(VerificationError, match="ballot alpha: not a point of the prime-order group"):
        parse_point(SMALL_ORDER.hex(), "ballot alpha")
    mixed = add(GENERATOR, SMALL_ORDER)
    with pytest.raises(VerificationError, match="not a point of the prime-order group"):
        parse_point(mixed.hex(), "x")
    y = int.from_bytes(GENERATOR, "little")
    non_canonical = (y + P).to_bytes(32, "little")
    with pytest.raises(VerificationError, match="not a point of the prime-order group"):
        parse_point(non_canonical.hex(), "x")
    off_curve = (2).to_bytes(32, "little")
    with pytest.raises(VerificationError, match="not a point of the prime-order group"):
        parse_point(off_curve.hex(), "x")


def test_the_identity_and_loose_spellings_are_refused():
    with pytest.raises(VerificationError, match="the identity is not allowed"):
        parse_point(IDENTITY.hex(), "x")
    assert parse_point(IDENTITY.hex(), "x", allow_identity=True) == IDENTITY
    with pytest.raises(VerificationError, match="64 lowercase hex digits"):
        parse_point(base_mult(7).hex().upper(), "x")
    with pytest.raises(VerificationError, match="64 lowercase hex digits"):
        parse_point(GENERATOR.hex()[:-2], "x")


def test_a_scalar_must_be_reduced():
    assert parse_scalar((L - 1).to_bytes(32, "little").hex(), "z") == L - 1
    with pytest.raises(VerificationError, match="z: scalar not reduced mod L"):
        parse_scalar(L.to_bytes(32, "little").hex(), "z")


def test_the_transcript_is_length_prefixed_and_hashed_as_documented():
    data = transcript("d", "ab", 12, b"\x00\xff", ["x", [3]])
    assert data == (
        b"\x00\x00\x00\x01d" + b"\x00\x00\x00\x02ab" + b"\x00\x00\x00\x0212" + b"\x00\x00\x00\x02\x00\xff"
        b"\x00\x00\x00\x01x" + b"\x00\x00\x00\x013"
    )
    expected = int.from_bytes(hashlib.sha512(data).digest(), "little") % L
    assert hash_to_scalar("d", "ab", 12, b"\x00\xff", ["x", [3]]) == expected
    # The length prefix keeps ("ab", "c") and ("a", "bc") apart.
    assert hash_to_scalar("d", "ab", "c") != hash_to_scalar("d", "a", "bc")
