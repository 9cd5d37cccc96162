"""Factories for the labor contracts app. They build state through the services."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from coop import services as coop_services
from coop.models import Cooperative
from labor_contracts import services
from labor_contracts.models import LaborContract
from membership.models import Member
from tests.factories.membership import member_create

REASON = "test setup"


def documents_install() -> None:
    """Put the shipped Master Staffing Agreement (and the other templates) in force."""
    coop_services.documents_install_templates(actor=None, reason=REASON)


def incorporate(cooperative: Cooperative, board_user) -> Cooperative:
    return coop_services.cooperative_record_incorporation(
        cooperative=cooperative,
        legal_form=Cooperative.LegalForm.C_CORP,
        incorporated_on=timezone.localdate() - timedelta(days=30),
        registration_number="OR-123",
        actor=board_user,
        reason=REASON,
    )


def owner_create(**user_fields):
    """Return the account of a full owner."""
    return member_create(status=Member.Status.OWNER, **user_fields).user


def client_create(actor, name: str = ""):
    from labor_contracts.models import Client

    return services.client_create(actor=actor, reason=REASON, name=name or f"Client {Client.objects.count() + 1}")


def contract_draft(
    actor,
    *,
    client=None,
    basis=LaborContract.BillingBasis.HOURLY_ROLE,
    starts_on: date | None = None,
    days: int = 90,
    rates=(("Carpenter", "50.00"),),
    fixed_value=None,
    title="Framing crew",
):
    starts_on = starts_on or timezone.localdate() - timedelta(days=30)
    contract = services.contract_create(
        actor=actor,
        reason=REASON,
        client=client or client_create(actor),
        title=title,
        scope="Frame houses.",
        billing_basis=basis,
        fixed_value=fixed_value,
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=days),
    )
    if basis == LaborContract.BillingBasis.HOURLY_ROLE:
        for role, rate in rates:
            services.contract_role_rate_set(
                contract=contract, role=role, hourly_rate=Decimal(rate), actor=actor, reason=REASON
            )
    return contract


def contract_active(operations_user, board_user, **kwargs) -> LaborContract:
    """Return a contract negotiated, approved by the Board and active. The cooperative must be incorporated."""
    contract = contract_draft(operations_user, **kwargs)
    services.contract_negotiate(contract=contract, actor=operations_user, reason=REASON)
    services.contract_approve(contract=contract, actor=board_user, reason=REASON)
    return services.contract_activate(contract=contract, actor=operations_user, reason=REASON)


def assign(contract, owner, actor, role="Carpenter", hourly_rate=None):
    return services.assignment_create(
        contract=contract, owner=owner, role=role, hourly_rate=hourly_rate, actor=actor, reason=REASON
    )


def hours_approved(contract, owner, day, hours, manager):
    entry = services.timesheet_log(
        owner=owner, contract=contract, day=day, hours=Decimal(hours), actor=owner, reason=REASON
    )
    services.timesheet_submit(entry=entry, actor=owner, reason=REASON)
    return services.timesheet_approve(entry=entry, actor=manager, reason=REASON)
