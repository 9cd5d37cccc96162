import copy

import pytest

from secret_ballot.ballot import audit_ballot, check_ballot, check_manifest, encrypt_ballot
from secret_ballot.elgamal import encrypt
from secret_ballot.group import VerificationError
from tests.secret_ballot.election import MANIFEST, SELECTIONS, ceremony


@pytest.fixture(scope="module")
def public_key():
    return ceremony(3, 2, MANIFEST["election_id"])[2]


@pytest.fixture(scope="module")
def ballot(public_key):
    return encrypt_ballot(MANIFEST, public_key, "v-ana", SELECTIONS["v-ana"])[0]


def test_a_well_formed_ballot_passes(public_key, ballot):
    marks = check_ballot(MANIFEST, public_key, ballot)
    assert [len(row) for row in marks] == [2, 3, 3]


def test_a_ballot_replayed_under_another_voter_is_refused(public_key, ballot):
    replayed = {**ballot, "voter_id": "v-ben"}
    with pytest.raises(VerificationError, match="question 'adopt': proof that mark 0 is 0 or 1 does not verify"):
        check_ballot(MANIFEST, public_key, replayed)


def test_a_ballot_replayed_in_another_election_is_refused(public_key, ballot):
    other = {**MANIFEST, "election_id": "coop-7/motion-43"}
    with pytest.raises(VerificationError, match="proof that mark 0 is 0 or 1 does not verify"):
        check_ballot(other, public_key, ballot)


def test_a_mark_of_two_is_refused(public_key, ballot):
    forged = copy.deepcopy(ballot)
    two, _ = encrypt(2, public_key)
    forged["answers"][1]["marks"][2].update(alpha=two.alpha.hex(), beta=two.beta.hex())
    with pytest.raises(VerificationError, match="question 'chair': proof that mark 2 is 0 or 1 does not verify"):
        check_ballot(MANIFEST, public_key, forged)


def test_too_many_marks_are_refused(public_key):
    loose = copy.deepcopy(MANIFEST)
    loose["questions"][1]["max"] = 3
    marks = {**SELECTIONS["v-ana"], "chair": [1, 1, 0]}
    ballot, _ = encrypt_ballot(loose, public_key, "v-ana", marks)
    with pytest.raises(
        VerificationError, match="question 'chair': proof that the number of marks is between 1 and 1 does not verify"
    ):
        check_ballot(MANIFEST, public_key, ballot)
    with pytest.raises(ValueError, match="2 marks, not between min and max"):
        encrypt_ballot(MANIFEST, public_key, "v-ana", marks)


def test_an_off_group_point_in_a_ballot_is_refused(public_key, ballot):
    forged = copy.deepcopy(ballot)
    forged["answers"][0]["marks"][1]["beta"] = "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"
    with pytest.raises(VerificationError, match="question 'adopt' mark 1 beta: not a point of the prime-order group"):
        check_ballot(MANIFEST, public_key, forged)


def test_a_ballot_that_skips_a_question_is_refused(public_key, ballot):
    with pytest.raises(VerificationError, match="answers: expected 3 entries, found 2"):
        check_ballot(MANIFEST, public_key, {**ballot, "answers": ballot["answers"][:2]})


def test_a_malformed_election_is_refused():
    check_manifest(MANIFEST)
    bad = copy.deepcopy(MANIFEST)
    bad["questions"][2]["max"] = 4
    with pytest.raises(VerificationError, match="question 2: min 0 and max 4 do not fit 3 choices"):
        check_manifest(bad)
    bad = copy.deepcopy(MANIFEST)
    bad["questions"][1]["id"] = "adopt"
    with pytest.raises(VerificationError, match="question 1: the id 'adopt' is used twice"):
        check_manifest(bad)


def test_a_challenged_ballot_opens_to_its_marks(public_key, ballot):
    challenged, randomness = encrypt_ballot(MANIFEST, public_key, "v-dan", SELECTIONS["v-dan"])
    assert audit_ballot(MANIFEST, public_key, challenged, randomness) == SELECTIONS["v-dan"]
    wrong = {**randomness, "chair": [r + 1 for r in randomness["chair"]]}
    with pytest.raises(VerificationError, match="question 'chair': mark 0 is not an encryption of 0 or 1"):
        audit_ballot(MANIFEST, public_key, challenged, wrong)
