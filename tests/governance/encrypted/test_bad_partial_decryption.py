"""A partial decryption whose proof fails is refused, naming the trustee, and nothing is written."""

import pytest
from django.core.exceptions import ValidationError

from governance import services
from governance.models import PartialDecryption
from secret_ballot.group import base_mult

from . import world


@pytest.fixture
def closed(board, owners, trustees):
    motion, election, keys = world.ready(proposer=owners[0], board=board, trustees=trustees)
    world.cast(motion, election, owners[1], [1, 0])
    services.motion_close(motion=motion, actor=board, reason="close")
    return election, keys


def _refused(election, index, decryption, board):
    trustee = election.trustees.get(index=index)
    with pytest.raises(ValidationError) as error:
        services.trustee_decrypt(
            trustee=trustee, decryption=decryption, actor=world.acting_for(trustee, board), reason="decrypt"
        )
    assert not PartialDecryption.objects.exists()
    return error.value.message_dict["decryption"][0]


def test_a_partial_decryption_with_a_bad_value_is_refused_naming_the_trustee(closed, board):
    election, keys = closed
    decryption = world.decryption(election, keys[2])
    decryption["shares"][0][1]["value"] = base_mult(7).hex()
    assert "trustee 2: partial decryption proof does not verify" in _refused(election, 2, decryption, board)


def test_a_partial_decryption_made_with_another_trustees_key_is_refused(closed, board):
    election, keys = closed
    decryption = world.decryption(election, keys[1])
    decryption["trustee"] = 3
    assert "trustee 3" in _refused(election, 3, decryption, board)


def test_a_partial_decryption_of_the_wrong_shape_is_refused(closed, board):
    election, keys = closed
    decryption = world.decryption(election, keys[1])
    decryption["shares"][0].pop()
    assert "trustee 1: one share per choice" in _refused(election, 1, decryption, board)


def test_a_trustee_decrypts_once(closed, board):
    election, keys = closed
    world.decrypt(election, keys, [1], board)
    trustee = election.trustees.get(index=1)
    with pytest.raises(ValidationError):
        services.trustee_decrypt(
            trustee=trustee, decryption=world.decryption(election, keys[1]), actor=trustee.user, reason="again"
        )
    assert PartialDecryption.objects.count() == 1
