"""The labor contracts app's records, re-exported so `from labor_contracts.models import X` works."""

from .clients import Client, ClientContact
from .contracts import Assignment, ContractRoleRate, LaborContract, Milestone
from .invoices import Invoice, InvoiceLine, OwnerPay, Payment, PeriodSettlement
from .timesheets import TimesheetEntry

__all__ = [
    "Assignment",
    "Client",
    "ClientContact",
    "ContractRoleRate",
    "Invoice",
    "InvoiceLine",
    "LaborContract",
    "Milestone",
    "OwnerPay",
    "Payment",
    "PeriodSettlement",
    "TimesheetEntry",
]
