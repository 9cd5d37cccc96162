"""Patronage dividends after adoption: the written notices of allocation, the members' consent,
and the payment of the cash part."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from coop.audit import acting, history_kwargs
from coop.models import NoticeKind, User
from coop.notices import notices_send
from coop.policy import PatronageConsent
from coop.roles import Role
from coop.selectors import policy_value
from coop.services_common import require_role, require_self

from ..models import PatronageDividend, SurplusAllocation
from ._common import ZERO
from .ledger import CASH, DIVIDENDS_PAYABLE, Line, journal_entry_post


def allocation_notices_issue(*, allocation: SurplusAllocation, actor, reason: str) -> int:
    """Issue the written notice of allocation of each dividend of the adopted `allocation`, and tell
    each member it is there. Where the bylaws make membership consent (policy number
    patronage_consent), the notice is consented as it is issued; otherwise each member signs theirs
    (`allocation_notice_consent`). Called by `surplus_allocation_adopt`, inside its transaction."""
    now = timezone.now()
    by_bylaws = policy_value("patronage_consent") == PatronageConsent.BYLAWS
    with acting(actor, reason):
        dividends = list(allocation.patronage.filter(notice_issued_at__isnull=True))
        for dividend in dividends:
            dividend.notice_issued_at = now
            if by_bylaws:
                dividend.consented_at, dividend.consent_basis = now, PatronageConsent.BYLAWS
        bulk_update_with_history(
            dividends,
            PatronageDividend,
            ["notice_issued_at", "consented_at", "consent_basis"],
            batch_size=5000,
            **history_kwargs(),
        )
    notices_send(
        User.objects.filter(pk__in=[d.member_id for d in dividends]).only("pk", "email", "language"),
        NoticeKind.ALLOCATION_NOTICE,
        lambda: (
            _("Your notice of allocation"),
            _(
                "The General Conference allocated the surplus of %(start)s to %(end)s: your notice of allocation "
                "shows your patronage dividend, the part paid in cash and the part retained in your capital account."
            )
            % {"start": date_format(allocation.period_start), "end": date_format(allocation.period_end)},
        ),
        link=reverse("finance_portal:overview"),
    )
    return len(dividends)


@transaction.atomic
def allocation_notice_consent(*, dividend: PatronageDividend, actor, reason: str) -> PatronageDividend:
    """The member consents, on their own notice of allocation, to take the retained allocation into
    account at its stated amount. Only the member does, once, on an issued notice."""
    require_self(actor, dividend.member, action=_("consent to a notice of allocation"))
    with acting(actor, reason):
        dividend = PatronageDividend.objects.select_for_update().get(pk=dividend.pk)
        if dividend.notice_issued_at is None:
            raise ValidationError({"dividend": _("This notice of allocation is not issued yet.")})
        if dividend.consented_at is not None:
            raise ValidationError({"dividend": _("You already consented to this notice of allocation.")})
        dividend.consented_at, dividend.consent_basis = timezone.now(), PatronageConsent.SIGNED
        dividend.full_clean()
        dividend.save()
    return dividend


@transaction.atomic
def patronage_cash_pay(
    *, allocation: SurplusAllocation, actor, reason: str, on: date | None = None
) -> SurplusAllocation:
    """Pay the cash part of an adopted allocation's patronage dividends (the Board): dividends
    payable are debited member by member and cash credited, on `on` (today by default). Paid once."""
    require_role(actor, Role.BOARD, action=_("pay patronage dividends"))
    on = on or timezone.localdate()
    with acting(actor, reason):
        allocation = SurplusAllocation.objects.select_for_update().get(pk=allocation.pk)
        if allocation.status != SurplusAllocation.Status.ADOPTED:
            raise ValidationError({"allocation": _("Only an adopted allocation's dividends are paid.")})
        if allocation.cash_payment_id is not None:
            raise ValidationError({"allocation": _("The cash part of these dividends is already paid.")})
        if on < allocation.period_end or on > timezone.localdate():
            raise ValidationError(
                {
                    "on": _("Pay on a day after the period ends (%(end)s) and not in the future.")
                    % {"end": date_format(allocation.period_end)}
                }
            )
        dividends = list(allocation.patronage.select_related("member").filter(cash__gt=0))
        if not dividends:
            raise ValidationError({"allocation": _("No dividend of this allocation has a cash part to pay.")})
        total = sum((d.cash for d in dividends), start=ZERO)
        lines = [Line(DIVIDENDS_PAYABLE, debit=d.cash, memo=str(d.member)) for d in dividends]
        lines.append(Line(CASH, credit=total, memo=_("Patronage dividends paid in cash")))
        allocation.cash_payment = journal_entry_post(
            date=on,
            memo=_("Patronage dividends paid: %(allocation)s") % {"allocation": allocation},
            lines=lines,
            actor=actor,
            reason=reason,
            source=f"surplus-cash:{allocation.pk}",
        )
        allocation.full_clean()
        allocation.save()
    return allocation
