"""While any labor contract is active, bonuses are suspended; the contracts causing it are named."""

from labor_contracts import selectors, services
from tests.factories import labor_contracts as f


def test_bonuses_are_suspended_while_a_contract_is_active_and_resume_when_it_completes(
    signed_setup, operations_user, board_user
):
    assert selectors.bonus_suspension().suspended is False
    contract = f.contract_active(operations_user, board_user)
    suspension = selectors.bonus_suspension()
    assert suspension.suspended is True and suspension.contracts == [contract]
    services.contract_complete(contract=contract, actor=operations_user, reason="done")
    assert selectors.bonus_suspension().suspended is False


def test_an_approved_contract_not_yet_active_does_not_suspend_bonuses(signed_setup, operations_user, board_user):
    contract = f.contract_draft(operations_user)
    services.contract_negotiate(contract=contract, actor=operations_user, reason="x")
    services.contract_approve(contract=contract, actor=board_user, reason="x")
    assert selectors.bonus_suspension().suspended is False
