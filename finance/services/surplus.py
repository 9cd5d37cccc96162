"""Opposing bonuses and the surplus allocation the General Conference adopts."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_DOWN, ROUND_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from coop.audit import acting, history_kwargs, person
from coop.models import User
from coop.roles import Role
from coop.selectors import policy_value
from coop.services_common import require_role

from .. import selectors
from ..models import BonusAward, PatronageDividend, SurplusAllocation
from ._common import CENT, ZERO, amount, check_period
from .ledger import (
    BONUS_PAYABLE,
    BONUSES,
    DIVIDENDS_PAYABLE,
    RESERVES,
    SOLIDARITY_PAYABLE,
    UNDISTRIBUTED,
    Line,
    accounts_ensure,
    capital_accounts_open,
    journal_entry_post,
)
from .patronage import allocation_notices_issue

HUNDRED = Decimal(100)


@transaction.atomic
def bonus_award(*, kind: str, period_start: date, period_end: date, actor, reason: str) -> BonusAward:
    """Award the President's or the CEO's bonus for a period, computed from the policy numbers
    in force, with its inputs kept. Refused while any labor contract is active, and refused to
    the holder themselves: no office-holder sets their own pay."""
    require_role(actor, Role.BOARD, action=_("award bonuses"))
    if kind not in BonusAward.Kind.values:
        raise ValidationError({"kind": _("Choose the President's or the CEO's bonus.")})
    check_period(period_start, period_end)
    computation = selectors.bonus_computation(kind=kind, period_start=period_start, period_end=period_end)
    if computation.holder is not None and computation.holder.pk == getattr(actor, "pk", None):
        raise PermissionDenied(_("No office-holder awards their own bonus; another Board member does."))
    if computation.suspended:
        raise ValidationError(
            {
                "kind": _("Bonuses are suspended while a labor contract is active (%(contracts)s).")
                % {"contracts": "; ".join(computation.suspending_contracts)}
            }
        )
    if computation.holder is None:
        raise ValidationError({"kind": _("No one holds this office now.")})
    if BonusAward.objects.filter(kind=kind, period_start=period_start, period_end=period_end).exists():
        raise ValidationError({"period_start": _("This bonus is already awarded for this period.")})
    if computation.amount <= 0:
        raise ValidationError({"kind": _("The formula gives nothing for this period.")})
    with acting(actor, reason):
        entry = journal_entry_post(
            date=period_end,
            memo=str(BonusAward.Kind(kind).label),
            actor=actor,
            reason=reason,
            lines=[Line(BONUSES, debit=computation.amount), Line(BONUS_PAYABLE, credit=computation.amount)],
            source=f"bonus:{kind}:{period_start}:{period_end}",
        )
        award = BonusAward(
            kind=kind,
            holder=computation.holder,
            period_start=period_start,
            period_end=period_end,
            inputs=computation.inputs,
            amount=computation.amount,
            journal_entry=entry,
        )
        award.full_clean()
        award.save()
    return award


def _cash_percent(value) -> Decimal:
    """The cash share of the dividends the Board asks for: the policy's minimum when not given,
    never below it, never above 100 %."""
    minimum = policy_value("patronage_cash_percent")
    if value is None or value == "":
        return minimum
    percent = amount(value, field="cash_percent", allow_zero=True)
    if percent < minimum:
        raise ValidationError(
            {
                "cash_percent": _(
                    "The bylaws pay at least %(minimum)s %% of each patronage dividend in cash "
                    "(policy number: patronage_cash_percent)."
                )
                % {"minimum": minimum}
            }
        )
    if percent > HUNDRED:
        raise ValidationError({"cash_percent": _("At most 100 %.")})
    return percent


def patronage_shares(
    dividends: Decimal, credited: dict[int, tuple[Decimal, Decimal]], hours_percent: Decimal
) -> dict[int, Decimal]:
    """Share `dividends` among the members of `credited` (member id: hours, pay), each by their
    part of all hours (weighted `hours_percent`) and of all pay (the rest), to the cent: each share
    rounded down, the last member taking what rounding left, so the shares sum to `dividends`
    exactly. Members whose part is nothing get no share. A measure the mix uses but nobody has
    (no hours, or no pay) is refused, naming the period."""
    hours_percent = Decimal(hours_percent)
    total_hours = sum((hours for hours, _pay in credited.values()), start=ZERO)
    total_pay = sum((pay for _hours, pay in credited.values()), start=ZERO)
    if dividends and hours_percent > 0 and not total_hours:
        raise ValidationError({"period_start": _("No posted payroll hours in this period to share dividends by.")})
    if dividends and hours_percent < HUNDRED and not total_pay:
        raise ValidationError({"period_start": _("No posted pay in this period to share dividends by.")})

    def part(hours: Decimal, pay: Decimal) -> Decimal:
        by_hours = hours_percent * hours / total_hours if hours_percent > 0 else ZERO
        by_pay = (HUNDRED - hours_percent) * pay / total_pay if hours_percent < HUNDRED else ZERO
        return (by_hours + by_pay) / HUNDRED

    parts = {member: part(hours, pay) for member, (hours, pay) in sorted(credited.items())}
    members = [member for member, share in parts.items() if share > 0]
    shares, remaining = {}, dividends
    for index, member in enumerate(members):
        last = index == len(members) - 1
        shares[member] = remaining if last else (dividends * parts[member]).quantize(CENT, ROUND_DOWN)
        remaining -= shares[member]
    return shares


@transaction.atomic
def surplus_allocation_propose(
    *, period_start: date, period_end: date, reserves_percent, actor, reason: str, cash_percent=None
) -> SurplusAllocation:
    """The Board proposes how the period's surplus (revenue - expenses) is allocated: its
    non-patronage income (account 4900) kept apart in the reserves; of the patronage surplus left,
    first the alliance's solidarity contribution when a commitment covers the period
    (`SolidarityCommitment`), then of what remains `reserves_percent` to reserves, the bonuses
    (unless suspended), the rest as patronage dividends
    measured by hours worked and pay earned in the mix the policy sets (`patronage_hours_percent`).
    Each dividend splits into a cash part (`cash_percent`, at least the policy's minimum, which is
    also the default) and a part retained in the member's capital account. The President or the
    CEO never proposes an allocation that funds their own bonus."""
    require_role(actor, Role.BOARD, action=_("propose surplus allocations"))
    check_period(period_start, period_end)
    percent = amount(reserves_percent, field="reserves_percent", allow_zero=True)
    if percent > HUNDRED:
        raise ValidationError({"reserves_percent": _("At most 100 %.")})
    cash_share = _cash_percent(cash_percent)
    if SurplusAllocation.objects.filter(
        status=SurplusAllocation.Status.ADOPTED, period_start__lte=period_end, period_end__gte=period_start
    ).exists():
        raise ValidationError({"period_start": _("A surplus allocation is already adopted for this period.")})
    revenue, expenses = selectors.surplus_figures(period_start=period_start, period_end=period_end)
    surplus = revenue - expenses
    if surplus <= 0:
        raise ValidationError(
            {
                "period_start": _("There is no surplus in this period (revenue %(r)s, expenses %(e)s).")
                % {"r": revenue, "e": expenses}
            }
        )
    # What the members' work did not earn is kept apart: the patronage surplus alone is shared.
    non_patronage = min(selectors.non_patronage_income(period_start=period_start, period_end=period_end), surplus)
    patronage_surplus = surplus - non_patronage
    # The alliance's solidarity share comes off the patronage surplus first. Non-patronage income
    # stays whole in the reserves, as the bylaws keep it; the seeds' alliance is one of working
    # cooperatives, funded by what their members' work earned. Taken before the split, it is
    # carried by reserves, bonuses and dividends alike: the Board cannot move it onto one of them
    # by its choice of reserves, and no office-holder's bonus escapes it.
    commitment = selectors.solidarity_commitment_for(period_start)
    solidarity = (patronage_surplus * commitment.percent / HUNDRED).quantize(CENT, ROUND_DOWN) if commitment else ZERO
    to_share = patronage_surplus - solidarity
    reserves = (to_share * percent / HUNDRED).quantize(CENT, ROUND_DOWN)
    president = selectors.president_bonus(period_start=period_start, period_end=period_end)
    ceo = selectors.ceo_bonus(period_start=period_start, period_end=period_end)
    suspended = president.suspended
    bonuses = ZERO if suspended else min(president.amount + ceo.amount, to_share - reserves)
    if bonuses > 0 and getattr(actor, "pk", None) in {getattr(c.holder, "pk", None) for c in (president, ceo)}:
        # The bylaws have a director abstain on any question of their own bonus: proposing one included.
        raise PermissionDenied(_("This allocation funds your own bonus; another Board member proposes it."))
    dividends = to_share - reserves - bonuses
    hours_percent = Decimal(policy_value("patronage_hours_percent"))
    with acting(actor, reason):
        allocation = SurplusAllocation(
            period_start=period_start,
            period_end=period_end,
            revenue=revenue,
            expenses=expenses,
            surplus=surplus,
            non_patronage=non_patronage,
            solidarity=solidarity,
            solidarity_commitment=commitment,
            reserves=reserves,
            bonuses=bonuses,
            dividends=dividends,
            bonuses_suspended=suspended,
            cash_percent=cash_share,
            hours_percent=hours_percent,
            cash_due=period_end + timedelta(days=policy_value("patronage_cash_days")),
            proposed_by=person(actor),
        )
        allocation.full_clean()
        allocation.save()
        credited = selectors.patronage_credited(period_start=period_start, period_end=period_end)
        shares = patronage_shares(dividends, credited, hours_percent)
        rows = []
        for member_id, share in shares.items():
            # Rounded up, so no member's cash part falls below the share the policy sets.
            cash = min(share, (share * cash_share / HUNDRED).quantize(CENT, ROUND_UP))
            hours, pay = credited[member_id]
            rows.append(
                PatronageDividend(
                    allocation=allocation,
                    member_id=member_id,
                    hours=hours,
                    pay=pay,
                    amount=share,
                    cash=cash,
                    retained=share - cash,
                )
            )
        bulk_create_with_history(rows, PatronageDividend, batch_size=5000, **history_kwargs())
    return allocation


@transaction.atomic
def surplus_allocation_adopt(*, allocation: SurplusAllocation, basis: str, actor, reason: str) -> SurplusAllocation:
    """Adopt the allocation, as the General Conference voted: governance calls this when the motion
    passes (`basis` names it). The solidarity contribution is posted to solidarity fund payable
    until `solidarity_contribution_pay`. Reserves and dividends are posted: each dividend's retained part is
    credited to the member's capital account, its cash part to dividends payable until
    `patronage_cash_pay`. Bonuses are then awarded on their own (`bonus_award`)."""
    basis = (basis or "").strip()
    if not basis:
        raise ValidationError({"basis": _("Name the General Conference motion that adopted the allocation.")})
    with acting(actor, reason):
        allocation = SurplusAllocation.objects.select_for_update().get(pk=allocation.pk)
        allocation.transition_to(SurplusAllocation.Status.ADOPTED)
        dividends = list(allocation.patronage.all())
        members = list(User.objects.filter(pk__in=[d.member_id for d in dividends]))
        capital = capital_accounts_open(members=members, actor=actor, reason=reason)
        allocated = allocation.non_patronage + allocation.solidarity + allocation.reserves + allocation.dividends
        lines = [Line(UNDISTRIBUTED, debit=allocated, memo=_("Surplus allocated"))]
        if allocation.solidarity:
            accounts_ensure(actor=actor, reason=reason)
            lines.append(
                Line(SOLIDARITY_PAYABLE, credit=allocation.solidarity, memo=_("Owed to the alliance's solidarity fund"))
            )
        if allocation.reserves:
            lines.append(Line(RESERVES, credit=allocation.reserves))
        if allocation.non_patronage:
            lines.append(Line(RESERVES, credit=allocation.non_patronage, memo=_("Non-patronage income kept apart")))
        cash = sum((d.cash for d in dividends), start=ZERO)
        if cash:
            accounts_ensure(actor=actor, reason=reason)
            lines.append(Line(DIVIDENDS_PAYABLE, credit=cash, memo=_("Patronage dividends payable in cash")))
        lines += [
            Line(capital[d.member_id], credit=d.retained, memo=_("Patronage dividend retained"))
            for d in dividends
            if d.retained > 0
        ]
        if len(lines) > 1:
            allocation.journal_entry = journal_entry_post(
                date=allocation.period_end,
                memo=str(allocation),
                lines=lines,
                actor=actor,
                reason=reason,
                source=f"surplus:{allocation.pk}",
            )
        allocation.basis = basis[:200]
        allocation.full_clean()
        allocation.save()
        allocation_notices_issue(allocation=allocation, actor=actor, reason=reason)
    return allocation


@transaction.atomic
def surplus_allocation_refuse(*, allocation: SurplusAllocation, basis: str, actor, reason: str) -> SurplusAllocation:
    """Withdraw the allocation because the General Conference voted it down (`basis` names the
    motion); nothing is posted, and the Board may propose another."""
    with acting(actor, reason):
        allocation = SurplusAllocation.objects.select_for_update().get(pk=allocation.pk)
        allocation.transition_to(SurplusAllocation.Status.WITHDRAWN)
        allocation.basis = (basis or "").strip()[:200]
        allocation.full_clean()
        allocation.save()
    return allocation


@transaction.atomic
def surplus_allocation_withdraw(*, allocation: SurplusAllocation, actor, reason: str) -> SurplusAllocation:
    """Withdraw a proposed surplus allocation before it is adopted; only the Board does."""
    require_role(actor, Role.BOARD, action=_("withdraw surplus allocations"))
    with acting(actor, reason):
        allocation = SurplusAllocation.objects.select_for_update().get(pk=allocation.pk)
        allocation.transition_to(SurplusAllocation.Status.WITHDRAWN)
        allocation.full_clean()
        allocation.save()
    return allocation
