"""Casting an encrypted ballot: what is refused, under the field `ballot` (or `voter`, `motion`),
with nothing written."""

import pytest
from django.core.exceptions import ValidationError

from governance import services
from governance.models import EncryptedBallot, Participation
from secret_ballot.group import L, parse_scalar, scalar_hex

from . import world


@pytest.fixture
def vote(board, owners, trustees):
    motion, election, _keys = world.ready(proposer=owners[0], board=board, trustees=trustees)
    return motion, election


def _refused(motion, user, ballot, field="ballot"):
    written = (EncryptedBallot.objects.count(), Participation.objects.filter(motion=motion).count())
    with pytest.raises(ValidationError) as error:
        services.ballot_cast_encrypted(motion=motion, cast_by=user, ballot=ballot)
    assert (EncryptedBallot.objects.count(), Participation.objects.filter(motion=motion).count()) == written
    return error.value.message_dict[field][0]


def test_a_ballot_is_cast_with_its_participation_and_a_tracking_code(vote, owners):
    motion, election = vote
    code = world.cast(motion, election, owners[1], [1, 0])
    stored = EncryptedBallot.objects.get()
    assert stored.tracking_code == code and stored.voter_id == world.voter_id(election, owners[1])
    assert Participation.objects.get(motion=motion).voter == owners[1]


def test_a_point_off_the_group_is_refused(vote, owners):
    motion, election = vote
    ballot = world.encrypt(election, world.voter_id(election, owners[1]), [1, 0])
    ballot["answers"][0]["marks"][0]["alpha"] = "ff" * 32
    assert "question 'motion' mark 0 alpha" in _refused(motion, owners[1], ballot)
    assert not Participation.objects.filter(motion=motion).exists()


def test_a_proof_that_does_not_verify_is_refused(vote, owners):
    motion, election = vote
    ballot = world.encrypt(election, world.voter_id(election, owners[1]), [1, 0])
    branch = ballot["answers"][0]["marks"][1]["proof"][0]
    branch["z"] = scalar_hex((parse_scalar(branch["z"], "z") + 1) % L)
    message = _refused(motion, owners[1], ballot)
    assert "proof that mark 1 is 0 or 1 does not verify" in message
    assert not Participation.objects.filter(motion=motion).exists()


def test_a_ballot_replayed_from_another_voter_is_refused(vote, owners):
    motion, election = vote
    theirs = world.encrypt(election, world.voter_id(election, owners[1]), [1, 0])
    assert "another voter" in _refused(motion, owners[2], theirs)


def test_a_ballot_relabelled_for_another_voter_fails_its_proofs(vote, owners):
    motion, election = vote
    theirs = world.encrypt(election, world.voter_id(election, owners[1]), [1, 0])
    theirs["voter_id"] = world.voter_id(election, owners[2])
    assert "does not verify" in _refused(motion, owners[2], theirs)


def test_a_ballot_from_another_vote_is_refused(vote, board, owners, trustees):
    motion, election = vote
    _other, other_election, _keys = world.ready(proposer=owners[0], board=board, trustees=trustees, title="Another")
    ballot = world.encrypt(other_election, world.voter_id(other_election, owners[1]), [1, 0])
    assert "another voter" in _refused(motion, owners[1], ballot)
    assert "another vote" in _refused(motion, owners[1], {**ballot, "election_id": other_election.election_id})
    # the ballot relabelled with this vote's voter id: its proofs are bound to the other vote
    relabelled = {**ballot, "voter_id": world.voter_id(election, owners[1])}
    assert "does not verify" in _refused(motion, owners[1], relabelled)


def test_a_second_ballot_is_refused(vote, owners):
    motion, election = vote
    world.cast(motion, election, owners[1], [1, 0])
    again = world.encrypt(election, world.voter_id(election, owners[1]), [0, 1])
    assert "already" in _refused(motion, owners[1], again)
    assert EncryptedBallot.objects.count() == 1


def test_a_ballot_after_the_close_is_refused(vote, board, owners):
    motion, election = vote
    ballot = world.encrypt(election, world.voter_id(election, owners[1]), [1, 0])
    services.motion_close(motion=motion, actor=board, reason="close")
    assert "not open" in _refused(motion, owners[1], ballot, field="motion")


def test_a_voter_not_on_the_roll_is_refused(vote, outsider):
    motion, _election = vote
    assert "not on the roll" in _refused(motion, outsider, {"voter_id": "x", "answers": []}, field="voter")


def test_a_ballot_in_clear_is_refused_in_an_encrypted_vote(vote, owners):
    motion, _election = vote
    with pytest.raises(ValidationError) as error:
        services.ballot_cast(motion=motion, cast_by=owners[1], marks=[motion.choices.first().pk])
    assert "encrypted" in error.value.message_dict["marks"][0]
    assert not Participation.objects.filter(motion=motion).exists()
