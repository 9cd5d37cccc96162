"""The key ceremony: box keys, dealings checked on arrival, the joint key once all n have dealt,
and no opening before it completes."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from governance import services
from governance.models import EncryptedElection, EncryptedVoter, Motion, SealedShare
from governance.services.encrypted_phases import weight_scale
from secret_ballot.group import base_mult
from secret_ballot.record import election_hash, roll_hash
from secret_ballot.trustees import joint_public_key
from tests.factories import governance as gf

from . import world


def test_the_board_makes_a_draft_secret_motion_encrypted(board, owners, trustees):
    _motion, election = world.encrypted_motion(proposer=owners[0], board=board, trustees=trustees)
    assert election.status == EncryptedElection.Status.CEREMONY and election.threshold == 2
    assert [(t.index, t.user, t.name) for t in election.trustees.all()] == [
        (1, trustees[0], ""),
        (2, trustees[1], ""),
        (3, None, "Independent Auditors Ltd"),
    ]
    question = election.manifest["questions"][0]
    assert question == {"id": "motion", "kind": "yes_no", "choices": ["yes", "no"], "min": 0, "max": 1}
    assert election.history.first().history_change_reason == world.SETUP


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"secret": False}, "motion"),
        ({"method": Motion.Method.STV, "kind": Motion.Kind.ELECTION}, "motion"),
    ],
)
def test_only_secret_yes_no_plurality_or_approval_motions(board, owners, trustees, kwargs, field):
    if kwargs.get("kind") == Motion.Kind.ELECTION:
        motion = gf.election(
            proposer=owners[0], board=board, candidates=owners[1:3], open_it=False, method=kwargs["method"]
        )
    else:
        motion = gf.motion(proposer=owners[0], **kwargs)
    with pytest.raises(ValidationError) as error:
        services.encrypted_election_create(motion=motion, trustees=trustees, threshold=2, actor=board, reason="x")
    assert field in error.value.message_dict
    assert not EncryptedElection.objects.exists()


@pytest.mark.parametrize("threshold", [0, 4])
def test_the_threshold_is_between_one_and_the_number_of_trustees(board, owners, trustees, threshold):
    motion = gf.motion(proposer=owners[0], secret=True)
    with pytest.raises(ValidationError) as error:
        services.encrypted_election_create(
            motion=motion, trustees=trustees, threshold=threshold, actor=board, reason="x"
        )
    assert "threshold" in error.value.message_dict


def test_the_ceremony_completes_with_the_last_dealing(board, owners, trustees):
    _motion, election = world.encrypted_motion(proposer=owners[0], board=board, trustees=trustees)
    keys = world.ceremony(election, board)
    election.refresh_from_db()
    assert election.status == EncryptedElection.Status.READY
    assert SealedShare.objects.filter(dealer__election=election).count() == 9
    # the joint key is the product of the first commitments, and its secret is shared k of n
    dealings = [world.dealing_from_json(t.dealing, "t") for t in election.trustees.all()]
    assert election.public_key == joint_public_key(dealings).hex()
    assert election.election_hash == election_hash(election.manifest)
    assert {index: base_mult(key.secret) for index, key in keys.items()}  # every trustee could open its shares


def test_a_dealing_whose_proof_fails_is_refused_naming_the_trustee(board, owners, trustees):
    _motion, election = world.encrypted_motion(proposer=owners[0], board=board, trustees=trustees)
    boxes = world.register_keys(election, board)
    trustee = election.trustees.get(index=2)
    dealing, sealed = world.dealt(election, trustee, boxes)
    dealing["proof"]["z"] = dealing["proof"]["z"][:-2] + ("00" if dealing["proof"]["z"][-2:] != "00" else "01")
    with pytest.raises(ValidationError) as error:
        services.trustee_publish_dealing(
            trustee=trustee, dealing=dealing, sealed_shares=sealed, actor=trustee.user, reason="deal"
        )
    assert "trustee 2" in error.value.message_dict["dealing"][0]
    trustee.refresh_from_db()
    assert trustee.dealing is None and not SealedShare.objects.exists()


def test_a_dealing_with_the_wrong_number_of_commitments_is_refused(board, owners, trustees):
    _motion, election = world.encrypted_motion(proposer=owners[0], board=board, trustees=trustees)
    boxes = world.register_keys(election, board)
    trustee = election.trustees.get(index=1)
    dealing, sealed = world.dealt(election, trustee, boxes)
    dealing["commitments"] = dealing["commitments"][:1]
    with pytest.raises(ValidationError) as error:
        services.trustee_publish_dealing(
            trustee=trustee, dealing=dealing, sealed_shares=sealed, actor=trustee.user, reason="deal"
        )
    assert "trustee 1: 1 commitments for a threshold of 2" in error.value.message_dict["dealing"][0]


def test_a_missing_sealed_share_is_refused(board, owners, trustees):
    _motion, election = world.encrypted_motion(proposer=owners[0], board=board, trustees=trustees)
    boxes = world.register_keys(election, board)
    trustee = election.trustees.get(index=1)
    dealing, sealed = world.dealt(election, trustee, boxes)
    del sealed[3]
    with pytest.raises(ValidationError) as error:
        services.trustee_publish_dealing(
            trustee=trustee, dealing=dealing, sealed_shares=sealed, actor=trustee.user, reason="deal"
        )
    assert "sealed_shares" in error.value.message_dict


def test_box_keys_are_fixed_once_anyone_has_dealt(board, owners, trustees):
    _motion, election = world.encrypted_motion(proposer=owners[0], board=board, trustees=trustees)
    boxes = world.register_keys(election, board)
    first, second = election.trustees.get(index=1), election.trustees.get(index=2)
    # Before any dealing a trustee who lost their key file may register a new one.
    services.trustee_register_key(trustee=second, box_key="ab" * 32, actor=second.user, reason="lost it")
    services.trustee_register_key(
        trustee=second, box_key=bytes(boxes[2].public_key).hex(), actor=second.user, reason="found it"
    )
    dealing, sealed = world.dealt(election, first, boxes)
    services.trustee_publish_dealing(trustee=first, dealing=dealing, sealed_shares=sealed, actor=first.user, reason="d")
    # Trustee 1 sealed a share to trustee 2's key: trustee 2 may no longer change it.
    with pytest.raises(ValidationError) as error:
        services.trustee_register_key(trustee=second, box_key="cd" * 32, actor=second.user, reason="again")
    assert error.value.message_dict == {"box_key": ["Dealing has begun: the trustees' box keys are fixed."]}
    second.refresh_from_db()
    assert second.box_key == bytes(boxes[2].public_key).hex()


def test_an_encrypted_motion_does_not_open_before_the_ceremony_completes(board, owners, trustees):
    motion, election = world.encrypted_motion(proposer=owners[0], board=board, trustees=trustees)
    world.register_keys(election, board)
    with pytest.raises(ValidationError) as error:
        gf.open_motion(motion, board=board)
    assert "key ceremony" in error.value.message_dict["motion"][0]
    motion.refresh_from_db()
    assert motion.status == Motion.Status.DRAFT and not motion.roll.exists()


def test_opening_gives_each_voter_a_random_id_and_a_whole_weight(board, owners, trustees):
    motion, election, _keys = world.ready(proposer=owners[0], board=board, trustees=trustees)
    voters = list(EncryptedVoter.objects.filter(election=election).select_related("roll_entry"))
    assert len(voters) == motion.roll.count() and len({v.voter_id for v in voters}) == len(voters)
    assert all(v.weight == v.roll_entry.weight * election.weight_scale for v in voters)
    assert election.roll_hash == roll_hash({v.voter_id: v.weight for v in voters})
    assert election.board_genesis


def test_fractional_weights_are_scaled_by_the_smallest_power_of_ten():
    assert weight_scale([Decimal("2"), Decimal("3.00")]) == 1
    assert weight_scale([Decimal("1.5"), Decimal("2")]) == 10
    assert weight_scale([Decimal("0.25"), Decimal("1.5")]) == 100
