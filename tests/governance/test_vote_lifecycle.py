"""A motion from proposal to certified outcome, with weights from the frozen roll."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from coop.models import PolicyNumber
from governance import services
from governance.models import Motion, PolicyAdoption
from tests.factories import governance as gf
from tests.factories.coop import role_officer


def test_policy_change_is_proposed_opened_voted_closed_certified_and_applied(
    board, secretary, django_capture_on_commit_callbacks
):
    # given five share-weighted owners with different share counts
    gf.voting_mode("share")
    voters = [gf.owner(shares=n) for n in (1, 2, 3, 4, 10)]
    motion = gf.motion(
        proposer=voters[0],
        kind=Motion.Kind.POLICY_CHANGE,
        title="Raise dues",
        policy_key="dues_amount",
        policy_value="30",
    )
    # when it opens, the roll freezes each weight and rule
    with django_capture_on_commit_callbacks(execute=True):
        gf.open_motion(motion, board=board)
    assert {e.voter_id: e.weight for e in motion.roll.all()} == {
        v.pk: gf.weight(n) for v, n in zip(voters, (1, 2, 3, 4, 10), strict=True)
    }
    assert set(motion.roll.values_list("rule", flat=True)) == {"share"}
    assert len(mail.outbox) == 5
    # and owners vote: yes 10 + 1, no 2 + 3, abstain 4
    for voter, marks in zip(voters, [gf.yes, gf.no, gf.no, gf.abstain, gf.yes], strict=True):
        services.ballot_cast(motion=motion, cast_by=voter, marks=marks(motion))
    result = services.motion_close(motion=motion, actor=board, reason="Voting period over")
    # then the tally shows quorum and threshold with their numbers
    assert result.eligible_weight == Decimal(20) and result.cast_weight == Decimal(20)
    assert result.quorum_weight == Decimal(10) and result.quorum_met
    assert result.yes_share_percent == Decimal("68.7500")
    assert result.threshold_percent == Decimal(50)
    assert result.adopted
    # and nothing changes until the Secretary certifies
    assert PolicyNumber.objects.get(key="dues_amount").value == "25.00"
    with django_capture_on_commit_callbacks(execute=True):
        services.motion_certify(motion=motion, actor=secretary, reason="Count checked")
    number = PolicyNumber.objects.get(key="dues_amount")
    assert number.value == "30"
    assert number.basis.startswith(f"Motion #{motion.pk}")
    adoption = PolicyAdoption.objects.get(motion=motion)
    assert (adoption.old_value, adoption.new_value) == ("25.00", "30")
    # and every step is in the history
    reasons = list(Motion.history.filter(id=motion.pk).values_list("history_change_reason", flat=True))
    assert {"test setup", "Voting period over", "Count checked"} <= set(reasons)
    assert any("Result certified" in m.subject for m in mail.outbox)


def test_share_purchase_during_an_open_vote_changes_nothing_in_it(board, secretary):
    from membership import services as membership_services

    gf.voting_mode("share")
    voters = [gf.owner(shares=2) for _i in range(3)]
    motion = gf.open_motion(gf.motion(proposer=voters[0]), board=board)
    membership_services.share_purchase(member=voters[0].membership, quantity=5, actor=role_officer(), reason="buy")
    services.ballot_cast(motion=motion, cast_by=voters[0], marks=gf.yes(motion))
    result = services.motion_close(motion=motion, actor=board, reason="close")
    assert result.cast_weight == Decimal(2)
    assert motion.roll.get(voter=voters[0]).weight == Decimal(2)


def test_quorum_not_met_means_not_adopted_and_the_numbers_say_why(board, owners):
    motion = gf.open_motion(gf.motion(proposer=owners[0]), board=board)
    services.ballot_cast(motion=motion, cast_by=owners[0], marks=gf.yes(motion))
    result = services.motion_close(motion=motion, actor=board, reason="close")
    assert (result.cast_weight, result.quorum_weight, result.quorum_met, result.adopted) == (
        Decimal(1),
        Decimal("3.00"),
        False,
        False,
    )  # six owners: the five and the President


def test_certified_result_is_immutable(board, secretary, owners):
    motion = gf.open_motion(gf.motion(proposer=owners[0]), board=board)
    for voter in owners:
        services.ballot_cast(motion=motion, cast_by=voter, marks=gf.yes(motion))
    result = services.motion_close(motion=motion, actor=board, reason="close")
    services.motion_certify(motion=motion, actor=secretary, reason="ok")
    result.refresh_from_db()
    result.adopted = False
    with pytest.raises(ValidationError) as error:
        result.full_clean()
    assert "certified_at" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.motion_certify(motion=motion, actor=secretary, reason="again")
    with pytest.raises(ValidationError):
        services.motion_close(motion=motion, actor=board, reason="again")


def test_amendment_needs_two_thirds_and_adopts_the_new_version(board, secretary, owners):
    from coop import services as coop_services
    from coop.models import GoverningDocument

    coop_services.documents_install_templates(actor=None, reason="setup")
    bylaws = GoverningDocument.objects.get(slug="bylaws")
    version = coop_services.document_version_propose(
        document=bylaws, text=bylaws.current_version.text + "\n\nNew.", summary="s", actor=board, reason="setup"
    )
    motion = gf.motion(
        proposer=owners[0], kind=Motion.Kind.BYLAW_AMENDMENT, document_version=version, title="Amend the bylaws"
    )
    gf.open_motion(motion, board=board)
    assert motion.__class__.objects.get(pk=motion.pk).threshold_percent == Decimal("66.67")
    # two of three decisive votes reach 66.67 % once rounded as the threshold is written
    for voter, marks in zip(owners, [gf.yes, gf.yes, gf.no, gf.abstain, gf.abstain], strict=True):
        services.ballot_cast(motion=motion, cast_by=voter, marks=marks(motion))
    result = services.motion_close(motion=motion, actor=board, reason="close")
    assert result.yes_share_percent == Decimal("66.6667") and result.adopted
    services.motion_certify(motion=motion, actor=secretary, reason="ok")
    bylaws.refresh_from_db()
    assert bylaws.current_version.pk == version.pk
    assert bylaws.current_version.basis.startswith(f"Motion #{motion.pk}")


def test_amendment_with_a_simple_majority_only_fails(board, secretary, owners):
    from coop import services as coop_services
    from coop.models import GoverningDocument

    coop_services.documents_install_templates(actor=None, reason="setup")
    bylaws = GoverningDocument.objects.get(slug="bylaws")
    old = bylaws.current_version
    version = coop_services.document_version_propose(
        document=bylaws, text=old.text + "\n\nNew.", summary="s", actor=board, reason="setup"
    )
    motion = gf.open_motion(
        gf.motion(proposer=owners[0], kind=Motion.Kind.BYLAW_AMENDMENT, document_version=version), board=board
    )
    for voter, marks in zip(owners, [gf.yes, gf.yes, gf.yes, gf.no, gf.no], strict=True):
        services.ballot_cast(motion=motion, cast_by=voter, marks=marks(motion))
    result = services.motion_close(motion=motion, actor=board, reason="close")
    assert result.yes_share_percent == Decimal("60.0000") and not result.adopted
    services.motion_certify(motion=motion, actor=secretary, reason="ok")
    assert GoverningDocument.objects.get(pk=bylaws.pk).current_version.pk == old.pk
