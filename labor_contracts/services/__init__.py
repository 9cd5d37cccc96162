"""Writes of the labor contracts app, re-exported so `from labor_contracts import services` finds them all."""

from .assignments import assignment_create, assignment_end
from .clients import client_contact_add, client_contact_update, client_create, client_update
from .contracts import (
    contract_activate,
    contract_approve,
    contract_complete,
    contract_create,
    contract_negotiate,
    contract_reopen,
    contract_role_rate_set,
    contract_terminate,
    contract_update,
    milestone_add,
    milestone_reach,
)
from .invoices import invoice_issue, payment_record, period_settle, settlement_mark_posted
from .timesheets import timesheet_approve, timesheet_log, timesheet_return, timesheet_submit

__all__ = [
    "assignment_create",
    "assignment_end",
    "client_contact_add",
    "client_contact_update",
    "client_create",
    "client_update",
    "contract_activate",
    "contract_approve",
    "contract_complete",
    "contract_create",
    "contract_negotiate",
    "contract_reopen",
    "contract_role_rate_set",
    "contract_terminate",
    "contract_update",
    "invoice_issue",
    "milestone_add",
    "milestone_reach",
    "payment_record",
    "period_settle",
    "settlement_mark_posted",
    "timesheet_approve",
    "timesheet_log",
    "timesheet_return",
    "timesheet_submit",
]
