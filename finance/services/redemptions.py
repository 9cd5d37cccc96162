"""Retained allocations paid back to the members: under the revolving plan (the allocations of year
N in year N + k), or to a member who departs (within the days the bylaws set). Each retained part
is paid out once, whichever comes first: the dividend names the ledger entry that paid it."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from coop.audit import acting, history_kwargs
from coop.roles import Role
from coop.selectors import policy_value
from coop.services_common import require_role
from membership.models import Member

from ..models import JournalEntry, PatronageDividend, SurplusAllocation
from ._common import ZERO
from .ledger import CASH, Line, capital_accounts_open, journal_entry_post


def _check_date(on: date) -> None:
    if on > timezone.localdate():
        raise ValidationError({"on": _("A redemption cannot be dated in the future.")})


def _pay_out(dividends: list[PatronageDividend], *, on: date, memo: str, source: str, actor, reason: str):
    """Debit each member's capital account by their retained part, credit cash with the total, and
    mark each dividend paid by that entry. Inside the caller's transaction and `acting`."""
    capital = capital_accounts_open(members=[d.member for d in dividends], actor=actor, reason=reason)
    total = sum((d.retained for d in dividends), start=ZERO)
    lines = [Line(capital[d.member_id], debit=d.retained, memo=_("Retained allocation redeemed")) for d in dividends]
    lines.append(Line(CASH, credit=total, memo=memo))
    entry = journal_entry_post(date=on, memo=memo, lines=lines, actor=actor, reason=reason, source=source)
    for dividend in dividends:
        dividend.redemption = entry
    bulk_update_with_history(dividends, PatronageDividend, ["redemption"], batch_size=5000, **history_kwargs())
    return entry


def _unredeemed(dividends):
    return list(
        dividends.select_for_update()
        .filter(retained__gt=0, redemption__isnull=True)
        .select_related("member")
        .order_by("pk")
    )


@transaction.atomic
def retained_allocations_redeem(
    *, allocation: SurplusAllocation, actor, reason: str, on: date | None = None
) -> SurplusAllocation:
    """Pay out an adopted allocation's retained parts under the revolving plan (the Board): the
    allocations of year N are redeemed in year N + `capital_revolving_years`, never earlier. Each
    member's capital account is debited by their retained part and cash credited, once; the parts
    already paid to departed members are left out."""
    require_role(actor, Role.BOARD, action=_("redeem retained allocations"))
    on = on or timezone.localdate()
    with acting(actor, reason):
        allocation = SurplusAllocation.objects.select_for_update().get(pk=allocation.pk)
        if allocation.status != SurplusAllocation.Status.ADOPTED:
            raise ValidationError({"allocation": _("Only an adopted allocation's retained parts are redeemed.")})
        if allocation.redemption_id is not None:
            raise ValidationError({"allocation": _("These retained allocations are already redeemed.")})
        due_year = allocation.period_end.year + policy_value("capital_revolving_years")
        if on.year < due_year:
            raise ValidationError(
                {
                    "on": _(
                        "The revolving plan redeems the allocations of %(year)s in %(due)s, not earlier "
                        "(policy number: capital_revolving_years)."
                    )
                    % {"year": allocation.period_end.year, "due": due_year}
                }
            )
        _check_date(on)
        dividends = _unredeemed(allocation.patronage.all())
        if not dividends:
            raise ValidationError(
                {"allocation": _("No dividend of this allocation has a retained part left to redeem.")}
            )
        allocation.redemption = _pay_out(
            dividends,
            on=on,
            memo=_("Retained allocations redeemed: %(allocation)s") % {"allocation": allocation},
            source=f"surplus-redemption:{allocation.pk}",
            actor=actor,
            reason=reason,
        )
        allocation.full_clean()
        allocation.save()
    return allocation


@transaction.atomic
def departed_capital_redeem(*, member: Member, actor, reason: str, on: date | None = None) -> JournalEntry:
    """Pay a departed member every retained allocation still in their capital account (the Board),
    from the day of the departure on; the bylaws set the days within which it is due
    (`capital_departure_days`, shown on the desk). The revolving plan then leaves those parts out."""
    require_role(actor, Role.BOARD, action=_("pay out a departed member's capital"))
    on = on or timezone.localdate()
    with acting(actor, reason):
        member = Member.objects.select_for_update().select_related("user").get(pk=member.pk)
        if member.status != Member.Status.DEPARTED:
            raise ValidationError(
                {"member": _("Only a departed member is paid out their retained allocations outside the plan.")}
            )
        if on < member.departed_on:
            raise ValidationError({"on": _("A departed member is paid out on or after the day they departed.")})
        _check_date(on)
        dividends = _unredeemed(
            PatronageDividend.objects.filter(member=member.user, allocation__status=SurplusAllocation.Status.ADOPTED)
        )
        if not dividends:
            raise ValidationError({"member": _("This member has no retained allocation left to pay out.")})
        return _pay_out(
            dividends,
            on=on,
            memo=_("Capital paid out on departure: %(member)s") % {"member": member.legal_name},
            source=f"departure-redemption:{member.pk}:{dividends[0].pk}",
            actor=actor,
            reason=reason,
        )


__all__ = ["departed_capital_redeem", "retained_allocations_redeem"]
