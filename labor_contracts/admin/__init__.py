"""The labor contracts admin, one module per area."""

from . import clients, contracts, invoices, peers, timesheets  # noqa: F401  (register the ModelAdmins)
