"""Owners log hours on the contracts they are assigned to; a manager who is not the owner reviews them."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from labor_contracts import services
from labor_contracts.models import TimesheetEntry
from tests.factories import labor_contracts as f


def _log(contract, owner, hours, day=None):
    return services.timesheet_log(
        owner=owner, contract=contract, day=day or timezone.localdate(), hours=hours, actor=owner, reason="worked"
    )


def _refused(field, call):
    with pytest.raises(ValidationError) as error:
        call()
    assert field in error.value.message_dict
    return error.value.message_dict[field][0]


def test_owner_logs_submits_and_a_manager_approves(active_contract, owner, operations_user):
    entry = _log(active_contract, owner, Decimal("7.5"))
    entry = services.timesheet_submit(entry=entry, actor=owner, reason="done")
    entry = services.timesheet_approve(entry=entry, actor=operations_user, reason="checked")
    assert entry.status == TimesheetEntry.Status.APPROVED and entry.reviewed_by == operations_user


def test_hours_on_a_contract_the_owner_is_not_assigned_to_are_refused(
    signed_setup, active_contract, operations_user, board_user, owner
):
    other = f.contract_active(operations_user, board_user, title="Other")
    assert "not assigned" in _refused("contract", lambda: _log(other, owner, Decimal("2")))
    assert not TimesheetEntry.objects.exists()


def test_a_day_outside_the_contract_is_refused(active_contract, owner):
    before = active_contract.starts_on - timedelta(days=1)
    assert "outside" in _refused("day", lambda: _log(active_contract, owner, Decimal("2"), day=before))


@pytest.mark.parametrize("hours", [Decimal("24.5"), Decimal("-1"), Decimal("0")])
def test_more_than_24_or_negative_hours_are_refused(active_contract, owner, hours):
    _refused("hours", lambda: _log(active_contract, owner, hours))
    assert not TimesheetEntry.objects.exists()


def test_a_day_over_24_hours_across_contracts_is_refused(active_contract, owner, operations_user, board_user):
    second = f.contract_active(operations_user, board_user, title="Second")
    f.assign(second, owner, operations_user)
    _log(active_contract, owner, Decimal("16"))
    assert "24" in _refused("hours", lambda: _log(second, owner, Decimal("9")))
    assert TimesheetEntry.objects.count() == 1


def test_one_row_per_owner_per_day_per_contract_is_kept_by_editing_it(active_contract, owner):
    _log(active_contract, owner, Decimal("4"))
    entry = _log(active_contract, owner, Decimal("6"))
    assert TimesheetEntry.objects.count() == 1 and entry.hours == Decimal("6")


def test_submitted_and_approved_hours_are_locked(active_contract, owner, operations_user):
    entry = _log(active_contract, owner, Decimal("4"))
    services.timesheet_submit(entry=entry, actor=owner, reason="done")
    assert "locked" in _refused("hours", lambda: _log(active_contract, owner, Decimal("5")))
    entry.refresh_from_db()
    assert entry.hours == Decimal("4.00")


def test_nobody_approves_their_own_hours(active_contract, operations_user, board_user):
    # Given a manager who is also an owner on the contract
    from membership.models import Member
    from tests.factories.membership import member_create

    member_create(status=Member.Status.OWNER, user=operations_user)
    f.assign(active_contract, operations_user, operations_user)
    entry = _log(active_contract, operations_user, Decimal("3"))
    services.timesheet_submit(entry=entry, actor=operations_user, reason="done")
    # When they approve their own hours, then it is refused and nothing changes
    _refused("reviewed_by", lambda: services.timesheet_approve(entry=entry, actor=operations_user, reason="me"))
    entry.refresh_from_db()
    assert entry.status == TimesheetEntry.Status.SUBMITTED


def test_a_member_without_the_manager_role_cannot_approve(active_contract, owner, member_user):
    entry = _log(active_contract, owner, Decimal("3"))
    services.timesheet_submit(entry=entry, actor=owner, reason="done")
    with pytest.raises(PermissionDenied):
        services.timesheet_approve(entry=entry, actor=member_user, reason="x")


def test_returned_hours_carry_the_comment_and_can_be_fixed(active_contract, owner, operations_user):
    entry = _log(active_contract, owner, Decimal("10"))
    services.timesheet_submit(entry=entry, actor=owner, reason="done")
    _refused("comment", lambda: services.timesheet_return(entry=entry, comment=" ", actor=operations_user, reason="x"))
    entry = services.timesheet_return(entry=entry, comment="Lunch is not billable", actor=operations_user, reason="x")
    assert entry.status == TimesheetEntry.Status.RETURNED and entry.review_comment == "Lunch is not billable"
    assert _log(active_contract, owner, Decimal("9")).hours == Decimal("9")


def test_someone_else_cannot_log_hours_for_an_owner(active_contract, owner, operations_user):
    with pytest.raises(PermissionDenied):
        services.timesheet_log(
            owner=owner, contract=active_contract, day=timezone.localdate(), hours=1, actor=operations_user, reason="x"
        )
