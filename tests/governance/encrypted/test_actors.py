"""Who may act: the Board makes a vote encrypted; each trustee acts for themselves, the Board for
an outside party; nobody else."""

import pytest
from django.core.exceptions import PermissionDenied

from governance import services
from governance.models import EncryptedElection, PartialDecryption
from tests.factories import governance as gf

from . import world


def test_only_the_board_makes_a_vote_encrypted(owners, trustees):
    motion = gf.motion(proposer=owners[0], secret=True)
    with pytest.raises(PermissionDenied):
        services.encrypted_election_create(motion=motion, trustees=trustees, threshold=2, actor=owners[0], reason="x")
    assert not EncryptedElection.objects.exists()


def test_a_trustee_registers_their_own_key_and_no_one_elses(board, owners, trustees):
    _motion, election = world.encrypted_motion(proposer=owners[0], board=board, trustees=trustees)
    first, _second, outside = election.trustees.order_by("index")
    for trustee, actor in ((first, trustees[1]), (first, board), (outside, owners[1])):
        with pytest.raises(PermissionDenied):
            services.trustee_register_key(trustee=trustee, box_key="ab" * 32, actor=actor, reason="key")
    services.trustee_register_key(trustee=outside, box_key="ab" * 32, actor=board, reason="relayed")
    outside.refresh_from_db()
    assert outside.box_key == "ab" * 32 and outside.history.first().history_user == board


def test_only_the_trustee_decrypts_their_share(board, owners, trustees):
    motion, election, keys = world.ready(proposer=owners[0], board=board, trustees=trustees)
    world.cast(motion, election, owners[1], [1, 0])
    services.motion_close(motion=motion, actor=board, reason="close")
    trustee = election.trustees.get(index=1)
    with pytest.raises(PermissionDenied):
        services.trustee_decrypt(
            trustee=trustee, decryption=world.decryption(election, keys[1]), actor=owners[2], reason="decrypt"
        )
    assert not PartialDecryption.objects.exists()
