"""The alliance's solidarity fund on this cooperative's side: the contribution the alliance voted
arrives as a message, the surplus allocation takes it (see `surplus_allocation_propose`), and the
Board pays it, which tells the alliance."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coop.audit import acting
from coop.roles import Role
from coop.services_common import require_role
from federation.models import Peer
from federation.services import message_send

from ..models import SolidarityCommitment, SurplusAllocation
from .ledger import CASH, SOLIDARITY_PAYABLE, Line, journal_entry_post

# The kinds of message of the solidarity fund, documented in docs/alliance.md ("Solidarity fund").
SOLIDARITY_CONTRIBUTION = "alliance.solidarity_contribution"
SOLIDARITY_PAID = "alliance.solidarity_paid"
HUNDRED = Decimal(100)
MOTION_FIELDS = {"motion_number": 50, "motion_title": 200}


def _refuse(field: str, problem: str) -> ValidationError:
    # The inbox answers with the messages alone, so each names its payload field in its text too.
    return ValidationError({field: f"{field}: {problem}"})


def _percent(value) -> Decimal:
    problem = _('a percentage written as text, above 0 and at most 100, with at most two decimals, such as "5.00".')
    if not isinstance(value, str):
        raise _refuse("percent", problem)
    try:
        percent = Decimal(value.strip())
    except InvalidOperation:
        raise _refuse("percent", problem) from None
    if not percent.is_finite() or not 0 < percent <= HUNDRED or percent.as_tuple().exponent < -2:
        raise _refuse("percent", problem)
    return percent.quantize(Decimal("0.01"))


def _day(payload: dict, field: str) -> date:
    value = payload.get(field)
    try:
        day = parse_date(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:  # well formed but no such day, as 2026-13-01
        day = None
    if day is None:
        raise _refuse(field, _('a day written as YYYY-MM-DD, such as "2027-01-01".'))
    return day


def _text(payload: dict, field: str, longest: int) -> str:
    value = payload.get(field)
    if not isinstance(value, str) or not value.strip() or len(value.strip()) > longest:
        raise _refuse(field, _("a text of 1 to %(longest)s characters.") % {"longest": longest})
    return value.strip()


def solidarity_commitment_receive(peer: Peer, payload: dict) -> SolidarityCommitment:
    """Record the solidarity contribution the alliance (`peer`) voted, from the message
    `alliance.solidarity_contribution`: the alliance app's handler calls this, in the transaction
    that records the message, once it has checked that `peer` is an alliance this cooperative
    belongs to; the peer's signature is the alliance's authority. A later commitment
    supersedes the earlier ones from its own start date; they stay for the history. A bad field
    is refused with a ValidationError naming it, so the message is refused (400) and nothing written."""
    commitment = SolidarityCommitment(
        peer=peer,
        percent=_percent(payload.get("percent")),
        starts_on=_day(payload, "starts_on"),
        certified_on=_day(payload, "certified_on"),
        **{field: _text(payload, field, longest) for field, longest in MOTION_FIELDS.items()},
    )
    commitment.full_clean()
    commitment.save()
    return commitment


@transaction.atomic
def solidarity_contribution_pay(
    *, allocation: SurplusAllocation, actor, reason: str, on: date | None = None
) -> SurplusAllocation:
    """Pay the solidarity contribution of an adopted allocation to the alliance (the Board, which
    pays the cooperative's debts): solidarity fund payable is debited and cash credited on `on`
    (today by default), and the alliance is sent `alliance.solidarity_paid` in the same
    transaction, delivered after the commit. Paid once; refused for an allocation with no
    contribution, or when the alliance's peer no longer receives messages."""
    require_role(actor, Role.BOARD, action=_("pay the solidarity contribution"))
    on = on or timezone.localdate()
    with acting(actor, reason):
        # Only the allocation is locked: PostgreSQL locks no row on the nullable side of a join.
        allocation = (
            SurplusAllocation.objects.select_for_update(of=("self",))
            .select_related("solidarity_commitment__peer")
            .get(pk=allocation.pk)
        )
        if allocation.status != SurplusAllocation.Status.ADOPTED:
            raise ValidationError({"allocation": _("Only an adopted allocation's solidarity contribution is paid.")})
        if not allocation.solidarity:
            raise ValidationError({"allocation": _("This allocation has no solidarity contribution to pay.")})
        if allocation.solidarity_payment_id is not None:
            raise ValidationError({"allocation": _("This allocation's solidarity contribution is already paid.")})
        if on < allocation.period_end or on > timezone.localdate():
            raise ValidationError(
                {
                    "on": _("Pay on a day after the period ends (%(end)s) and not in the future.")
                    % {"end": date_format(allocation.period_end)}
                }
            )
        commitment = allocation.solidarity_commitment
        if commitment.peer.status == Peer.Status.REMOVED:
            problem = _("The alliance's peer %(peer)s is removed: it receives nothing more.")
            raise ValidationError({"peer": problem % {"peer": commitment.peer}})
        allocation.solidarity_payment = journal_entry_post(
            date=on,
            memo=_("Solidarity contribution paid: %(allocation)s") % {"allocation": allocation},
            lines=[
                Line(SOLIDARITY_PAYABLE, debit=allocation.solidarity),
                Line(CASH, credit=allocation.solidarity, memo=_("Paid to the alliance's solidarity fund")),
            ],
            actor=actor,
            reason=reason,
            source=f"surplus-solidarity:{allocation.pk}",
        )
        allocation.full_clean()
        allocation.save()
        message_send(
            peer=commitment.peer,
            kind=SOLIDARITY_PAID,
            payload=solidarity_paid_payload(allocation),
            actor=actor,
            reason=reason,
        )
    return allocation


def solidarity_paid_payload(allocation: SurplusAllocation) -> dict:
    """The message `alliance.solidarity_paid` of a paid allocation, as docs/alliance.md defines it."""
    commitment = allocation.solidarity_commitment
    return {
        "amount": str(allocation.solidarity),
        "period_start": allocation.period_start.isoformat(),
        "period_end": allocation.period_end.isoformat(),
        "allocation": f"surplus:{allocation.pk}",
        "basis": allocation.basis,
        "motion_number": commitment.motion_number,
        "paid_on": allocation.solidarity_payment.date.isoformat(),
    }
