from itertools import combinations

import pytest
from nacl.public import PrivateKey

from secret_ballot.elgamal import discrete_log, encrypt
from secret_ballot.group import VerificationError, base_mult, random_scalar
from secret_ballot.trustees import (
    DecryptionRefused,
    PartialDecryption,
    ShareRefused,
    check_partial,
    combine,
    combine_shares,
    deal,
    lagrange_at_zero,
    open_share,
    partial_decrypt,
    seal_share,
    verification_key,
    verify_dealing,
)
from tests.secret_ballot.election import ceremony


@pytest.fixture(scope="module")
def three_of_five():
    return ceremony(5, 3, "e-1")


def test_every_dealing_proves_its_secret(three_of_five):
    dealings, _, _ = three_of_five
    for dealing in dealings:
        verify_dealing(dealing, 3, "e-1")
    with pytest.raises(VerificationError, match="trustee 2: proof of knowledge of the secret does not verify"):
        verify_dealing(dealings[1], 3, "e-2")
    with pytest.raises(VerificationError, match="trustee 1: 3 commitments for a threshold of 2"):
        verify_dealing(dealings[0], 2, "e-1")


def test_the_public_verification_keys_match_the_private_shares(three_of_five):
    dealings, keys, _ = three_of_five
    for key in keys:
        assert verification_key(dealings, key.index) == base_mult(key.secret)


def test_any_three_of_five_decrypt_and_two_do_not(three_of_five):
    dealings, keys, public = three_of_five
    ciphertext, _ = encrypt(42, public)
    partials = {key.index: partial_decrypt(key, ciphertext, ["t"]) for key in keys}
    for partial in partials.values():
        check_partial(partial, verification_key(dealings, partial.trustee), ciphertext, ["t"])
    for chosen in combinations(partials, 3):
        assert discrete_log(combine([partials[j] for j in chosen], ciphertext, 3), 100) == 42
    with pytest.raises(VerificationError, match="2 partial decryptions for a threshold of 3"):
        combine([partials[1], partials[4]], ciphertext, 3)
    # Interpolating two shares as if they were enough gives nothing readable.
    for pair in combinations(partials, 2):
        assert discrete_log(combine([partials[j] for j in pair], ciphertext, 2), 1000) is None


def test_a_share_off_its_commitments_is_refused_naming_the_dealer():
    dealt = [deal(dealer, 3, 2, "e") for dealer in (1, 2, 3)]
    dealings = [dealing for dealing, _ in dealt]
    shares = {dealing.dealer: s[2] for dealing, s in dealt}
    shares[3] = random_scalar()
    with pytest.raises(ShareRefused, match="trustee 3: the share sent to trustee 2 does not match its commitments"):
        combine_shares(2, dealings, shares)


def test_a_partial_decryption_with_a_bad_proof_is_refused_naming_the_trustee(three_of_five):
    dealings, keys, public = three_of_five
    ciphertext, _ = encrypt(1, public)
    honest = partial_decrypt(keys[3], ciphertext, ["t"])
    forged = PartialDecryption(4, base_mult(99), honest.proof)
    with pytest.raises(DecryptionRefused, match="trustee 4: partial decryption proof does not verify"):
        check_partial(forged, verification_key(dealings, 4), ciphertext, ["t"])
    with pytest.raises(DecryptionRefused, match="trustee 4"):
        check_partial(honest, verification_key(dealings, 4), ciphertext, ["another total"])


def test_lagrange_coefficients_at_zero_sum_a_constant_polynomial_to_itself():
    coefficients = lagrange_at_zero([2, 5, 7])
    assert sum(coefficients.values()) % (2**252 + 27742317777372353535851937790883648493) == 1


def test_a_share_travels_sealed_to_its_recipient():
    box = PrivateKey.generate()
    sealed = seal_share("e", 2, 3, 12345, bytes(box.public_key))
    assert open_share("e", 2, 3, sealed, bytes(box)) == 12345
    with pytest.raises(ShareRefused, match="trustee 1: the sealed share is not for trustee 3 in this election"):
        open_share("e", 1, 3, sealed, bytes(box))
    with pytest.raises(ShareRefused, match="trustee 2: the sealed share for trustee 3 does not open"):
        open_share("e", 2, 3, sealed, bytes(PrivateKey.generate()))
