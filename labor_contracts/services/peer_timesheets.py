"""Hours on a contract between cooperatives, confirmed by both sides. A's owners log their hours and
A's managers approve them as on any contract; Operations then sends a period of approved hours to the
client cooperative, per role and never whose, nor what anyone earns. B's Operations (the CEO or a
manager, who review hours on any contract) confirms or disputes them, and the answer travels back:
only confirmed hours are invoiced."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from coop.audit import acting, history_kwargs, person
from coop.roles import Role
from coop.services_common import require_role
from federation.models import Peer
from federation.services import message_send

from ..models import IncomingContract, IncomingTimesheet, LaborContract, PeerTimesheet, TimesheetEntry
from ._payloads import payload_decimal, payload_period, payload_reference, payload_refuse_unknown

TIMESHEET = "contracts.timesheet"
CONFIRMED = "contracts.timesheet_confirmed"
DISPUTED = "contracts.timesheet_disputed"
SENDABLE = {LaborContract.Status.ACTIVE, LaborContract.Status.COMPLETED, LaborContract.Status.TERMINATED}
ROLE_LIMIT = 100
COMMENT_LIMIT = 500
HOURS = {"max_digits": 12, "decimal_places": 2}


def _unsent_entries(contract: LaborContract, period_start: date, period_end: date):
    # Approved, not invoiced, and never sent or sent in a timesheet the client disputed.
    return TimesheetEntry.objects.filter(
        Q(peer_timesheet__isnull=True) | Q(peer_timesheet__status=PeerTimesheet.Status.DISPUTED),
        contract=contract,
        status=TimesheetEntry.Status.APPROVED,
        invoice__isnull=True,
        day__gte=period_start,
        day__lte=period_end,
    )


@transaction.atomic
def peer_timesheet_send(
    *, contract: LaborContract, period_start: date, period_end: date, actor, reason: str
) -> PeerTimesheet:
    """Send the client cooperative the approved hours of a period on a contract with it, per role,
    for its confirmation; Operations only. Hours it disputed earlier may be sent again."""
    require_role(actor, Role.OPERATIONS, action=_("send timesheets to a client cooperative"))
    if period_end < period_start:
        raise ValidationError({"period_end": _("The period cannot end before it starts.")})
    with acting(actor, reason):
        contract = (
            LaborContract.objects.select_for_update(of=("self",)).select_related("client__peer").get(pk=contract.pk)
        )
        if contract.client.peer_id is None:
            raise ValidationError({"contract": _("This contract's client is not a peer cooperative.")})
        if contract.status not in SENDABLE:
            raise ValidationError(
                {
                    "contract": _("A %(status)s contract has no hours to send.")
                    % {"status": contract.get_status_display().lower()}
                }
            )
        entries = list(_unsent_entries(contract, period_start, period_end).select_for_update(of=("self",)))
        if not entries:
            raise ValidationError({"period_end": _("There are no approved hours in this period left to send.")})
        by_role: dict[str, Decimal] = {}
        for row in (
            TimesheetEntry.objects.filter(pk__in=[e.pk for e in entries])
            .values("assignment__role")
            .annotate(hours=Sum("hours"))
            .order_by("assignment__role")
        ):
            by_role[row["assignment__role"]] = row["hours"]
        timesheet = PeerTimesheet(
            contract=contract,
            period_start=period_start,
            period_end=period_end,
            hours=sum(by_role.values(), start=Decimal("0")),
            sent_by=person(actor),
            sent_at=timezone.now(),
        )
        timesheet.full_clean()
        timesheet.save()
        for entry in entries:
            entry.peer_timesheet = timesheet
        bulk_update_with_history(entries, TimesheetEntry, ["peer_timesheet"], **history_kwargs())
        payload = {
            "contract": contract.pk,
            "timesheet": timesheet.pk,
            "period_start": period_start.isoformat(),
            "period_end": period_end.isoformat(),
            "hours_by_role": [{"role": role, "hours": f"{hours:.2f}"} for role, hours in by_role.items()],
        }
        message_send(peer=contract.client.peer, kind=TIMESHEET, payload=payload, actor=actor, reason=reason)
    return timesheet


def _hours_by_role(payload: dict) -> list[dict]:
    lines = payload.get("hours_by_role")
    if not isinstance(lines, list) or not lines:
        raise ValidationError({"hours_by_role": _("Give the hours of at least one role.")})
    found = []
    for line in lines:
        if not isinstance(line, dict) or set(line) != {"role", "hours"}:
            raise ValidationError({"hours_by_role": _("Each line names a role and its hours, nothing else.")})
        role = line["role"]
        if not isinstance(role, str) or not role.strip() or len(role) > ROLE_LIMIT:
            raise ValidationError(
                {"hours_by_role": _("A role is a text of at most %(longest)s characters.") % {"longest": ROLE_LIMIT}}
            )
        found.append({"role": role.strip(), "hours": payload_decimal(line["hours"], "hours_by_role", **HOURS)})
    return found


def timesheet_receive(peer: Peer, payload: dict) -> IncomingTimesheet:
    """Record the hours a peer worked on a contract this cooperative accepted, for Operations to
    confirm or dispute. Handler of `contracts.timesheet`."""
    payload_refuse_unknown(payload, frozenset({"contract", "timesheet", "period_start", "period_end", "hours_by_role"}))
    reference, timesheet_ref = payload_reference(payload), payload_reference(payload, "timesheet")
    contract = IncomingContract.objects.filter(peer=peer, remote_ref=reference).first()
    if contract is None or contract.status != IncomingContract.Status.ACCEPTED:
        raise ValidationError({"contract": _("This installation accepted no contract of this peer under that number.")})
    start, end = payload_period(payload, contract.starts_on, contract.ends_on)
    lines = _hours_by_role(payload)
    if IncomingTimesheet.objects.filter(contract=contract, remote_ref=timesheet_ref).exists():
        raise ValidationError({"timesheet": _("This timesheet was already received.")})
    timesheet = IncomingTimesheet(
        contract=contract,
        remote_ref=timesheet_ref,
        period_start=start,
        period_end=end,
        hours=sum((line["hours"] for line in lines), start=Decimal("0")),
        hours_by_role=[{"role": line["role"], "hours": str(line["hours"])} for line in lines],
        received_at=timezone.now(),
    )
    timesheet.full_clean()
    timesheet.save()
    return timesheet


def _answer(timesheet: IncomingTimesheet, status: str, kind: str, *, comment: str, actor, reason: str):
    require_role(actor, Role.OPERATIONS, action=_("confirm or dispute a peer's timesheets"))
    with acting(actor, reason):
        timesheet = IncomingTimesheet.objects.select_for_update().select_related("contract__peer").get(pk=timesheet.pk)
        timesheet.transition_to(status)
        timesheet.decided_by = person(actor)
        timesheet.decided_at = timezone.now()
        timesheet.comment = comment
        timesheet.full_clean()
        timesheet.save()
        payload = {"contract": timesheet.contract.remote_ref, "timesheet": timesheet.remote_ref}
        if comment:
            payload["comment"] = comment
        message_send(peer=timesheet.contract.peer, kind=kind, payload=payload, actor=actor, reason=reason)
    return timesheet


@transaction.atomic
def incoming_timesheet_confirm(*, timesheet: IncomingTimesheet, actor, reason: str) -> IncomingTimesheet:
    """Confirm the hours a peer worked for this cooperative; Operations only. The peer may invoice them."""
    return _answer(timesheet, IncomingTimesheet.Status.CONFIRMED, CONFIRMED, comment="", actor=actor, reason=reason)


@transaction.atomic
def incoming_timesheet_dispute(*, timesheet: IncomingTimesheet, comment: str, actor, reason: str) -> IncomingTimesheet:
    """Dispute the hours a peer sent, saying why; Operations only. The comment travels to the peer."""
    comment = (comment or "").strip()
    if not comment or len(comment) > COMMENT_LIMIT:
        raise ValidationError({"comment": _("Say what is wrong with these hours, in at most 500 characters.")})
    return _answer(timesheet, IncomingTimesheet.Status.DISPUTED, DISPUTED, comment=comment, actor=actor, reason=reason)


def _sent_timesheet(peer: Peer, payload: dict, allowed: frozenset) -> PeerTimesheet:
    payload_refuse_unknown(payload, allowed)
    reference, timesheet_ref = payload_reference(payload), payload_reference(payload, "timesheet")
    timesheet = (
        PeerTimesheet.objects.select_for_update()
        .filter(pk=timesheet_ref, contract_id=reference, contract__client__peer=peer)
        .first()
    )
    if timesheet is None:
        raise ValidationError(
            {"timesheet": _("No timesheet of this installation was sent to this peer under that number.")}
        )
    if timesheet.status != PeerTimesheet.Status.SENT:
        raise ValidationError(
            {
                "status": _("This timesheet is %(status)s, not waiting for an answer.")
                % {"status": timesheet.get_status_display().lower()}
            }
        )
    return timesheet


def timesheet_confirmed_receive(peer: Peer, payload: dict) -> PeerTimesheet:
    """The client cooperative confirmed the hours: they may be invoiced. Handler of
    `contracts.timesheet_confirmed`."""
    timesheet = _sent_timesheet(peer, payload, frozenset({"contract", "timesheet"}))
    timesheet.transition_to(PeerTimesheet.Status.CONFIRMED)
    timesheet.answered_at = timezone.now()
    timesheet.full_clean()
    timesheet.save()
    return timesheet


def timesheet_disputed_receive(peer: Peer, payload: dict) -> PeerTimesheet:
    """The client cooperative disputed the hours, saying why: they may be sent again. Handler of
    `contracts.timesheet_disputed`."""
    timesheet = _sent_timesheet(peer, payload, frozenset({"contract", "timesheet", "comment"}))
    comment = payload.get("comment", "")
    if not isinstance(comment, str) or len(comment) > COMMENT_LIMIT:
        raise ValidationError({"comment": _("Give a text of at most %(longest)s characters.") % {"longest": 500}})
    timesheet.transition_to(PeerTimesheet.Status.DISPUTED)
    timesheet.answered_at = timezone.now()
    timesheet.comment = comment
    timesheet.full_clean()
    timesheet.save()
    return timesheet


HANDLERS = {
    TIMESHEET: timesheet_receive,
    CONFIRMED: timesheet_confirmed_receive,
    DISPUTED: timesheet_disputed_receive,
}
