"""Closing an encrypted vote and k of n trustees decrypting it: the counts equal the weighted count
of the same marks in clear, and the result goes through the plain count."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from governance import services
from governance.models import EncryptedElection, Motion, Result
from tests.factories import governance as gf

from . import world


def test_closing_computes_the_encrypted_totals_and_waits_for_the_trustees(board, owners, trustees, secretary):
    motion, election, _keys = world.ready(proposer=owners[0], board=board, trustees=trustees)
    world.cast(motion, election, owners[1], [1, 0])
    assert services.motion_close(motion=motion, actor=board, reason="close") is None
    motion.refresh_from_db()
    election.refresh_from_db()
    assert motion.status == Motion.Status.CLOSED and election.status == EncryptedElection.Status.CLOSED
    assert len(election.totals[0]["ciphertexts"]) == 2 and election.board_head
    assert not Result.objects.filter(motion=motion).exists()
    with pytest.raises(ValidationError) as error:
        services.motion_certify(motion=motion, actor=secretary, reason="certify")
    assert "not decrypted" in error.value.message_dict["motion"][0]


@pytest.mark.parametrize("deciders", [(1, 3), (2, 3), (3, 1)])
def test_any_k_trustees_decrypt_the_weighted_count_of_the_marks(board, owners, trustees, secretary, deciders):
    # given owners holding 1 to 5 shares, counted by shares (the fifth does not vote)
    gf.voting_mode("share")
    gf.set_policy("share_cap_percent", 0)
    voters = [gf.owner(shares=n) for n in (1, 2, 3, 4, 5)]
    motion, election, keys = world.ready(proposer=owners[0], board=board, trustees=trustees)
    marks = {voters[0]: [1, 0], voters[1]: [0, 1], voters[2]: [1, 0], voters[3]: [0, 0]}  # the last abstains
    for voter, mark in marks.items():
        world.cast(motion, election, voter, mark)
    services.motion_close(motion=motion, actor=board, reason="close")
    # when k trustees (of three, two needed) decrypt
    world.decrypt(election, keys, deciders, board)
    # then the counts are the weighted marks in clear, and the result is the plain count's
    weights = {entry.voter: entry.weight * election.weight_scale for entry in motion.roll.all()}
    plain = [sum(weights[v] * m[c] for v, m in marks.items()) for c in range(2)]
    assert election.status == EncryptedElection.Status.DECRYPTED and election.counts == [plain]
    result = Result.objects.get(motion=motion)
    yes, no, abstain = (str(gf.choice(motion, meaning).pk) for meaning in ("yes", "no", "abstain"))
    scale = Decimal(election.weight_scale)
    assert Decimal(result.totals[yes]) == plain[0] / scale and Decimal(result.totals[no]) == plain[1] / scale
    assert Decimal(result.totals[abstain]) == weights[voters[3]] / scale
    assert result.participants == 4 and result.adopted == (plain[0] > plain[1] and result.quorum_met)
    # and the Secretary certifies it as any other result
    services.motion_certify(motion=motion, actor=secretary, reason="certify")


def test_one_trustee_short_of_the_threshold_decrypts_nothing(board, owners, trustees):
    motion, election, keys = world.ready(proposer=owners[0], board=board, trustees=trustees)
    world.cast(motion, election, owners[1], [1, 0])
    services.motion_close(motion=motion, actor=board, reason="close")
    world.decrypt(election, keys, [2], board)
    assert election.status == EncryptedElection.Status.CLOSED and election.counts == []
    assert not Result.objects.filter(motion=motion).exists()


def test_an_encrypted_election_installs_the_winner(board, owners, trustees, secretary):
    motion = gf.election(proposer=owners[0], board=board, candidates=owners[1:3], open_it=False, seats=1)
    election = services.encrypted_election_create(
        motion=motion, trustees=trustees, threshold=2, actor=board, reason="encrypt"
    )
    keys = world.ceremony(election, board)
    gf.open_motion(motion, board=board)
    election.refresh_from_db()
    labels = election.manifest["questions"][0]["choices"]
    assert election.manifest["questions"][0]["kind"] == "plurality" and len(labels) == 2
    for voter in owners[:4]:
        world.cast(motion, election, voter, [0, 1])
    world.cast(motion, election, owners[4], [1, 0])
    services.motion_close(motion=motion, actor=board, reason="close")
    world.decrypt(election, keys, (1, 2), board)
    result = Result.objects.get(motion=motion)
    second = motion.choices.order_by("position")[1]
    assert result.winners == [second.pk] and result.adopted
    services.motion_certify(motion=motion, actor=secretary, reason="certify")
    assert motion.office.terms.active().filter(holder=second.candidate).exists()


def test_an_approval_vote_counts_each_approved_choice(board, owners, trustees):
    motion = gf.election(
        proposer=owners[0], board=board, candidates=owners[1:4], open_it=False, method=Motion.Method.APPROVAL
    )
    election = services.encrypted_election_create(
        motion=motion, trustees=trustees, threshold=2, actor=board, reason="encrypt"
    )
    keys = world.ceremony(election, board)
    gf.open_motion(motion, board=board)
    election.refresh_from_db()
    question = election.manifest["questions"][0]
    assert (question["kind"], question["min"], question["max"]) == ("approval", 1, 3)
    world.cast(motion, election, owners[0], [1, 1, 0])
    world.cast(motion, election, owners[1], [0, 1, 1])
    services.motion_close(motion=motion, actor=board, reason="close")
    world.decrypt(election, keys, (1, 3), board)
    assert election.counts == [[1, 2, 1]]
