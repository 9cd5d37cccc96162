"""The election record the server assembles passes the independent verifier, and one altered
byte makes it fail naming the check."""

import pytest

from governance import services
from governance.selectors.encrypted import election_record
from secret_ballot.group import VerificationError
from secret_ballot.record import canonical_json
from secret_ballot.verify import verify

from . import world


@pytest.fixture
def record(board, owners, trustees):
    motion, election, keys = world.ready(proposer=owners[0], board=board, trustees=trustees)
    assert election_record(election) is None
    for owner, marks in zip(owners[1:4], ([1, 0], [0, 1], [1, 0]), strict=True):
        world.cast(motion, election, owner, marks)
    services.motion_close(motion=motion, actor=board, reason="close")
    world.decrypt(election, keys, (1, 3), board)
    return canonical_json(election_record(election)).encode()


def test_the_record_passes_the_independent_verifier(record):
    summary = verify(record)
    assert "3 ballots, 2 of 3 trustees (threshold 2)" in summary and "motion: yes 2, no 1" in summary


@pytest.mark.parametrize(
    ("find", "replace", "check"),
    [
        (b'"counts": [\n    2,', b'"counts": [\n    3,', "result: decrypted total for choice 'yes'"),
        (b'"threshold": 2', b'"threshold": 1', "trustee 1: 2 commitments for a threshold of 1"),
    ],
)
def test_one_altered_byte_fails_naming_the_check(record, find, replace, check):
    assert find in record
    with pytest.raises(VerificationError) as error:
        verify(record.replace(find, replace, 1))
    assert check in str(error.value)


def test_an_altered_tracking_code_breaks_the_record(record):
    position = record.index(b'"tracking_code": "') + len(b'"tracking_code": "')
    altered = record[:position] + (b"0" if record[position : position + 1] != b"0" else b"1") + record[position + 1 :]
    with pytest.raises(VerificationError) as error:
        verify(altered)
    assert "tracking code" in str(error.value)
