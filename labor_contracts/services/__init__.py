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
from .intercoop import contract_offer, incoming_contract_accept, incoming_contract_decline
from .invoices import invoice_issue, payment_record, period_settle, settlement_mark_posted
from .peer_invoices import incoming_invoice_pay
from .peer_timesheets import incoming_timesheet_confirm, incoming_timesheet_dispute, peer_timesheet_send
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
    "contract_offer",
    "contract_reopen",
    "contract_role_rate_set",
    "contract_terminate",
    "contract_update",
    "incoming_contract_accept",
    "incoming_contract_decline",
    "incoming_invoice_pay",
    "incoming_timesheet_confirm",
    "incoming_timesheet_dispute",
    "invoice_issue",
    "milestone_add",
    "milestone_reach",
    "payment_record",
    "peer_timesheet_send",
    "period_settle",
    "settlement_mark_posted",
    "timesheet_approve",
    "timesheet_log",
    "timesheet_return",
    "timesheet_submit",
]
