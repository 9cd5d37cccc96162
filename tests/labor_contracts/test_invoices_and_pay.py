"""Invoices from approved hours or milestones lock the hours and settle owner pay and the margin."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from labor_contracts import selectors, services
from labor_contracts.models import Invoice, Milestone, OwnerPay, TimesheetEntry
from tests.factories import labor_contracts as f
from tests.factories.membership import policy_set


def _period(contract):
    return {"period_start": contract.starts_on, "period_end": timezone.localdate()}


def test_hourly_invoice_bills_approved_hours_and_settles_pay_with_the_voted_percentage(
    signed_setup, operations_user, board_user, owner
):
    # Given a 60 % vote, a contract with two roles and two owners' approved hours
    policy_set("owner_contract_percent", "60")
    contract = f.contract_active(operations_user, board_user, rates=(("Carpenter", "50.00"), ("Lead", "80.00")))
    lead = f.owner_create(email="lead@example.coop")
    f.assign(contract, owner, operations_user)
    f.assign(contract, lead, operations_user, role="Lead")
    today = timezone.localdate()
    f.hours_approved(contract, owner, today, "8", operations_user)
    f.hours_approved(contract, owner, today - timedelta(days=1), "4.5", operations_user)
    f.hours_approved(contract, lead, today, "2.25", operations_user)
    # When Operations issues the invoice
    invoice = services.invoice_issue(contract=contract, actor=operations_user, reason="month", **_period(contract))
    # Then the total is 12.5 h at 50 plus 2.25 h at 80, the hours are invoiced and pay is 60 % of each owner's value
    assert invoice.total == Decimal("805.00")
    assert invoice.lines.count() == 2
    assert set(contract.timesheet_entries.values_list("status", flat=True)) == {TimesheetEntry.Status.INVOICED}
    settlement = invoice.settlement
    pay = {p.owner_id: p.pay for p in OwnerPay.objects.filter(settlement=settlement)}
    assert pay == {owner.pk: Decimal("375.00"), lead.pk: Decimal("108.00")}
    assert settlement.margin == Decimal("322.00") and settlement.owner_percent == Decimal("60.00")
    assert selectors.capital_raised() == Decimal("322.00")


def test_invoiced_hours_can_no_longer_change(active_contract, owner, operations_user):
    today = timezone.localdate()
    f.hours_approved(active_contract, owner, today, "8", operations_user)
    services.invoice_issue(contract=active_contract, actor=operations_user, reason="x", **_period(active_contract))
    with pytest.raises(ValidationError) as error:
        services.timesheet_log(owner=owner, contract=active_contract, day=today, hours=2, actor=owner, reason="x")
    assert "hours" in error.value.message_dict


def test_a_period_without_approved_hours_is_not_invoiced(active_contract, operations_user):
    with pytest.raises(ValidationError) as error:
        services.invoice_issue(contract=active_contract, actor=operations_user, reason="x", **_period(active_contract))
    assert "period_end" in error.value.message_dict
    assert not Invoice.objects.exists()


def test_fixed_value_milestones_are_shared_by_hours_and_add_up_exactly(
    signed_setup, operations_user, board_user, owner
):
    # Given a fixed-value contract of 1,000 with one milestone and owners working 2 and 1 hours
    contract = f.contract_draft(operations_user, basis="fixed", fixed_value=Decimal("1000.00"), rates=())
    milestone = services.milestone_add(
        contract=contract,
        title="All",
        amount=Decimal("1000.00"),
        due_on=contract.ends_on,
        actor=operations_user,
        reason="x",
    )
    services.contract_negotiate(contract=contract, actor=operations_user, reason="x")
    services.contract_approve(contract=contract, actor=board_user, reason="x")
    services.contract_activate(contract=contract, actor=operations_user, reason="x")
    other = f.owner_create(email="other@example.coop")
    f.assign(contract, owner, operations_user, role="Installer")
    f.assign(contract, other, operations_user, role="Installer")
    today = timezone.localdate()
    f.hours_approved(contract, owner, today, "2", operations_user)
    f.hours_approved(contract, other, today, "1", operations_user)
    services.milestone_reach(milestone=milestone, reached_on=today, actor=operations_user, reason="x")
    # When it is invoiced
    invoice = services.invoice_issue(contract=contract, actor=operations_user, reason="x", **_period(contract))
    # Then the milestone is invoiced and the value splits 666.67 / 333.33, with 70 % paid
    milestone.refresh_from_db()
    assert milestone.status == Milestone.Status.INVOICED and invoice.total == Decimal("1000.00")
    values = {p.owner_id: (p.value, p.pay) for p in invoice.settlement.owner_pay.all()}
    assert values[owner.pk] == (Decimal("666.67"), Decimal("466.67"))
    assert values[other.pk] == (Decimal("333.33"), Decimal("233.33"))
    assert invoice.settlement.margin == Decimal("300.00")


def test_payments_mark_the_invoice_paid_and_an_overpayment_is_refused(active_contract, owner, operations_user):
    f.hours_approved(active_contract, owner, timezone.localdate(), "10", operations_user)
    invoice = services.invoice_issue(
        contract=active_contract, actor=operations_user, reason="x", **_period(active_contract)
    )
    today = timezone.localdate()
    services.payment_record(
        invoice=invoice, amount=Decimal("100"), received_on=today, actor=operations_user, reason="x"
    )
    with pytest.raises(ValidationError) as error:
        services.payment_record(
            invoice=invoice, amount=Decimal("500"), received_on=today, actor=operations_user, reason="x"
        )
    assert "amount" in error.value.message_dict
    services.payment_record(
        invoice=invoice, amount=Decimal("400"), received_on=today, actor=operations_user, reason="x"
    )
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.PAID and invoice.payments.count() == 2
