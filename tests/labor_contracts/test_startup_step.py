"""The Labor Contracts step shows contracts signed, hours worked and capital raised against the target."""

from decimal import Decimal

from django.utils import timezone

from coop import startup
from labor_contracts import services
from tests.factories import labor_contracts as f


def _step(cooperative):
    return next(s for s in startup.evaluate(cooperative) if s.key == "labor_contracts")


def test_step_asks_for_a_signed_contract_first(signed_setup):
    assert any("Sign a labor contract" in need for need in _step(signed_setup).needs)


def test_step_reports_progress_and_asks_for_the_business_plan_target(
    signed_setup, active_contract, owner, operations_user
):
    f.hours_approved(active_contract, owner, timezone.localdate(), "10", operations_user)
    services.invoice_issue(
        contract=active_contract,
        period_start=active_contract.starts_on,
        period_end=timezone.localdate(),
        actor=operations_user,
        reason="x",
    )
    needs = _step(signed_setup).needs
    assert len(needs) == 1
    assert "1 contracts signed, 10.00 hours worked, 150.00" in needs[0]


def test_step_measures_capital_against_the_business_plan_target(signed_setup, active_contract, owner, operations_user):
    # Given a business plan in force with founding's capital target of 1,000
    from coop import services as coop_services
    from coop.models import GoverningDocument
    from founding.models import BusinessPlanTerms

    plan = GoverningDocument.objects.get(kind=GoverningDocument.Kind.BUSINESS_PLAN)
    text = plan.current_version.text + "\n\nThe capital target is 1,000."
    version = coop_services.document_version_propose(document=plan, text=text, summary="target", actor=None, reason="x")
    BusinessPlanTerms.objects.create(version=version, capital_target=Decimal("1000"))
    coop_services.document_version_adopt(version=version, basis="Motion #2", actor=None, reason="x")
    f.hours_approved(active_contract, owner, timezone.localdate(), "10", operations_user)
    services.invoice_issue(
        contract=active_contract,
        period_start=active_contract.starts_on,
        period_end=timezone.localdate(),
        actor=operations_user,
        reason="x",
    )
    # Then the step names what is still missing against the target
    assert "Raise 850.00" in _step(signed_setup).needs[0]
