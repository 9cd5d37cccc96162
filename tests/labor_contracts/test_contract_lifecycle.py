"""A labor contract moves draft → negotiated → approved → active → completed, each step by the right role."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from coop.models import DocumentVersion
from labor_contracts import services
from labor_contracts.models import LaborContract
from tests.factories import labor_contracts as f
from tests.factories.membership import policy_set


def test_full_lifecycle_records_each_step_with_its_actor(signed_setup, operations_user, board_user):
    # Given a draft contract
    contract = f.contract_draft(operations_user)
    # When Operations negotiates, the Board approves and Operations activates then completes it
    contract = services.contract_negotiate(contract=contract, actor=operations_user, reason="agreed")
    assert contract.msa_version.status == DocumentVersion.Status.ADOPTED
    contract = services.contract_approve(contract=contract, actor=board_user, reason="board meeting")
    contract = services.contract_activate(contract=contract, actor=operations_user, reason="start")
    contract = services.contract_complete(contract=contract, actor=operations_user, reason="done")
    # Then each step is in the history with its actor and reason
    assert contract.status == LaborContract.Status.COMPLETED
    assert contract.negotiated_by == operations_user and contract.approved_by == board_user
    reasons = list(contract.history.order_by("history_date").values_list("history_change_reason", flat=True))
    assert reasons[-4:] == ["agreed", "board meeting", "start", "done"]


def test_approval_by_someone_outside_the_board_is_refused_and_writes_nothing(signed_setup, operations_user):
    contract = f.contract_draft(operations_user)
    services.contract_negotiate(contract=contract, actor=operations_user, reason="agreed")
    with pytest.raises(PermissionDenied, match="Board"):
        services.contract_approve(contract=contract, actor=operations_user, reason="self-approval")
    contract.refresh_from_db()
    assert contract.status == LaborContract.Status.NEGOTIATED and contract.owner_percent is None


def test_approval_in_the_club_phase_names_the_missing_incorporation_step(cooperative, operations_user, board_user):
    # Given an unincorporated cooperative with a negotiated contract
    f.documents_install()
    contract = f.contract_draft(operations_user)
    services.contract_negotiate(contract=contract, actor=operations_user, reason="agreed")
    # When the Board approves, then it is refused naming Incorporation
    with pytest.raises(ValidationError, match="Incorporation"):
        services.contract_approve(contract=contract, actor=board_user, reason="approve")
    contract.refresh_from_db()
    assert contract.status == LaborContract.Status.NEGOTIATED


def test_approval_captures_the_voted_percentage_and_a_later_vote_changes_only_new_contracts(
    signed_setup, operations_user, board_user
):
    # Given the General Conference voted 65 %
    policy_set("owner_contract_percent", "65")
    first = f.contract_active(operations_user, board_user, title="First")
    # When a later vote sets 80 % and a second contract is approved
    policy_set("owner_contract_percent", "80")
    second = f.contract_active(operations_user, board_user, title="Second")
    # Then each keeps the percentage in force when it was approved
    first.refresh_from_db()
    assert first.owner_percent == Decimal("65.00")
    assert second.owner_percent == Decimal("80.00")


@pytest.mark.parametrize("when", ["create", "update"])
def test_a_percentage_typed_by_hand_is_refused_by_name(signed_setup, operations_user, when):
    if when == "create":
        with pytest.raises(ValidationError) as error:
            services.contract_create(
                actor=operations_user,
                reason="x",
                client=f.client_create(operations_user),
                title="T",
                scope="S",
                billing_basis="hourly_role",
                starts_on="2026-01-01",
                ends_on="2026-02-01",
                owner_percent=Decimal("99"),
            )
        assert LaborContract.objects.count() == 0
    else:
        contract = f.contract_draft(operations_user)
        with pytest.raises(ValidationError) as error:
            services.contract_update(contract=contract, actor=operations_user, reason="x", owner_percent=99)
        contract.refresh_from_db()
        assert contract.owner_percent is None
    assert "owner_percent" in error.value.message_dict


def test_negotiation_refuses_a_master_staffing_agreement_no_longer_in_force(signed_setup, operations_user):
    # Given a draft that names an MSA version, then the MSA is amended
    from coop import services as coop_services
    from coop.models import GoverningDocument

    msa = GoverningDocument.objects.get(kind=GoverningDocument.Kind.MASTER_STAFFING_AGREEMENT)
    old = msa.current_version
    contract = f.contract_draft(operations_user)
    services.contract_update(contract=contract, actor=operations_user, reason="x", msa_version=old)
    new = coop_services.document_version_propose(
        document=msa, text=old.text + "\n\nAmended.", summary="s", actor=None, reason="x"
    )
    coop_services.document_version_adopt(version=new, basis="Motion #1", actor=None, reason="x")
    # When Operations negotiates, then the old version is refused by name
    with pytest.raises(ValidationError) as error:
        services.contract_negotiate(contract=contract, actor=operations_user, reason="agreed")
    assert "msa_version" in error.value.message_dict
    contract.refresh_from_db()
    assert contract.status == LaborContract.Status.DRAFT


def test_a_step_out_of_order_is_refused(signed_setup, operations_user):
    contract = f.contract_draft(operations_user)
    with pytest.raises(ValidationError) as error:
        services.contract_activate(contract=contract, actor=operations_user, reason="skip ahead")
    assert "status" in error.value.message_dict


def test_fixed_value_contract_needs_milestones_that_add_up(signed_setup, operations_user):
    contract = f.contract_draft(operations_user, basis="fixed", fixed_value=Decimal("1000.00"), rates=())
    services.milestone_add(
        contract=contract,
        title="Half",
        amount=Decimal("500.00"),
        due_on=contract.ends_on,
        actor=operations_user,
        reason="x",
    )
    with pytest.raises(ValidationError) as error:
        services.contract_negotiate(contract=contract, actor=operations_user, reason="agreed")
    assert "milestones" in error.value.message_dict


def test_only_owners_can_be_assigned(active_contract, operations_user, member_user):
    # member_user has the Member role but no membership record as an owner
    with pytest.raises(ValidationError) as error:
        f.assign(active_contract, member_user, operations_user)
    assert "owner" in error.value.message_dict
