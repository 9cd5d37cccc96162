"""Payroll runs: drafted from hours and rates, reviewed, approved, posted to the ledger."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coop.audit import acting, history_record_created
from coop.models import Cooperative, NoticeKind, User
from coop.notices import notices_send
from coop.roles import Role
from coop.services_common import require_role
from membership import selectors as membership_selectors
from membership import services as membership_services

from .. import selectors
from ..models import PayrollLine, PayrollRun
from ._common import CENT, ZERO, check_period
from .ledger import (
    CONTRACT_PAY_PAYABLE,
    PAYROLL,
    PAYROLL_PAYABLE,
    SUBSCRIPTIONS_PAID_IN,
    Line,
    accounts_ensure,
    journal_entry_post,
)

BATCH = 5000


def _require_incorporated() -> Cooperative:
    # Locking the cooperative's row serialises payroll runs: two cannot post the same period at once.
    cooperative = Cooperative.objects.select_for_update().first()
    if cooperative is None or not cooperative.is_incorporated:
        raise ValidationError(
            {
                "period_start": _(
                    "No payroll in the club phase: all work is volunteer work until the startup step "
                    '"Incorporation" is done.'
                )
            }
        )
    return cooperative


def _refuse_posted_overlap(period_start: date, period_end: date, exclude: int | None = None) -> None:
    clash = selectors.posted_runs_overlapping(period_start=period_start, period_end=period_end)
    if exclude:
        clash = clash.exclude(pk=exclude)
    clash = clash.first()
    if clash is not None:
        raise ValidationError(
            {
                "period_start": _(
                    "A posted payroll run already covers %(start)s to %(end)s; a period is paid only once."
                )
                % {"start": date_format(clash.period_start), "end": date_format(clash.period_end)}
            }
        )


@transaction.atomic
def payroll_run_draft(*, period_start: date, period_end: date, actor, reason: str) -> PayrollRun:
    """Draft a run: for each member, internal hours times hourly rate, plus contract pay.

    Labor-contract hours are shown on each payslip but paid through contract pay (the owner's
    share of the contract value fixed by vote), never a second time at the internal rate.
    A fixed number of queries, whatever the number of members: sums come from the database and
    lines are written in bulk.
    """
    require_role(actor, Role.OPERATIONS, Role.BOARD, action=_("draft payroll runs"))
    check_period(period_start, period_end)
    with acting(actor, reason):
        _require_incorporated()
        _refuse_posted_overlap(period_start, period_end)
        run = PayrollRun(period_start=period_start, period_end=period_end)
        run.full_clean()
        run.save()
        inputs = selectors.payroll_inputs(period_start=period_start, period_end=period_end)
        lines = []
        for member_id in sorted(inputs.members):
            band_id, rate = inputs.rates.get(member_id, (None, ZERO))
            hours = inputs.internal_hours.get(member_id, ZERO)
            internal_pay = (hours * rate).quantize(CENT, rounding=ROUND_HALF_UP)
            contract_pay = inputs.contract_pay.get(member_id, ZERO)
            lines.append(
                PayrollLine(
                    run=run,
                    member_id=member_id,
                    band_id=band_id,
                    rate=rate,
                    hours=hours,
                    contract_hours=inputs.contract_hours.get(member_id, ZERO),
                    internal_pay=internal_pay,
                    contract_pay=contract_pay,
                    amount=internal_pay + contract_pay,
                )
            )
        PayrollLine.objects.bulk_create(lines, batch_size=BATCH)
        history_record_created(PayrollLine.objects.filter(run=run))
        run.line_count = len(lines)
        run.total_hours = sum((ln.hours for ln in lines), start=ZERO)
        run.total_contract_hours = sum((ln.contract_hours for ln in lines), start=ZERO)
        run.total_internal_pay = sum((ln.internal_pay for ln in lines), start=ZERO)
        run.total_contract_pay = sum((ln.contract_pay for ln in lines), start=ZERO)
        run.total = run.total_internal_pay + run.total_contract_pay
        run.full_clean()
        run.save()
    return run


def _move(run: PayrollRun, status: str, actor, reason: str) -> PayrollRun:
    with acting(actor, reason):
        run = PayrollRun.objects.select_for_update().get(pk=run.pk)
        run.transition_to(status)
        run.full_clean()
        run.save()
    return run


@transaction.atomic
def payroll_run_review(*, run: PayrollRun, actor, reason: str) -> PayrollRun:
    """Operations has checked the lines against the hours."""
    require_role(actor, Role.OPERATIONS, action=_("review payroll runs"))
    return _move(run, PayrollRun.Status.REVIEWED, actor, reason)


@transaction.atomic
def payroll_run_return(*, run: PayrollRun, actor, reason: str) -> PayrollRun:
    """Send a reviewed run back to draft before approval."""
    require_role(actor, Role.OPERATIONS, Role.BOARD, action=_("return payroll runs"))
    return _move(run, PayrollRun.Status.DRAFT, actor, reason)


@transaction.atomic
def payroll_run_approve(*, run: PayrollRun, actor, reason: str) -> PayrollRun:
    """The Board approves the run's totals."""
    require_role(actor, Role.BOARD, action=_("approve payroll runs"))
    return _move(run, PayrollRun.Status.APPROVED, actor, reason)


def _deduct_share_instalments(run: PayrollRun, *, actor, reason: str) -> None:
    """Deduct from each payslip of `run` the instalment of its member's shares subscribed to be paid
    from pay, through membership's service (never more than owed nor than the pay left on the
    payslip), and show it on the payslip. Each subscription is charged once per payslip, paid in
    full or not, so a payslip too small to cover it leaves the rest in arrears."""
    subscriptions = list(membership_selectors.subscriptions_deducted_from_pay().select_related("member"))
    if not subscriptions:
        return
    by_user = {
        line.member_id: line
        for line in run.lines.select_for_update().filter(member_id__in={s.member.user_id for s in subscriptions})
    }
    changed = {}
    for subscription in subscriptions:
        line = by_user.get(subscription.member.user_id)
        if line is None:
            continue  # no payslip in this run: nothing is due from pay
        payment = membership_services.subscription_payroll_deduct(
            subscription=subscription,
            available=line.net_pay,
            reference=f"payslip:{line.pk}",
            paid_on=run.period_end,
            actor=actor,
            reason=reason,
        )
        if payment is not None:
            line.share_instalment += payment.amount
            changed[line.pk] = line
    for line in changed.values():
        line.full_clean()
        line.save()
    run.total_share_instalments = sum((line.share_instalment for line in changed.values()), start=ZERO)


@transaction.atomic
def payroll_run_post(*, run: PayrollRun, actor, reason: str, on: date | None = None) -> PayrollRun:
    """Post an approved run: one balanced entry (payroll expense, contract pay moved from its
    payable, payroll payable, and the share instalments deducted from pay moved from the payable
    to the shares' paid-in account) and the payslips are published. Refuse a period already posted."""
    require_role(actor, Role.OPERATIONS, Role.BOARD, action=_("post payroll runs"))
    with acting(actor, reason):
        _require_incorporated()
        run = PayrollRun.objects.select_for_update().get(pk=run.pk)
        run.transition_to(PayrollRun.Status.POSTED)
        _refuse_posted_overlap(run.period_start, run.period_end, exclude=run.pk)
        _deduct_share_instalments(run, actor=actor, reason=reason)
        lines = []
        if run.total_internal_pay:
            lines.append(Line(PAYROLL, debit=run.total_internal_pay, memo=_("Internal hours")))
        if run.total_contract_pay:
            lines.append(Line(CONTRACT_PAY_PAYABLE, debit=run.total_contract_pay, memo=_("Contract pay")))
        if run.total:
            lines.append(Line(PAYROLL_PAYABLE, credit=run.total))
        if not lines:
            raise ValidationError({"run": _("This run pays nothing; there is nothing to post.")})
        if run.total_share_instalments:
            accounts_ensure(actor=actor, reason=reason)
            lines.append(
                Line(PAYROLL_PAYABLE, debit=run.total_share_instalments, memo=_("Share instalments deducted from pay"))
            )
            lines.append(Line(SUBSCRIPTIONS_PAID_IN, credit=run.total_share_instalments))
        run.journal_entry = journal_entry_post(
            date=on or run.period_end,
            memo=str(run),
            lines=lines,
            actor=actor,
            reason=reason,
            source=f"payroll:{run.pk}",
        )
        run.posted_at = timezone.now()
        run.full_clean()
        run.save()
        _notify_posted(run)
    return run


def _notify_posted(run: PayrollRun) -> None:
    """Tell each member paid by `run` that their payslip is there to read."""
    paid = User.objects.filter(pk__in=run.lines.values("member_id")).only("pk", "email", "language")
    notices_send(
        paid,
        NoticeKind.PAYSLIP_POSTED,
        lambda: (
            _("Your payslip is posted"),
            _("Your payslip for %(start)s to %(end)s is posted; it shows your hours, your rate and your pay.")
            % {"start": date_format(run.period_start), "end": date_format(run.period_end)},
        ),
        link=reverse("finance_portal:overview"),
    )
