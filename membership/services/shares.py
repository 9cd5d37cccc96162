"""Writes of the share register. Every issue is serialised on the cooperative's row, so the
per-owner cap holds even when purchases race on parallel connections."""

from __future__ import annotations

import math
from decimal import Decimal
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coop.audit import acting, person
from coop.ledger_feed import ledger_record_ready
from coop.models import Cooperative, NoticeKind
from coop.notices import notices_send
from coop.roles import Role
from coop.selectors import policy_value
from coop.services_common import require_role, require_self

from ..models import Member, ShareRequest, ShareTransaction
from ..selectors import shares_outstanding


def _check_quantity(quantity) -> int:
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity <= 0:
        raise ValidationError({"quantity": _("The quantity must be a whole number of shares, at least one.")})
    return quantity


def _check_may_hold(member: Member) -> None:
    if not member.has_rights:
        raise ValidationError(
            {
                "member": _("Only provisional owners and owners may buy shares; this member is %(status)s.")
                % {"status": member.get_status_display().lower()}
            }
        )


def _check_cap(member: Member, quantity: int) -> None:
    """Refuse a purchase that would take `member` over the count cap or the percentage cap.

    The percentage cap is measured against the shares outstanding after the purchase. While
    fewer people hold shares than it takes to obey it at all (ten at a 10 % cap), no holder
    could, so it binds from that number of holders on; the count cap binds from the first share.
    """
    after = member.share_balance + quantity
    cap_count = policy_value("share_cap_count")
    if cap_count and after > cap_count:
        raise ValidationError(
            {
                "quantity": _(
                    "Over the share cap: this owner holds %(held)s shares and may hold at most %(cap)s "
                    "(policy number “Share cap (count)”); at most %(room)s more can be issued."
                )
                % {"held": member.share_balance, "cap": cap_count, "room": max(cap_count - member.share_balance, 0)}
            }
        )
    cap_percent: Decimal = policy_value("share_cap_percent")
    if not cap_percent:
        return
    outstanding_after = _outstanding() + quantity
    holders_after = Member.objects.filter(share_balance__gt=0).exclude(pk=member.pk).count() + 1
    if holders_after < math.ceil(Decimal(100) / cap_percent):
        return
    if Decimal(after) * 100 > cap_percent * outstanding_after:
        raise ValidationError(
            {
                "quantity": _(
                    "Over the share cap: %(after)s of %(total)s outstanding shares would be %(pct)s %%, more than the "
                    "%(cap)s %% one owner may hold (policy number “Share cap (%% of outstanding)”)."
                )
                % {
                    "after": after,
                    "total": outstanding_after,
                    "pct": (Decimal(after) * 100 / outstanding_after).quantize(Decimal("0.1")),
                    "cap": cap_percent,
                }
            }
        )


def _outstanding() -> int:
    return shares_outstanding()


def _lock_register() -> None:
    """Serialise every change to the register on the cooperative's row."""
    if Cooperative.objects.select_for_update().filter(singleton=True).first() is None:
        raise ValidationError(_("Create the cooperative before it issues shares."))


def _append(
    member: Member, kind: str, quantity: int, *, actor, reason: str, request=None, subscription=None, par=None
) -> ShareTransaction:
    # A subscription's shares are issued at the par value its price was fixed at.
    par = par if par is not None else policy_value("share_par_value")
    change = quantity if kind == ShareTransaction.Kind.ISSUE else -quantity
    member.share_balance += change
    tx = ShareTransaction(
        member=member,
        kind=kind,
        quantity=quantity,
        change=change,
        balance_after=member.share_balance,
        par_value=par,
        amount=par * quantity,
        occurred_at=timezone.now(),
        recorded_by=person(actor),
        request=request,
        subscription=subscription,
        note=reason,
    )
    tx.full_clean()
    tx.save()
    member.full_clean()
    member.save()
    ledger_record_ready(prefix="share", pk=tx.pk)
    return tx


@transaction.atomic
def share_purchase(*, member: Member, quantity: int, actor, reason: str, request=None) -> ShareTransaction:
    """Issue `quantity` shares to `member` at par, within the per-owner cap. The Board only."""
    require_role(actor, Role.BOARD, action=_("issue shares"))
    quantity = _check_quantity(quantity)
    with acting(actor, reason):
        _lock_register()
        member = Member.objects.select_for_update().get(pk=member.pk)
        _check_may_hold(member)
        _check_cap(member, quantity)
        return _append(member, ShareTransaction.Kind.ISSUE, quantity, actor=actor, reason=reason, request=request)


@transaction.atomic
def share_redeem(*, member: Member, quantity: int, actor, reason: str, request=None) -> ShareTransaction:
    """Buy back `quantity` of `member`'s shares at par. The Board only."""
    require_role(actor, Role.BOARD, action=_("redeem shares"))
    quantity = _check_quantity(quantity)
    with acting(actor, reason):
        _lock_register()
        member = Member.objects.select_for_update().get(pk=member.pk)
        if quantity > member.share_balance:
            raise ValidationError(
                {
                    "quantity": _("Cannot redeem %(quantity)s shares: this member holds only %(held)s.")
                    % {"quantity": quantity, "held": member.share_balance}
                }
            )
        return _append(member, ShareTransaction.Kind.REDEMPTION, quantity, actor=actor, reason=reason, request=request)


@transaction.atomic
def share_request_submit(*, member: Member, kind: str, quantity: int, actor, reason: str) -> ShareRequest:
    """Record a member's request to buy or redeem shares, for the Board to decide. Only the
    member asks, for themselves."""
    require_self(actor, member.user, action=_("ask for shares"))
    quantity = _check_quantity(quantity)
    if kind not in ShareRequest.Kind.values:
        raise ValidationError({"kind": _("Choose “purchase” or “redemption”.")})
    with acting(actor, reason):
        member = Member.objects.get(pk=member.pk)
        if kind == ShareRequest.Kind.PURCHASE:
            _check_may_hold(member)
            _check_cap(member, quantity)
        elif quantity > member.share_balance:
            raise ValidationError(
                {
                    "quantity": _("Cannot redeem %(quantity)s shares: you hold only %(held)s.")
                    % {"quantity": quantity, "held": member.share_balance}
                }
            )
        share_request = ShareRequest(member=member, kind=kind, quantity=quantity, note=reason)
        share_request.full_clean()
        share_request.save()
    return share_request


def _decide(share_request: ShareRequest, status: str, *, actor, reason: str) -> ShareRequest:
    share_request = ShareRequest.objects.select_for_update().get(pk=share_request.pk)
    share_request.transition_to(status)
    share_request.decided_at = timezone.now()
    share_request.decided_by = person(actor)
    share_request.decision_note = reason
    share_request.full_clean()
    share_request.save()
    notices_send(
        [share_request.member.user],
        NoticeKind.SHARE_REQUEST_DECIDED,
        partial(_decision_text, share_request),
        reverse("membership_portal:shares"),
    )
    return share_request


def _decision_text(share_request: ShareRequest) -> tuple[str, str]:
    if share_request.status == ShareRequest.Status.APPROVED:
        subject = _("Your share request is approved")
    else:
        subject = _("Your share request is declined")
    body = _("%(kind)s of %(quantity)s shares. The Board's note: %(note)s") % {
        "kind": share_request.get_kind_display(),
        "quantity": share_request.quantity,
        "note": share_request.decision_note,
    }
    return subject, body


@transaction.atomic
def share_request_approve(*, share_request: ShareRequest, actor, reason: str) -> ShareRequest:
    """Approve a request: the shares are issued or redeemed now, under the same rules as by hand.
    The Board only."""
    require_role(actor, Role.BOARD, action=_("decide share requests"))
    with acting(actor, reason):
        share_request = _decide(share_request, ShareRequest.Status.APPROVED, actor=actor, reason=reason)
        action = share_purchase if share_request.kind == ShareRequest.Kind.PURCHASE else share_redeem
        action(
            member=share_request.member,
            quantity=share_request.quantity,
            actor=actor,
            reason=reason,
            request=share_request,
        )
    return share_request


@transaction.atomic
def share_request_reject(*, share_request: ShareRequest, actor, reason: str) -> ShareRequest:
    """Refuse a request; the reason is shown to the member. The Board only."""
    require_role(actor, Role.BOARD, action=_("decide share requests"))
    with acting(actor, reason):
        return _decide(share_request, ShareRequest.Status.REJECTED, actor=actor, reason=reason)
