"""Reads of contracts between cooperatives: who the CEO is (an office governance keeps, reported by
the app above that reads it), the contracts peers offered to this cooperative, and each side's
invoices in the same form, so the two installations' records of a contract can be compared."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Max, QuerySet

from ..models import IncomingContract, IncomingInvoice, Invoice, LaborContract

_ceo_source: list[Callable[[], object]] = []


def ceo_source_register(source: Callable[[], object]) -> None:
    """Let the app that reads governance's offices (finance, in its `ready()`) say who holds the
    CEO's office now; the last one registered answers."""
    _ceo_source[:] = [source]


def ceo_now():
    """Return the user holding the CEO's office now, or None (no CEO, or no app reports the office)."""
    return _ceo_source[0]() if _ceo_source else None


def incoming_contracts() -> QuerySet[IncomingContract]:
    """Return the contracts peer cooperatives offered to this one, with their peer, rates and who decided."""
    return IncomingContract.objects.select_related("peer", "decided_by").prefetch_related("rates")


@dataclass(frozen=True)
class MirroredInvoice:
    """An invoice of a contract between cooperatives as either side records it."""

    number: str
    total: Decimal
    paid: Decimal
    paid_on: date | None


@dataclass(frozen=True)
class ContractLedger:
    """A contract's invoices as one side records them, with what was invoiced and paid in all."""

    invoices: tuple[MirroredInvoice, ...]

    @property
    def invoiced(self) -> Decimal:
        return sum((i.total for i in self.invoices), start=Decimal("0.00"))

    @property
    def paid(self) -> Decimal:
        return sum((i.paid for i in self.invoices), start=Decimal("0.00"))

    @property
    def settled(self) -> bool:
        """Whether every invoice is paid in full."""
        return bool(self.invoices) and self.invoiced == self.paid


def contract_ledger(contract: LaborContract) -> ContractLedger:
    """Return the invoices of a contract with a peer cooperative as this side (the supplier) records
    them: number, total, paid and the last payment's date (one query)."""
    rows = (
        Invoice.objects.filter(contract=contract)
        .annotate(last_paid_on=Max("payments__received_on"))
        .order_by("number")
        .values_list("number", "total", "paid_total", "last_paid_on")
    )
    return ContractLedger(tuple(MirroredInvoice(n, t, p, d) for n, t, p, d in rows))


def incoming_contract_ledger(contract: IncomingContract) -> ContractLedger:
    """Return the invoices of a contract a peer offered as this side (the client) records them, in the
    form `contract_ledger` gives on the peer's side (one query)."""
    rows = (
        IncomingInvoice.objects.filter(contract=contract)
        .order_by("number")
        .values_list("number", "total", "status", "paid_on")
    )
    return ContractLedger(
        tuple(
            MirroredInvoice(n, t, t if status == IncomingInvoice.Status.PAID else Decimal("0.00"), d)
            for n, t, status, d in rows
        )
    )


def ledgers_reconcile(ours: ContractLedger, theirs: ContractLedger) -> bool:
    """Return whether the two sides' records of a contract agree: the same invoices, numbers, totals,
    payments and payment dates, every one paid in full."""
    return ours.settled and theirs.settled and ours.invoices == theirs.invoices
