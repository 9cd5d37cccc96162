"""What labor contracts put on the officers' desk (coop.desk): hours to approve, contracts to
approve and invoices past due. Registered by `LaborContractsConfig.ready()`."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coop.desk import Section, admin_changelist_url, register_desk_item
from coop.roles import Role

from . import selectors
from .models import Invoice, LaborContract, TimesheetEntry


def _overdue_url() -> str:
    unpaid = ",".join([Invoice.Status.ISSUED, Invoice.Status.PARTLY_PAID])
    return admin_changelist_url(
        "labor_contracts.invoice", status__in=unpaid, due_on__lt=timezone.localdate().isoformat()
    )


def desk_register() -> None:
    """Register the labor contracts' items on the desk."""
    register_desk_item(
        "labor_contracts.timesheets_to_approve",
        _("Timesheet entries to approve"),
        section=Section.WORK,
        count_fn=lambda user: selectors.timesheets_to_approve(user).count(),
        url_fn=lambda: admin_changelist_url(
            "labor_contracts.timesheetentry",
            # The approval queue's filters (admin/timesheets.py): submitted, and not one's own.
            state=TimesheetEntry.Status.SUBMITTED,
            reviewable="others",
        ),
        roles=(Role.OPERATIONS,),
        order=10,
    )
    register_desk_item(
        "labor_contracts.contracts_to_approve",
        _("Labor contracts to approve"),
        section=Section.WORK,
        count_fn=lambda user: selectors.contracts_to_approve().count(),
        url_fn=lambda: admin_changelist_url(
            "labor_contracts.laborcontract", status__exact=LaborContract.Status.NEGOTIATED
        ),
        roles=(Role.BOARD,),
        order=20,
    )
    register_desk_item(
        "labor_contracts.invoices_overdue",
        _("Invoices past due, payment to record or chase"),
        section=Section.MONEY,
        count_fn=lambda user: selectors.invoices_overdue(today=timezone.localdate()).count(),
        url_fn=_overdue_url,
        roles=(Role.OPERATIONS,),
        order=40,
    )
