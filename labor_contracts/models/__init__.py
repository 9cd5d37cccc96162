"""The labor contracts app's records, re-exported so `from labor_contracts.models import X` works."""

from .clients import Client, ClientContact
from .contracts import Assignment, ContractRoleRate, LaborContract, Milestone
from .intercoop import IncomingContract, IncomingContractRate, IncomingInvoice, IncomingTimesheet, PeerTimesheet
from .invoices import Invoice, InvoiceLine, OwnerPay, Payment, PeriodSettlement
from .timesheets import TimesheetEntry

__all__ = [
    "Assignment",
    "Client",
    "ClientContact",
    "ContractRoleRate",
    "IncomingContract",
    "IncomingContractRate",
    "IncomingInvoice",
    "IncomingTimesheet",
    "Invoice",
    "InvoiceLine",
    "LaborContract",
    "Milestone",
    "OwnerPay",
    "Payment",
    "PeerTimesheet",
    "PeriodSettlement",
    "TimesheetEntry",
]
