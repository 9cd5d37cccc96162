"""Post what the other apps record to the ledger: dues, share issues and redemptions, instalments
toward subscribed shares and their return on cancellation, labor contract invoices, client
payments, owner contract pay and the margin, and the invoices of peer cooperatives and their payment.

Every source record becomes exactly one entry, keyed by `JournalEntry.source` (unique in the
database), so `ledger_sync` may run any number of times (a Celery beat task, after the demo, from
the admin) and never posts anything twice. It reads each kind of source in one query.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coop.queue import enqueue_on_commit
from labor_contracts.models import IncomingInvoice, Invoice, Payment, PeriodSettlement
from labor_contracts.services import settlement_mark_posted
from membership.models import DuesPayment, ShareSubscription, ShareTransaction, SubscriptionPayment

from ..models import JournalEntry
from .ledger import (
    CAPITALIZATION_FUND,
    CASH,
    CONTRACT_PAY,
    CONTRACT_PAY_PAYABLE,
    CONTRACT_REVENUE,
    DUES,
    PEER_LABOR,
    PEER_PAYABLE,
    RECEIVABLE,
    SHARE_CAPITAL,
    SUBSCRIPTIONS_PAID_IN,
    UNDISTRIBUTED,
    Line,
    accounts_ensure,
    journal_entry_post,
)


@dataclass(frozen=True)
class Source:
    prefix: str
    rows: Callable[[], Iterable]
    post: Callable


def _dues(p):
    return (
        p.paid_on,
        _("Dues paid by %(m)s") % {"m": p.member.legal_name},
        [Line(CASH, debit=p.amount), Line(DUES, credit=p.amount)],
    )


def _share(t):
    day = timezone.localtime(t.occurred_at).date()
    if t.subscription_id:
        # Paid up by instalments: the money is already in the books, held until the shares were issued.
        return (
            day,
            _("%(q)s shares issued to %(m)s, paid up by instalments") % {"q": t.quantity, "m": t.member.legal_name},
            [Line(SUBSCRIPTIONS_PAID_IN, debit=t.amount), Line(SHARE_CAPITAL, credit=t.amount)],
        )
    if t.kind == "issue":
        return (
            day,
            _("%(q)s shares issued to %(m)s") % {"q": t.quantity, "m": t.member.legal_name},
            [Line(CASH, debit=t.amount), Line(SHARE_CAPITAL, credit=t.amount)],
        )
    return (
        day,
        _("%(q)s shares redeemed from %(m)s") % {"q": t.quantity, "m": t.member.legal_name},
        [Line(SHARE_CAPITAL, debit=t.amount), Line(CASH, credit=t.amount)],
    )


def _instalment(p):
    return (
        p.paid_on,
        _("Instalment toward shares paid by %(m)s") % {"m": p.subscription.member.legal_name},
        [Line(CASH, debit=p.amount), Line(SUBSCRIPTIONS_PAID_IN, credit=p.amount)],
    )


def _refund(s):
    return (
        timezone.localtime(s.closed_at).date(),
        _("Share subscription of %(m)s cancelled: instalments returned") % {"m": s.member.legal_name},
        [Line(SUBSCRIPTIONS_PAID_IN, debit=s.refunded), Line(CASH, credit=s.refunded)],
    )


def _invoice(i):
    return (
        i.issued_on,
        _("Invoice %(n)s issued") % {"n": i.number},
        [Line(RECEIVABLE, debit=i.total), Line(CONTRACT_REVENUE, credit=i.total)],
    )


def _payment(p):
    return (
        p.received_on,
        _("Payment of invoice %(n)s") % {"n": p.invoice.number},
        [Line(CASH, debit=p.amount), Line(RECEIVABLE, credit=p.amount)],
    )


def _settlement(s):
    lines = []
    if s.owner_pay_total:
        lines += [
            Line(CONTRACT_PAY, debit=s.owner_pay_total, memo=_("Owners' share of the contract value")),
            Line(CONTRACT_PAY_PAYABLE, credit=s.owner_pay_total),
        ]
    if s.margin:
        # The margin capitalizes the business plan: set aside from the surplus into the fund.
        lines += [
            Line(UNDISTRIBUTED, debit=s.margin, memo=_("Margin to the capitalization fund")),
            Line(CAPITALIZATION_FUND, credit=s.margin),
        ]
    return s.period_end, _("Settlement of invoice %(n)s: owner pay and margin") % {"n": s.invoice.number}, lines


def _peer_invoice(i):
    return (
        i.issued_on,
        _("Invoice %(n)s from the peer cooperative %(p)s") % {"n": i.number, "p": i.contract.peer.name},
        [Line(PEER_LABOR, debit=i.total), Line(PEER_PAYABLE, credit=i.total)],
    )


def _peer_invoice_payment(i):
    return (
        i.paid_on,
        _("Payment of invoice %(n)s to the peer cooperative %(p)s") % {"n": i.number, "p": i.contract.peer.name},
        [Line(PEER_PAYABLE, debit=i.total), Line(CASH, credit=i.total)],
    )


def _sources() -> dict[str, Source]:
    sources = [
        Source("dues-payment", lambda: DuesPayment.objects.select_related("member"), _dues),
        Source("share", lambda: ShareTransaction.objects.select_related("member"), _share),
        # Payroll deductions are posted with their run's entry, never a second time here.
        Source(
            "share-instalment",
            lambda: SubscriptionPayment.objects.exclude(source=SubscriptionPayment.Source.PAYROLL).select_related(
                "subscription__member"
            ),
            _instalment,
        ),
        Source(
            "share-subscription-refund",
            lambda: ShareSubscription.objects.filter(refunded__gt=0).select_related("member"),
            _refund,
        ),
        Source("invoice", lambda: Invoice.objects.all(), _invoice),
        Source("invoice-payment", lambda: Payment.objects.select_related("invoice"), _payment),
        Source("settlement", lambda: PeriodSettlement.objects.select_related("invoice"), _settlement),
        # Labor bought from peer cooperatives: their invoices to this one, and their payment.
        Source("peer-invoice", lambda: IncomingInvoice.objects.select_related("contract__peer"), _peer_invoice),
        Source(
            "peer-invoice-payment",
            lambda: IncomingInvoice.objects.filter(paid_on__isnull=False).select_related("contract__peer"),
            _peer_invoice_payment,
        ),
    ]
    return {source.prefix: source for source in sources}


def _post(source: Source, row, *, actor, reason: str) -> JournalEntry | None:
    day, memo, lines = source.post(row)
    if len(lines) < 2:
        return None
    entry = journal_entry_post(
        date=day, memo=memo, lines=lines, actor=actor, reason=reason, source=f"{source.prefix}:{row.pk}"
    )
    if source.prefix == "settlement":
        settlement_mark_posted(settlement=row, actor=actor, reason=reason)
    return entry


def ledger_post_on_commit(*, prefix: str, pk: int) -> None:
    """Queue the posting of one source record through the outbox, in the current transaction: it
    leaves once the record commits (a task queued earlier could run before the record exists) and
    never if it rolls back. Finance subscribes this to the core's ledger feed; the task carries
    ids only."""
    if prefix not in SOURCE_PREFIXES:
        raise ValueError(f"Unknown ledger source {prefix!r}.")
    enqueue_on_commit("finance.ledger_post", prefix, pk)


@transaction.atomic
def ledger_post_source(*, prefix: str, pk: int, actor, reason: str) -> JournalEntry | None:
    """Post one source record now, unless it is already in the ledger (or gone); return the entry.

    The unique source key makes this safe to run twice or alongside `ledger_sync`: whoever
    loses the race finds the entry there and posts nothing.
    """
    source = _sources()[prefix]
    row = source.rows().filter(pk=pk).first()
    key = f"{prefix}:{pk}"
    if row is None or JournalEntry.objects.filter(source=key).exists():
        return None
    accounts_ensure(actor=actor, reason=reason)
    try:
        with transaction.atomic():
            return _post(source, row, actor=actor, reason=reason)
    except (IntegrityError, ValidationError):
        # Another worker posted the same source after our check: its insert either collided with
        # ours (the unique key) or had committed when the posting looked again (a refusal).
        if JournalEntry.objects.filter(source=key).exists():
            return None
        raise


@transaction.atomic
def ledger_sync(*, actor, reason: str) -> list[JournalEntry]:
    """Post every source record not yet in the ledger; return the entries posted now.

    Each record is normally posted as soon as it is recorded (`ledger_post_on_commit`); this
    hourly pass is the safety net for any posting that did not run.
    """
    accounts_ensure(actor=actor, reason=reason)
    posted = set(JournalEntry.objects.filter(source__isnull=False).values_list("source", flat=True))
    entries = []
    for source in _sources().values():
        for row in source.rows().order_by("pk"):
            if f"{source.prefix}:{row.pk}" in posted:
                continue
            entry = _post(source, row, actor=actor, reason=reason)
            if entry is not None:
                entries.append(entry)
    return entries


SOURCE_PREFIXES = frozenset(
    {
        "dues-payment",
        "share",
        "share-instalment",
        "share-subscription-refund",
        "invoice",
        "invoice-payment",
        "settlement",
        "peer-invoice",
        "peer-invoice-payment",
    }
)
